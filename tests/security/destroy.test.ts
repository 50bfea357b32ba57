/**
 * `make destroy` after uploads: scripts/destroy/destroy.ts empties the
 * stack's buckets (every version and delete marker) and terraform destroy
 * then succeeds, where terraform alone stops at BucketNotEmpty. It runs on
 * the copy of envs/aws the global setup applied to moto (awsEnvDir,
 * awsEndpoint) and destroys it; every other test here reads only the plan
 * file made before, so the order of the files does not matter.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIAL_ENV, LOCAL_REGION, localClientConfig } from '@pipeline/local-aws/credentials';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from './aws-plan.ts';

const endpoint = inject('awsEndpoint');
const envDir = inject('awsEnvDir');
const DESTROY = path.join(REPO_ROOT, 'scripts', 'destroy', 'destroy.ts');

/** The destroy script as `make destroy` runs it, against moto, answering the prompt with `confirm`. */
function destroy(confirm: string) {
  const {
    AWS_PROFILE: _profile,
    AWS_SESSION_TOKEN: _token,
    TF_STATE: _state,
    TF_BACKEND_CONFIG: _backend,
    ...env
  } = process.env;
  return spawnSync('npx', ['tsx', DESTROY, '--env-dir', envDir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {
      ...env,
      CONFIRM: confirm,
      AWS_ENDPOINT_URL: endpoint,
      ...LOCAL_CREDENTIAL_ENV,
      AWS_REGION: LOCAL_REGION,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TF_IN_AUTOMATION: '1',
    },
  });
}

/** The bucket names terraform output gives for the applied copy. */
function bucketOutputs(): { uploads: string; renditions: string; web: string } {
  const result = spawnSync(path.join(REPO_ROOT, 'scripts', 'terraform.sh'), [envDir, 'output', '-json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, TF_STATE: '', TF_BACKEND_CONFIG: '' },
  });
  if (result.status !== 0) throw new Error(`terraform output failed: ${result.stderr}`);
  const outputs = JSON.parse(result.stdout) as {
    pipeline?: { value: { uploads_bucket?: string; renditions_bucket?: string } };
    web_bucket?: { value: string };
  };
  return {
    uploads: outputs.pipeline?.value.uploads_bucket ?? '',
    renditions: outputs.pipeline?.value.renditions_bucket ?? '',
    web: outputs.web_bucket?.value ?? '',
  };
}

async function bucketExists(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return false;
    throw error;
  }
}

describe.skipIf(!endpoint || !envDir)('make destroy (scripts/destroy) on the stack applied to moto', () => {
  let s3: S3Client;
  let buckets: ReturnType<typeof bucketOutputs>;

  beforeAll(async () => {
    s3 = new S3Client({ ...localClientConfig(endpoint), forcePathStyle: true });
    buckets = bucketOutputs();
    // moto 5.2.1 applies a bucket policy's Deny to object requests without
    // evaluating its condition, so the buckets' TLS-only deny would refuse
    // these plain-HTTP requests (and the script's). AWS evaluates it, and the
    // script's HTTPS requests pass it (iam-tls.test.ts): drop it here only.
    for (const bucket of Object.values(buckets)) {
      await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    }
    // Uploads with versioning on: two versions of one key and a delete marker, which plain deletes leave behind.
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: buckets.uploads,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    const put = (Bucket: string, Key: string, Body: string) =>
      s3.send(new PutObjectCommand({ Bucket, Key, Body }));
    await put(buckets.uploads, 'uploads/owner-1/a.jpg', 'first version');
    await put(buckets.uploads, 'uploads/owner-1/a.jpg', 'second version');
    await put(buckets.uploads, 'uploads/owner-1/b.png', 'to be deleted');
    await s3.send(new DeleteObjectCommand({ Bucket: buckets.uploads, Key: 'uploads/owner-1/b.png' }));
    await put(buckets.renditions, 'renditions/a/w320.webp', 'rendition');
    await put(buckets.renditions, 'renditions/a/w1024.webp', 'rendition');
    await put(buckets.web, 'index.html', '<!doctype html>');
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: buckets.uploads }));
    expect(versions.Versions).toHaveLength(3);
    expect(versions.DeleteMarkers).toHaveLength(1);
  }, 120_000);

  afterAll(() => s3?.destroy());

  it('deletes nothing unless confirmed', async () => {
    const refused = destroy('no');
    expect(refused.stderr).toContain('not confirmed; nothing was deleted');
    expect(refused.status).toBe(1);
    expect(await bucketExists(s3, buckets.uploads)).toBe(true);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: buckets.uploads }));
    expect(versions.Versions).toHaveLength(3);
  }, 120_000);

  it('turns deletion protection off, empties every bucket, then terraform destroy succeeds and the buckets are gone', async () => {
    const result = destroy('yes');
    // moto refuses DeleteTable while DeletionProtectionEnabled is set, as AWS does.
    expect(result.stdout).toContain('turns deletion protection off');
    expect(result.stdout).toContain('✔ deletion protection is off');
    expect(result.stdout).toContain(
      `✔ emptied s3://${buckets.uploads} (4 object versions and delete markers)`,
    );
    expect(result.stdout).toContain(
      `✔ emptied s3://${buckets.renditions} (2 object versions and delete markers)`,
    );
    expect(result.status, result.stderr.split('\n').slice(-30).join('\n')).toBe(0);
    for (const bucket of Object.values(buckets)) expect(await bucketExists(s3, bucket)).toBe(false);
    expect(bucketOutputs()).toEqual({ uploads: '', renditions: '', web: '' });
  }, 600_000);
});
