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
  NEAR_DUPLICATES_TABLE: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
  MAX_UPLOAD_BYTES: positiveInt(DEFAULT_MAX_UPLOAD_BYTES),
  MAX_INPUT_PIXELS: positiveInt(DEFAULT_MAX_INPUT_PIXELS),
});

/** What every function reads from its environment. */
export interface PipelineConfig {
  uploadsBucket: string;
  renditionsBucket: string;
  imagesTable: string;
  eventsTopicArn: string;
  /**
   * The near-duplicate index's table (NEAR_DUPLICATES_TABLE). Terraform sets it
   * on every function, but only resize, delete and the API use it, and they
   * ask for it with {@link nearDuplicatesTableOf}: a function that never
   * touches the index need not have it.
   */
  nearDuplicatesTable?: string;
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
 * Optional: NEAR_DUPLICATES_TABLE (see {@link nearDuplicatesTableOf}), MAX_UPLOAD_BYTES and MAX_INPUT_PIXELS (defaults from `@pipeline/domain`: 50 MiB, 50 MP).
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
    ...(value.NEAR_DUPLICATES_TABLE ? { nearDuplicatesTable: value.NEAR_DUPLICATES_TABLE } : {}),
    maxUploadBytes: value.MAX_UPLOAD_BYTES,
    maxInputPixels: value.MAX_INPUT_PIXELS,
  };
}

/**
 * The near-duplicates table of a function that uses the index (resize, delete, the API).
 * @throws {ConfigError} when NEAR_DUPLICATES_TABLE was not set.
 */
export function nearDuplicatesTableOf(config: Pick<PipelineConfig, 'nearDuplicatesTable'>): string {
  if (!config.nearDuplicatesTable) {
    throw new ConfigError('Invalid environment: NEAR_DUPLICATES_TABLE is required', [
      'NEAR_DUPLICATES_TABLE',
    ]);
  }
  return config.nearDuplicatesTable;
}
