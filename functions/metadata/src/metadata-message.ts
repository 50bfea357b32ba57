import {
  describeIssues,
  ImageDetailRules,
  MalformedMessageError,
  parseJsonBody,
  UnexpectedMessageError,
} from '@pipeline/events';
import type { SQSRecord } from 'aws-lambda';
import * as z from 'zod';

/** The SNS message attribute (an SQS message attribute with raw delivery) that names the field. */
export const METADATA_TYPE_ATTRIBUTE = 'metadata_type';

/** Each `metadata_type` value and the record field it sets. */
export const FIELD_FOR_TYPE = { Caption: 'caption', Date: 'takenAt', Name: 'photographer' } as const;

/** One of `Caption`, `Date`, `Name`. */
export type MetadataType = keyof typeof FIELD_FOR_TYPE;

/** A record field a metadata message can set. */
export type MetadataField = (typeof FIELD_FOR_TYPE)[MetadataType];

/** A valid metadata message: which image, which field, the new value (`null` clears the field). */
export interface MetadataUpdate {
  imageId: string;
  field: MetadataField;
  value: string | null;
}

// Same shape as the API's {id} path parameter; extra body fields are ignored.
const ImageIdSchema = z
  .string({ error: 'is required (an image id)' })
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an image id (letters, digits and hyphens, at most 64)');

/** The `metadata_type` attribute of a queue record, when it is a string. */
export function metadataTypeOf(record: Pick<SQSRecord, 'messageAttributes'>): string | undefined {
  return record.messageAttributes?.[METADATA_TYPE_ATTRIBUTE]?.stringValue;
}

/** Parses one metadata queue record: its body and `metadata_type` attribute (see {@link parseMetadataMessage}). */
export function parseMetadataRecord(record: Pick<SQSRecord, 'body' | 'messageAttributes'>): MetadataUpdate {
  return parseMetadataMessage(record.body, metadataTypeOf(record));
}

/**
 * Validates a metadata message: the `metadata_type` attribute names the field,
 * the body is `{ "id": "<imageId>", "value": <new value or null> }`.
 *
 * @throws {UnexpectedMessageError} (permanent) for a missing or unknown `metadata_type`.
 * @throws {MalformedMessageError} (permanent) for a body that is not JSON or fails the rules, naming the field.
 */
export function parseMetadataMessage(body: string, metadataType: string | undefined): MetadataUpdate {
  const field = fieldFor(metadataType);
  const json = parseJsonBody(body);
  const schema = z.object(
    { id: ImageIdSchema, value: ImageDetailRules[field] },
    { error: 'must be a JSON object { "id", "value" }' },
  );
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const detail = describeIssues(parsed.error, 'body');
    throw new MalformedMessageError(`invalid ${metadataType} message: ${detail}`, { cause: parsed.error });
  }
  return { imageId: parsed.data.id, field, value: parsed.data.value };
}

function fieldFor(metadataType: string | undefined): MetadataField {
  if (metadataType !== undefined && Object.hasOwn(FIELD_FOR_TYPE, metadataType)) {
    return FIELD_FOR_TYPE[metadataType as MetadataType];
  }
  const expected = Object.keys(FIELD_FOR_TYPE).join(', ');
  throw new UnexpectedMessageError(
    metadataType === undefined
      ? `${METADATA_TYPE_ATTRIBUTE}: missing (a String attribute, one of ${expected})`
      : `${METADATA_TYPE_ATTRIBUTE}: unknown value "${metadataType}"; expected one of ${expected}`,
  );
}
