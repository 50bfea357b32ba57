/**
 * `make destroy`: removes everything `make deploy` created. Terraform alone
 * cannot, because S3 refuses to delete a bucket that still holds objects
 * (BucketNotEmpty) and the buckets hold every upload and rendition. So:
 *
 *   1. read the stack's buckets from `terraform output` (uploads_bucket,
 *      renditions_bucket, web_bucket);
 *   2. ask for confirmation: type the stack's name (name_prefix without its
 *      trailing '-', default "image-pipeline") or "yes". CONFIRM=<same>
 *      answers without a prompt (tests, CI); without a terminal and without
 *      CONFIRM nothing is deleted;
 *   3. empty each bucket: every object version and delete marker;
 *   4. `scripts/terraform.sh <env> destroy -auto-approve`. If it still meets
 *      BucketNotEmpty (a function wrote a rendition while step 3 ran), empty
 *      the buckets again and destroy once more.
 *
 *   npx tsx scripts/destroy/destroy.ts [--env-dir <dir>]   (or DESTROY_ENV_DIR)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { S3Client } from '@aws-sdk/client-s3';
import { readTfVars } from '../doctor/tf-vars.ts';
import { emptyBucket } from './empty-bucket.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const TERRAFORM = path.join(REPO_ROOT, 'scripts', 'terraform.sh');
const BUCKET_OUTPUTS = ['uploads_bucket', 'renditions_bucket', 'web_bucket'] as const;

const flag = process.argv.indexOf('--env-dir');
const envDir = path.resolve(
  (flag >= 0 ? process.argv[flag + 1] : undefined) ||
    process.env.DESTROY_ENV_DIR ||
    path.join(REPO_ROOT, 'terraform', 'envs', 'aws'),
);

/** Runs scripts/terraform.sh; stdout is captured when `capture`, else shown. Resolves with the exit code and output. */
function terraform(
  args: string[],
  capture: boolean,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TERRAFORM, [envDir, ...args], {
      cwd: REPO_ROOT,
      stdio: ['inherit', capture ? 'pipe' : 'inherit', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The stack's name: name_prefix as Terraform sees it, without the trailing '-'. */
function stackName(): string {
  const prefix = readTfVars(envDir, ['name_prefix']).name_prefix?.value;
  return String(prefix ?? 'image-pipeline-').replace(/-+$/, '') || 'image-pipeline';
}

/** True when the user (or CONFIRM) typed the stack's name or "yes". */
async function confirmed(name: string): Promise<boolean> {
  const accepted = (answer: string) => ['yes', name].includes(answer.trim());
  if (process.env.CONFIRM) return accepted(process.env.CONFIRM);
  if (!process.stdin.isTTY) {
    console.error('destroy: no terminal to ask on; set CONFIRM=yes to destroy without a prompt.');
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return accepted(await prompt.question(`Type the stack's name (${name}) or "yes" to destroy it: `));
  } finally {
    prompt.close();
  }
}

async function emptyAll(s3: S3Client, buckets: string[]): Promise<void> {
  for (const bucket of buckets) {
    const { deleted, existed } = await emptyBucket(s3, bucket);
    console.log(
      existed
        ? `✔ emptied s3://${bucket} (${deleted} object versions and delete markers)`
        : `✔ s3://${bucket} is gone already`,
    );
  }
}

async function main(): Promise<number> {
  const output = await terraform(['output', '-json'], true);
  if (output.code !== 0) {
    console.error(`destroy: terraform output failed in ${envDir} (exit ${output.code})`);
    return output.code;
  }
  const outputs = JSON.parse(output.stdout || '{}') as Record<string, { value?: unknown }>;
  const buckets = BUCKET_OUTPUTS.map((name) => outputs[name]?.value).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  const region = typeof outputs.region?.value === 'string' ? outputs.region.value : undefined;
  const name = stackName();

  console.log(
    `This destroys the stack "${name}" of ${path.relative(REPO_ROOT, envDir) || envDir}: every resource in its Terraform state.`,
  );
  console.log(
    buckets.length > 0
      ? `It first deletes every object (all versions) in: ${buckets.join(', ')}. Uploads and renditions cannot be recovered.`
      : 'The state names no buckets (nothing deployed, or deployed elsewhere).',
  );
  if (!(await confirmed(name))) {
    console.error('destroy: not confirmed; nothing was deleted.');
    return 1;
  }

  const s3 = new S3Client({ ...(region ? { region } : {}), forcePathStyle: !!process.env.AWS_ENDPOINT_URL });
  try {
    await emptyAll(s3, buckets);
    console.log(`▸ terraform destroy ${path.relative(REPO_ROOT, envDir) || envDir}`);
    let result = await terraform(['destroy', '-auto-approve', '-input=false'], false);
    if (result.code !== 0 && /BucketNotEmpty/.test(result.stderr)) {
      console.log('▸ a bucket filled up again meanwhile: emptying and destroying once more');
      await emptyAll(s3, buckets);
      result = await terraform(['destroy', '-auto-approve', '-input=false'], false);
    }
    if (result.code === 0) console.log('✔ destroyed');
    return result.code;
  } finally {
    s3.destroy();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`destroy: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
