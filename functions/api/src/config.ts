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

/** The API's environment: the pipeline's plus its own. */
export interface ApiConfig extends PipelineConfig {
  /** Largest body POST /images accepts, in bytes. */
  maxDirectUploadBytes: number;
  /** Base URL rendition keys are appended to (CloudFront in AWS, moto's bucket URL locally); no trailing slash. */
  renditionsBaseUrl: string;
  /** Cognito group whose members are moderators. */
  moderatorsGroup: string;
}

const ApiEnvSchema = z.object({
  MAX_DIRECT_UPLOAD_BYTES: z.preprocess(
    (value) => (value === undefined || value === '' ? undefined : Number(value)),
    z
      .number({ error: 'must be a positive integer' })
      .int('must be a positive integer')
      .positive('must be a positive integer')
      .default(DEFAULT_MAX_DIRECT_UPLOAD_BYTES),
  ),
  RENDITIONS_BASE_URL: z.url({ error: 'must be an http(s) URL', protocol: /^https?$/ }),
  MODERATORS_GROUP: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().trim().min(1).default(DEFAULT_MODERATORS_GROUP),
  ),
});

/**
 * Reads the API's environment: everything `readConfig` reads, plus
 * RENDITIONS_BASE_URL (required), MAX_DIRECT_UPLOAD_BYTES (default 4194304)
 * and MODERATORS_GROUP (default `moderators`).
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
  };
}
