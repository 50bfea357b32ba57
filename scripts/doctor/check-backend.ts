/**
 * Check (d): where Terraform keeps the state. Without TF_BACKEND_CONFIG it
 * is a local file (fine for one person on one machine); with it,
 * scripts/terraform.sh selects the S3 backend with that file, so its bucket
 * must exist, and have versioning so a bad write of the state can be undone.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GetBucketVersioningCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { type CheckLine, errorText, fail, ok, warn } from './check-line.ts';
import { parseTfvars } from './tf-vars.ts';

/** The first line of the backend override scripts/terraform.sh writes for TF_BACKEND_CONFIG. */
const OVERRIDE_MARKER = '# Written by scripts/terraform.sh for TF_BACKEND_CONFIG.';

/** bucket, key, region and use_lockfile of a `-backend-config` file (the same `key = value` syntax as tfvars). */
export function readBackendConfig(file: string): Record<string, string | boolean | number> {
  const result: Record<string, string | boolean | number> = {};
  for (const [key, { value }] of parseTfvars(readFileSync(file, 'utf8'))) {
    if (value !== undefined && value !== null) result[key] = value;
  }
  return result;
}

/** HTTP status of an SDK error ($metadata), when it has one. */
function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/**
 * The backend lines.
 * @param backendConfig TF_BACKEND_CONFIG (undefined or empty: local state)
 * @param makeS3 builds the S3 client for the bucket's region (tests pass their endpoint through the env)
 */
export async function checkBackend(options: {
  backendConfig: string | undefined;
  envDir: string;
  defaultRegion: string;
  makeS3?: (region: string) => S3Client;
}): Promise<CheckLine[]> {
  const { backendConfig, envDir, defaultRegion } = options;
  if (!backendConfig) return localStateLines(envDir);
  if (!existsSync(backendConfig)) {
    return [
      fail(
        `TF_BACKEND_CONFIG=${backendConfig}: no such file`,
        'copy terraform/envs/aws/backend.s3.tfbackend.example, fill in the bucket, and point TF_BACKEND_CONFIG at it (or unset it for local state)',
      ),
    ];
  }
  const config = readBackendConfig(backendConfig);
  const bucket = typeof config.bucket === 'string' ? config.bucket : undefined;
  if (!bucket)
    return [
      fail(`${backendConfig}: no bucket = "..." line`, 'add the state bucket\'s name as bucket = "<name>"'),
    ];
  const region = typeof config.region === 'string' ? config.region : defaultRegion;
  const makeS3 =
    options.makeS3 ??
    ((r: string) => new S3Client({ region: r, forcePathStyle: !!process.env.AWS_ENDPOINT_URL }));
  const s3 = makeS3(region);
  try {
    return await s3StateLines(s3, { backendConfig, config, bucket, region });
  } finally {
    s3.destroy();
  }
}

/** Without TF_BACKEND_CONFIG: local state, unless a backend override left by scripts/terraform.sh says otherwise. */
function localStateLines(envDir: string): CheckLine[] {
  const override = path.join(envDir, 'backend_override.tf');
  if (existsSync(override) && readFileSync(override, 'utf8').includes(OVERRIDE_MARKER)) {
    return [
      fail(
        `${override} selects S3 state, but TF_BACKEND_CONFIG is not set (scripts/terraform.sh refuses to run)`,
        'export TF_BACKEND_CONFIG=<your backend file> again, or delete that file and run `scripts/terraform.sh terraform/envs/aws init -migrate-state` to bring the state back to local',
      ),
    ];
  }
  return [
    ok(`Terraform state: local (${envDir}/terraform.tfstate)`),
    warn(
      'local state is neither shared nor locked: keep it safe, and deploy this stack from this machine only',
      'to share it, set TF_BACKEND_CONFIG to a copy of terraform/envs/aws/backend.s3.tfbackend.example (docs/deploy.md)',
    ),
  ];
}

interface S3Backend {
  backendConfig: string;
  config: Record<string, string | boolean | number>;
  bucket: string;
  region: string;
}

/** The S3 backend's lines: its bucket exists and is versioned, the file names a key and turns on locking. */
async function s3StateLines(s3: S3Client, backend: S3Backend): Promise<CheckLine[]> {
  const { backendConfig, config, bucket, region } = backend;
  const enable = `aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled`;
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    return [missingBucketLine(error, backend, enable)];
  }
  const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  const lines: CheckLine[] = [];
  if (versioning.Status === 'Enabled') {
    lines.push(
      ok(
        `Terraform state: s3://${bucket}/${config.key ?? '(no key!)'} in ${region}, versioning on (${backendConfig})`,
      ),
    );
  } else {
    lines.push(
      fail(
        `state bucket ${bucket}: versioning is ${versioning.Status ?? 'off'}; a bad state write could not be undone`,
        enable,
      ),
    );
  }
  if (typeof config.key !== 'string')
    lines.push(fail(`${backendConfig}: no key = "..." line`, 'add key = "image-pipeline/terraform.tfstate"'));
  if (config.use_lockfile !== true) {
    lines.push(
      warn(
        'the S3 backend does not lock the state (use_lockfile is not true): two applies at once can corrupt it',
        `add use_lockfile = true to ${backendConfig}`,
      ),
    );
  }
  return lines;
}

/** The line for a HeadBucket that failed: missing, forbidden, or something else. */
function missingBucketLine(error: unknown, backend: S3Backend, enable: string): CheckLine {
  const { backendConfig, bucket, region } = backend;
  const status = statusOf(error);
  if (status === 404) {
    const create = `aws s3api create-bucket --bucket ${bucket} --region ${region}${region === 'us-east-1' ? '' : ` --create-bucket-configuration LocationConstraint=${region}`}`;
    return fail(`state bucket ${bucket} (${backendConfig}) does not exist`, `${create} && ${enable}`);
  }
  if (status === 403) {
    return fail(
      `state bucket ${bucket}: access denied to these credentials`,
      'allow s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on it',
    );
  }
  return fail(
    `state bucket ${bucket}: ${errorText(error)}`,
    'check the bucket name and region in the backend file',
  );
}
