import { DEFAULT_MAX_INPUT_PIXELS, DEFAULT_MAX_UPLOAD_BYTES } from '@pipeline/domain';
import * as z from 'zod';
import { ConfigError } from './errors.js';

const name = z.string({ error: 'is required' }).trim().min(1, 'is required');
const positiveInt = (fallback: number) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? undefined : Number(value)),
    z
      .number({ error: 'must be a positive integer' })
      .int('must be a positive integer')
      .positive('must be a positive integer')
      .default(fallback),
  );

const EnvSchema = z.object({
  UPLOADS_BUCKET: name,
  RENDITIONS_BUCKET: name,
  IMAGES_TABLE: name,
  EVENTS_TOPIC_ARN: name,
  MAX_UPLOAD_BYTES: positiveInt(DEFAULT_MAX_UPLOAD_BYTES),
  MAX_INPUT_PIXELS: positiveInt(DEFAULT_MAX_INPUT_PIXELS),
});

/** What every function reads from its environment. */
export interface PipelineConfig {
  uploadsBucket: string;
  renditionsBucket: string;
  imagesTable: string;
  eventsTopicArn: string;
  /** Uploads larger than this are rejected without downloading them. */
  maxUploadBytes: number;
  /** Decoding limit handed to sharp (width x height). */
  maxInputPixels: number;
}

/**
 * Reads and validates the pipeline environment (set by Terraform, or by the
 * local runtime from `terraform output`).
 *
 * Required: UPLOADS_BUCKET, RENDITIONS_BUCKET, IMAGES_TABLE, EVENTS_TOPIC_ARN.
 * Optional: MAX_UPLOAD_BYTES and MAX_INPUT_PIXELS (defaults from `@pipeline/domain`: 50 MiB, 50 MP).
 *
 * @throws {ConfigError} naming every missing or invalid variable.
 */
export function readConfig(env: Record<string, string | undefined> = process.env): PipelineConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? 'environment'),
      message: issue.message,
    }));
    throw new ConfigError(
      `Invalid environment: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`,
      problems.map((p) => p.variable),
      { cause: parsed.error },
    );
  }
  const value = parsed.data;
  return {
    uploadsBucket: value.UPLOADS_BUCKET,
    renditionsBucket: value.RENDITIONS_BUCKET,
    imagesTable: value.IMAGES_TABLE,
    eventsTopicArn: value.EVENTS_TOPIC_ARN,
    maxUploadBytes: value.MAX_UPLOAD_BYTES,
    maxInputPixels: value.MAX_INPUT_PIXELS,
  };
}
