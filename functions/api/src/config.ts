import { ConfigError, type PipelineConfig, readConfig } from '@pipeline/aws';
import * as z from 'zod';

/**
 * Default for MAX_DIRECT_UPLOAD_BYTES: 4 MiB. Lambda refuses a synchronous
 * invocation whose event exceeds 6 MB, and API Gateway base64-encodes binary
 * bodies (4/3 larger): 4 MiB becomes 5.33 MiB, leaving room for headers.
 */
export const DEFAULT_MAX_DIRECT_UPLOAD_BYTES = 4_194_304;
/** Default for MODERATORS_GROUP. */
export const DEFAULT_MODERATORS_GROUP = 'moderators';
/** How long presigned upload and download URLs stay valid, in seconds. */
export const PRESIGN_TTL_SECONDS = 300;
/** Default for QUOTA_MAX_IMAGES: live images per user (see docs/api.md, Quotas). */
export const DEFAULT_QUOTA_MAX_IMAGES = 1000;
/** Default for QUOTA_MAX_BYTES: 5 GiB of live originals per user. */
export const DEFAULT_QUOTA_MAX_BYTES = 5 * 1024 ** 3;
/** Default for QUOTA_UPLOADS_PER_MINUTE: POST /uploads plus POST /images per user per minute. */
export const DEFAULT_QUOTA_UPLOADS_PER_MINUTE = 30;

/** Per-user limits on uploads (Terraform variables upload_quota_*). */
export interface UploadQuotas {
  /** Live (not DELETED or REJECTED) images one user may have. */
  maxImages: number;
  /** Total bytes of one user's live originals. */
  maxBytes: number;
  /** Upload requests (both routes together) one user may make per minute. */
  uploadsPerMinute: number;
}

/** The API's environment: the pipeline's plus its own. */
export interface ApiConfig extends PipelineConfig {
  /** Largest body POST /images accepts, in bytes. */
  maxDirectUploadBytes: number;
  /** Base URL rendition keys are appended to (CloudFront in AWS, moto's bucket URL locally); no trailing slash. */
  renditionsBaseUrl: string;
  /** Cognito group whose members are moderators. */
  moderatorsGroup: string;
  /** Per-user upload quotas and rate. */
  quotas: UploadQuotas;
}

/** A positive integer variable with a default when unset or empty. */
const positiveInt = (fallback: number) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? undefined : Number(value)),
    z
      .number({ error: 'must be a positive integer' })
      .int('must be a positive integer')
      .positive('must be a positive integer')
      .default(fallback),
  );

const ApiEnvSchema = z.object({
  MAX_DIRECT_UPLOAD_BYTES: positiveInt(DEFAULT_MAX_DIRECT_UPLOAD_BYTES),
  QUOTA_MAX_IMAGES: positiveInt(DEFAULT_QUOTA_MAX_IMAGES),
  QUOTA_MAX_BYTES: positiveInt(DEFAULT_QUOTA_MAX_BYTES),
  QUOTA_UPLOADS_PER_MINUTE: positiveInt(DEFAULT_QUOTA_UPLOADS_PER_MINUTE),
  RENDITIONS_BASE_URL: z.url({ error: 'must be an http(s) URL', protocol: /^https?$/ }),
  MODERATORS_GROUP: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().trim().min(1).default(DEFAULT_MODERATORS_GROUP),
  ),
});

/**
 * Reads the API's environment: everything `readConfig` reads, plus
 * RENDITIONS_BASE_URL (required), MAX_DIRECT_UPLOAD_BYTES (default 4194304),
 * MODERATORS_GROUP (default `moderators`), and the upload quotas
 * QUOTA_MAX_IMAGES (1000), QUOTA_MAX_BYTES (5 GiB), QUOTA_UPLOADS_PER_MINUTE (30).
 *
 * @throws {ConfigError} naming every missing or invalid variable.
 */
export function readApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const base = readConfig(env);
  const parsed = ApiEnvSchema.safeParse(env);
  if (!parsed.success) {
    const variables = parsed.error.issues.map((issue) => String(issue.path[0] ?? 'environment'));
    const detail = parsed.error.issues.map((issue, i) => `${variables[i]} ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${detail}`, variables, { cause: parsed.error });
  }
  return {
    ...base,
    maxDirectUploadBytes: parsed.data.MAX_DIRECT_UPLOAD_BYTES,
    renditionsBaseUrl: parsed.data.RENDITIONS_BASE_URL.replace(/\/+$/, ''),
    moderatorsGroup: parsed.data.MODERATORS_GROUP,
    quotas: {
      maxImages: parsed.data.QUOTA_MAX_IMAGES,
      maxBytes: parsed.data.QUOTA_MAX_BYTES,
      uploadsPerMinute: parsed.data.QUOTA_UPLOADS_PER_MINUTE,
    },
  };
}
