import { domainEventBody, storedItem as stored } from '../../../tests/support/lambda-unit.ts';

export {
  body,
  config,
  deps,
  emfDuring,
  makeSmallJpeg as makeJpeg,
  type QueueHandler,
  sqsEvent,
  stubFunctionEnv,
} from '../../../tests/support/lambda-unit.ts';

const IMAGE_ID = 'img-1';

/** An image.accepted event body about img-1. */
export const acceptedBody = (overrides: Record<string, unknown> = {}) =>
  domainEventBody('image.accepted', IMAGE_ID, overrides);

/** The stored record of img-1. */
export const storedItem = (status: string, extra: Record<string, unknown> = {}) =>
  stored(IMAGE_ID, status, extra);
