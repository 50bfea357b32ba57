import { decodeS3Key, parseUploadKey, type UploadKey } from '@pipeline/domain';
import * as z from 'zod';

/** One S3 notification record, reduced to what the pipeline reads. Unknown fields are dropped. */
export const S3EventRecordSchema = z.object({
  eventName: z.string().min(1),
  eventTime: z.string().min(1),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      /** URL-encoded with `+` for spaces: decode with `decodeS3Key`. */
      key: z.string().min(1),
      /** Absent on ObjectRemoved events in AWS. */
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      /** Absent in moto. */
      sequencer: z.string().optional(),
    }),
  }),
});

/** The body S3 delivers (raw SNS delivery): `{ Records: [...] }`. */
export const S3EventSchema = z.object({ Records: z.array(S3EventRecordSchema) });

/** A parsed S3 notification record. */
export type S3EventRecord = z.infer<typeof S3EventRecordSchema>;

/** `true` for `ObjectCreated:*` records. */
export function isObjectCreated(record: S3EventRecord): boolean {
  return record.eventName.startsWith('ObjectCreated:');
}

/** `true` for `ObjectRemoved:*` records (Delete and DeleteMarkerCreated). */
export function isObjectRemoved(record: S3EventRecord): boolean {
  return record.eventName.startsWith('ObjectRemoved:');
}

/** Where an S3 record points, and the upload it names when it is one of ours. */
export interface UploadRecord {
  /** The event name, bucket and decoded key: what a log line about the record names. */
  where: { eventName: string; bucket: string; key: string };
  /** The parsed upload key; undefined for another bucket or a key that is not an upload. */
  upload: UploadKey | undefined;
}

/** Reads an S3 record's bucket and key, and the upload they name when the bucket is `uploadsBucket`. */
export function uploadRecordOf(record: S3EventRecord, uploadsBucket: string): UploadRecord {
  const bucket = record.s3.bucket.name;
  const key = decodeS3Key(record.s3.object.key);
  const upload = bucket === uploadsBucket ? (parseUploadKey(key) ?? undefined) : undefined;
  return { where: { eventName: record.eventName, bucket, key }, upload };
}
