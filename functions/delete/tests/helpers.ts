import { aboutImage } from '@pipeline/testing';

export * from '@pipeline/testing';

const image = aboutImage('3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f');

/** An image.delete_requested event body about the image the delete tests work on. */
export const deleteRequestedBody = (overrides: Record<string, unknown> = {}) =>
  image.eventBody('image.delete_requested', overrides);

/** The stored record of that image. */
export const storedItem = image.storedItem;
