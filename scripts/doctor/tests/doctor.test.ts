/**
 * The whole doctor against moto (its own server on 4640): the credentials,
 * SES and S3 paths for real. moto 5.2.1 has no Lambda GetAccountSettings or
 * SESv2 GetAccount (both answer an HTML 404), so a small quota is injected
 * through `readQuota`; the decision itself is unit-tested in
 * check-concurrency.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { type MotoServer, startMoto } from '@pipeline/local/moto/moto-server.ts';
import { LOCAL_CREDENTIAL_ENV, LOCAL_REGION } from '@pipeline/local-aws/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckLine, formatLine } from '../check-line.ts';
import { REPO_ROOT, runDoctor } from '../run-doctor.ts';

const PORT = 4640;
const SENDER = 'photos@pipeline-doctor.dev';
let moto: MotoServer;
const saved = { ...process.env };

/** A directory holding the env's variables.tf and the given tfvars. */
function envDir(tfvars: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'doctor-env-'));
  copyFileSync(
    path.join(REPO_ROOT, 'terraform', 'envs', 'aws', 'variables.tf'),
    path.join(dir, 'variables.tf'),
  );
  writeFileSync(path.join(dir, 'terraform.tfvars'), tfvars);
  return dir;
}

const statuses = (lines: CheckLine[]) => lines.map((line) => line.status);
const failures = (lines: CheckLine[]) =>
  lines.filter((line) => line.status === 'fail').map((line) => line.text);

beforeAll(async () => {
  moto = await startMoto({ port: PORT });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: moto.endpoint,
    ...LOCAL_CREDENTIAL_ENV,
    AWS_REGION: LOCAL_REGION,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
  delete process.env.TF_BACKEND_CONFIG;
  const ses = new SESv2Client({});
  await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: SENDER }));
  ses.destroy();
});

afterAll(async () => {
  process.env = saved;
  await moto?.stop();
});

describe('make doctor against moto: account, Lambda concurrency, SES sender', () => {
  it('passes with a verified sender, reservations off and local state', async () => {
    const lines = await runDoctor({ envDir: envDir(`mail_from = "${SENDER}"\n`), env: {} });
    expect(failures(lines)).toEqual([]);
    const text = lines.map(formatLine).join('\n');
    expect(text).toContain('✔ account 123456789012');
    expect(text).toContain('✔ Lambda concurrency: nothing is reserved');
    expect(text).toContain(`✔ SES sender ${SENDER}: verified for sending`);
    expect(text).toContain('! SES in us-east-1 may be in the sandbox');
    expect(text).toContain('✔ Terraform state: local');
  });

  it('fails without mail_from, naming the fix', async () => {
    const lines = await runDoctor({ envDir: envDir(''), env: {} });
    const missing = lines.find((line) => line.text.startsWith('mail_from is not set'));
    expect(missing?.status).toBe('fail');
    expect(missing?.fix).toContain('terraform.tfvars');
  });

  it('warns that a sender without an identity is not verified', async () => {
    const lines = await runDoctor({
      envDir: envDir('mail_from = "nobody@unverified-doctor.dev"\n'),
      env: {},
    });
    const sender = lines.find((line) => line.text.startsWith('SES sender'));
    expect(sender?.status).toBe('warn');
    expect(sender?.text).toContain('no identity yet');
  });

  it('fails when reservations are on and the quota is too small', async () => {
    const lines = await runDoctor({
      envDir: envDir(`mail_from = "${SENDER}"\n`),
      env: { TF_VAR_reserved_concurrency_enabled: 'true' },
      readQuota: async () => ({ concurrentExecutions: 10, unreservedConcurrentExecutions: 10 }),
    });
    expect(failures(lines)).toEqual([expect.stringMatching(/^Lambda concurrency: .*account limit is 10/)]);
  });
});

describe('make doctor against moto: Terraform state', () => {
  it('checks the S3 state backend: missing bucket, no versioning, then ready', async () => {
    const dir = envDir(`mail_from = "${SENDER}"\n`);
    const backend = path.join(dir, 'backend.s3.tfbackend');
    writeFileSync(
      backend,
      'bucket = "doctor-state"\nkey = "image-pipeline/terraform.tfstate"\nregion = "us-east-1"\nuse_lockfile = true\n',
    );
    const env = { TF_BACKEND_CONFIG: backend };
    expect(failures(await runDoctor({ envDir: dir, env }))).toEqual([
      expect.stringContaining('does not exist'),
    ]);

    const s3 = new S3Client({ forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'doctor-state' }));
    expect(failures(await runDoctor({ envDir: dir, env }))).toEqual([
      expect.stringContaining('versioning is off'),
    ]);

    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: 'doctor-state',
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    s3.destroy();
    const lines = await runDoctor({ envDir: dir, env });
    expect(failures(lines)).toEqual([]);
    expect(statuses(lines)).not.toContain('fail');
    expect(lines.map((line) => line.text)).toContainEqual(
      expect.stringContaining('s3://doctor-state/image-pipeline/terraform.tfstate'),
    );
    expect(
      failures(await runDoctor({ envDir: dir, env: { TF_BACKEND_CONFIG: `${backend}.missing` } })),
    ).toEqual([expect.stringContaining('no such file')]);
  });

  it('fails when scripts/terraform.sh selected S3 state and TF_BACKEND_CONFIG is unset', async () => {
    const dir = envDir(`mail_from = "${SENDER}"\n`);
    writeFileSync(
      path.join(dir, 'backend_override.tf'),
      '# Written by scripts/terraform.sh for TF_BACKEND_CONFIG.\nterraform {\n  backend "s3" {}\n}\n',
    );
    expect(failures(await runDoctor({ envDir: dir, env: {} }))).toEqual([
      expect.stringContaining('TF_BACKEND_CONFIG is not set'),
    ]);
  });
});

describe('make doctor against moto: the command', () => {
  it('exits 0 when ready and 1 on a ✖, as `make doctor` runs it', () => {
    const run = (tfvars: string) =>
      spawnSync('npx', ['tsx', 'scripts/doctor/doctor.ts', '--env-dir', envDir(tfvars)], {
        cwd: REPO_ROOT,
        env: { ...process.env, TF_BACKEND_CONFIG: '' },
        encoding: 'utf8',
      });
    const ready = run(`mail_from = "${SENDER}"\n`);
    expect(ready.stdout).toContain('doctor: ready to deploy.');
    expect(ready.status).toBe(0);
    const broken = run('');
    expect(broken.stdout).toContain('✖ mail_from is not set');
    expect(broken.status).toBe(1);
  });
});
