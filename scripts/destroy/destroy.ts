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
 *   3. turn the deletion protections off (the tables' DeletionProtectionEnabled
 *      and the user pool's DeletionProtection, on by default in envs/aws; AWS
 *      refuses DeleteTable and DeleteUserPool while they are set): a targeted
 *      `terraform apply -var <protection>=false` of just those resources,
 *      for each protection variable the env declares;
 *   4. empty each bucket: every object version and delete marker;
 *   5. `scripts/terraform.sh <env> destroy -auto-approve`. If it still meets
 *      BucketNotEmpty (a function wrote a rendition while step 4 ran), empty
 *      the buckets again and destroy once more. (The destroy passes the same
 *      -var so its refresh does not plan the protections back on.)
 *
 *   npx tsx scripts/destroy/destroy.ts [--env-dir <dir>]   (or DESTROY_ENV_DIR)
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { S3Client } from '@aws-sdk/client-s3';
import { readTfVars } from '@pipeline/doctor/tf-vars.ts';
import { emptyBucket } from './empty-bucket.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const TERRAFORM = path.join(REPO_ROOT, 'scripts', 'terraform.sh');
const BUCKET_OUTPUTS = ['uploads_bucket', 'renditions_bucket', 'web_bucket'] as const;

/**
 * The env variables that make AWS refuse a delete, and the resources they
 * protect (targets of the apply that turns them off). envs/aws declares
 * them; envs/local does not (nothing is protected there).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html
 */
const PROTECTIONS: Record<string, string[]> = {
  deletion_protection_enabled: [
    'module.pipeline.module.table.aws_dynamodb_table.this',
    'module.pipeline.module.table.aws_dynamodb_table.idempotency',
    'module.pipeline.module.table.aws_dynamodb_table.counters',
    'module.pipeline.module.table.aws_dynamodb_table.near_duplicates',
  ],
  user_pool_deletion_protection_enabled: ['module.pipeline.module.auth.aws_cognito_user_pool.this'],
};

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

/** The protection variables the env declares (a -var of an undeclared one is an error). */
function declaredProtections(): string[] {
  const source = readdirSync(envDir)
    .filter((file) => file.endsWith('.tf'))
    .map((file) => readFileSync(path.join(envDir, file), 'utf8'))
    .join('\n');
  return Object.keys(PROTECTIONS).filter((name) => new RegExp(`variable\\s+"${name}"`).test(source));
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

/**
 * `terraform output -json` as name -> value, with the fields of the runtime
 * contract (the `pipeline` object output) read as outputs of their own.
 */
function readOutputs(json: string): Record<string, unknown> {
  const raw = JSON.parse(json || '{}') as Record<string, { value?: unknown }>;
  const values = Object.fromEntries(Object.entries(raw).map(([name, output]) => [name, output?.value]));
  const contract = values.pipeline;
  return contract && typeof contract === 'object' ? { ...contract, ...values } : values;
}

async function main(): Promise<number> {
  const output = await terraform(['output', '-json'], true);
  if (output.code !== 0) {
    console.error(`destroy: terraform output failed in ${envDir} (exit ${output.code})`);
    return output.code;
  }
  const outputs = readOutputs(output.stdout);
  const buckets = BUCKET_OUTPUTS.map((name) => outputs[name]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  const region = typeof outputs.region === 'string' ? outputs.region : undefined;
  const name = stackName();
  const protections = declaredProtections();
  const offVars = protections.flatMap((variable) => ['-var', `${variable}=false`]);

  console.log(
    `This destroys the stack "${name}" of ${path.relative(REPO_ROOT, envDir) || envDir}: every resource in its Terraform state.`,
  );
  console.log(
    buckets.length > 0
      ? `It first deletes every object (all versions) in: ${buckets.join(', ')}. Uploads and renditions cannot be recovered.`
      : 'The state names no buckets (nothing deployed, or deployed elsewhere).',
  );
  if (protections.length > 0) {
    console.log(
      `It first turns deletion protection off (${protections.join(', ')}): the images table and the user pool with every account in it are then deleted too.`,
    );
  }
  if (!(await confirmed(name))) {
    console.error('destroy: not confirmed; nothing was deleted.');
    return 1;
  }

  const s3 = new S3Client({ ...(region ? { region } : {}), forcePathStyle: !!process.env.AWS_ENDPOINT_URL });
  try {
    // Only what the state holds: a targeted apply of a resource it lacks would create it.
    const listed = await terraform(['state', 'list'], true);
    const inState = new Set(listed.code === 0 ? listed.stdout.split('\n').map((line) => line.trim()) : []);
    const targets = protections
      .flatMap((variable) => PROTECTIONS[variable] ?? [])
      .filter((address) => inState.has(address));
    if (targets.length > 0) {
      console.log(`▸ turning deletion protection off: ${protections.join(', ')}`);
      const off = await terraform(
        [
          'apply',
          '-auto-approve',
          '-input=false',
          ...offVars,
          ...targets.map((address) => `-target=${address}`),
        ],
        false,
      );
      if (off.code !== 0) {
        console.error('destroy: could not turn deletion protection off; nothing was deleted.');
        return off.code;
      }
      console.log('✔ deletion protection is off');
    }
    await emptyAll(s3, buckets);
    console.log(`▸ terraform destroy ${path.relative(REPO_ROOT, envDir) || envDir}`);
    const destroyArgs = ['destroy', '-auto-approve', '-input=false', ...offVars];
    let result = await terraform(destroyArgs, false);
    if (result.code !== 0 && /BucketNotEmpty/.test(result.stderr)) {
      console.log('▸ a bucket filled up again meanwhile: emptying and destroying once more');
      await emptyAll(s3, buckets);
      result = await terraform(destroyArgs, false);
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
