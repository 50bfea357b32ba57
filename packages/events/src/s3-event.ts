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
