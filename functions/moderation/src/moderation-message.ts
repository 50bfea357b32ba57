import type { ReviewDecision } from '@pipeline/domain';
import { describeIssues, MalformedMessageError, parseJsonBody } from '@pipeline/events';
import type { SQSRecord } from 'aws-lambda';
import * as z from 'zod';

/** The reviewer recorded when the message does not name one. */
export const TOPIC_REVIEWER = 'moderation-topic';

/**
 * How far a message's `date` may be ahead of this function's clock. A date far
 * in the future would make every later review look older, so it is refused.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The decision each `update.status` stands for. */
export const DECISION_FOR_STATUS = { Pass: 'APPROVED', Reject: 'REJECTED' } as const satisfies Record<
  string,
  ReviewDecision
>;

/** A valid moderation message, as the review to record. */
export interface ModerationReview {
  imageId: string;
  review: {
    decision: ReviewDecision;
    reason: string | null;
    reviewer: string;
    /** `date` of the message, normalised to `toISOString()` form so reviews order as strings. */
    reviewedAt: string;
  };
}

const statuses = Object.keys(DECISION_FOR_STATUS) as [keyof typeof DECISION_FOR_STATUS];

// Same limits as the API's review (functions/api/src/schemas.ts); an empty reason counts as none.
const ModerationSchema = z
  .object(
    {
      id: z
        .string({ error: 'is required (an image id)' })
        .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an image id (letters, digits and hyphens, at most 64)'),
      date: z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
        error: 'must be an ISO-8601 date-time with offset (2024-05-06T07:08:09Z) or a date (2024-05-06)',
      }),
      reviewer: z
        .string({ error: 'must be a string' })
        .trim()
        .min(1, 'must not be empty')
        .max(128, 'must be at most 128 characters')
        .optional(),
      update: z.object(
        {
          status: z.enum(statuses, { error: `must be one of ${statuses.join(', ')}` }),
          reason: z
            .string({ error: 'must be a string or null' })
            .trim()
            .max(500, 'must be at most 500 characters')
            .nullish()
            .transform((reason) => reason || null),
        },
        { error: 'must be an object { "status", "reason" }' },
      ),
    },
    { error: 'must be a JSON object { "id", "date", "update" }' },
  )
  .refine((message) => message.update.status !== 'Reject' || message.update.reason !== null, {
    error: 'is required when status is Reject',
    path: ['update', 'reason'],
  });

/** Parses one moderation queue record against this function's clock (see {@link parseModerationMessage}). */
export function parseModerationRecord(record: Pick<SQSRecord, 'body'>): ModerationReview {
  return parseModerationMessage(record.body, new Date());
}

/**
 * Validates a moderation message `{ "id", "date", "update": { "status": "Pass" | "Reject",
 * "reason" }, "reviewer"? }` and turns it into the review to record.
 *
 * @param now - this function's clock, to refuse dates too far ahead (see {@link MAX_CLOCK_SKEW_MS}).
 * @throws {MalformedMessageError} (permanent) for a body that is not JSON or fails the rules, naming the field.
 */
export function parseModerationMessage(body: string, now: Date): ModerationReview {
  const json = parseJsonBody(body);
  const parsed = ModerationSchema.safeParse(json);
  if (!parsed.success) {
    const detail = describeIssues(parsed.error, 'body');
    throw new MalformedMessageError(`invalid moderation message: ${detail}`, { cause: parsed.error });
  }
  const { id, date, reviewer, update } = parsed.data;
  const reviewedAt = new Date(date);
  if (reviewedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new MalformedMessageError(`date: ${date} is in the future (now ${now.toISOString()})`);
  }
  return {
    imageId: id,
    review: {
      decision: DECISION_FOR_STATUS[update.status],
      reason: update.reason,
      reviewer: reviewer ?? TOPIC_REVIEWER,
      reviewedAt: reviewedAt.toISOString(),
    },
  };
}
