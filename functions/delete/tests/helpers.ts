import { domainEventBody, storedItem as stored } from '../../../tests/support/lambda-unit.ts';

export {
  config,
  deps,
  type QueueHandler,
  s3EventBody,
  sqsEvent,
  stubFunctionEnv,
} from '../../../tests/support/lambda-unit.ts';

const IMAGE_ID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';

/** An image.delete_requested event body about IMAGE_ID. */
export const deleteRequestedBody = (overrides: Record<string, unknown> = {}) =>
  domainEventBody('image.delete_requested', IMAGE_ID, overrides);

/** The stored record of IMAGE_ID. */
export const storedItem = (status: string, extra: Record<string, unknown> = {}) =>
  stored(IMAGE_ID, status, extra);
