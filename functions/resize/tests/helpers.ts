import { aboutImage } from '@pipeline/testing';

export * from '@pipeline/testing';
export { makeSmallJpeg as makeJpeg } from '@pipeline/testing';

const img1 = aboutImage('img-1');

/** An image.accepted event body about img-1. */
export const acceptedBody = (overrides: Record<string, unknown> = {}) =>
  img1.eventBody('image.accepted', overrides);

/** The stored record of img-1. */
export const storedItem = img1.storedItem;
