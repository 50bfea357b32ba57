import { ImageStatus, REVIEW_DECISIONS } from '@pipeline/domain';
import { ImageDetailRules } from '@pipeline/events';
import * as z from 'zod';

/** Largest `limit` GET /images accepts; the default is {@link DEFAULT_PAGE_SIZE}. */
export const MAX_PAGE_SIZE = 100;
/** `limit` when none is given. */
export const DEFAULT_PAGE_SIZE = 20;

/** POST /uploads. The type and size are checked against the limits by the service (415 / 413). */
export const CreateUploadBody = z.object(
  {
    filename: z
      .string({ error: 'is required (a string)' })
      .trim()
      .min(1, 'is required')
      .max(255, 'must be at most 255 characters'),
    contentType: z.string({ error: 'is required (a string)' }).trim().min(1, 'is required'),
    bytes: z
      .number({ error: 'is required (a number of bytes)' })
      .int('must be a whole number of bytes')
      .positive('must be at least 1'),
  },
  { error: 'must be a JSON object' },
);

/** PATCH /images/{id}: at least one field; `null` clears a field. Unknown fields are refused. */
export const UpdateImageBody = z
  .strictObject(
    {
      caption: ImageDetailRules.caption.optional(),
      takenAt: ImageDetailRules.takenAt.optional(),
      photographer: ImageDetailRules.photographer.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field(s) ${issue.keys.join(', ')}; only caption, takenAt, photographer can be edited`
          : 'must be a JSON object',
    },
  )
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: 'give at least one of caption, takenAt, photographer',
  });

/** POST /images/{id}/review: a reason is required to reject. */
export const ReviewBody = z
  .object(
    {
      decision: z.enum(REVIEW_DECISIONS, { error: `must be one of ${REVIEW_DECISIONS.join(', ')}` }),
      reason: z
        .string({ error: 'must be a string' })
        .trim()
        .min(1, 'must not be empty')
        .max(500, 'must be at most 500 characters')
        .optional(),
    },
    { error: 'must be a JSON object' },
  )
  .refine((body) => body.decision !== 'REJECTED' || body.reason !== undefined, {
    error: 'is required when decision is REJECTED',
    path: ['reason'],
  });

/** GET /images query string. */
export const ListImagesQuery = z.object({
  status: z
    .enum(ImageStatus, { error: `must be one of ${Object.values(ImageStatus).join(', ')}` })
    .optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1, 'must not be empty').optional(),
  owner: z.string().min(1, 'must not be empty').optional(),
});
