import * as z from 'zod';

/** Longest caption, in characters. */
export const CAPTION_MAX_LENGTH = 500;
/** Longest photographer name, in characters. */
export const PHOTOGRAPHER_MAX_LENGTH = 100;

// `undefined` only reaches these schemas where the value is required (a metadata message);
// the API wraps them in `.optional()`, so it only ever sees the second message.
const invalid = (message: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required (null clears the field)' : message;

const text = (max: number) =>
  z
    .string({ error: invalid('must be a string or null') })
    .max(max, `must be at most ${max} characters`)
    .nullable();

/**
 * The rules for the owner's details of an image (`null` clears a field), one schema per
 * field. Shared by the API's PATCH /images/{id} and the metadata queue, so a field means
 * the same whichever way it was set.
 */
export const ImageDetailRules = {
  caption: text(CAPTION_MAX_LENGTH),
  takenAt: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: invalid('must be an ISO-8601 date (2024-05-06) or date-time (2024-05-06T07:08:09Z), or null'),
    })
    .nullable(),
  photographer: text(PHOTOGRAPHER_MAX_LENGTH),
} as const;

/** A field {@link ImageDetailRules} has a rule for. */
export type ImageDetailField = keyof typeof ImageDetailRules;
