/**
 * A plan of terraform/envs/aws whose values are all known, made without an
 * AWS account: a copy of the env is applied to a moto server, then planned
 * again (`plan -out` + `show -json`). A plan of a fresh stack would leave
 * every ARN, and so every IAM policy document, "known after apply".
 *
 * The copy differs from envs/aws only in what moto needs, written as a
 * Terraform override file (see MOTO_OVERRIDE): fake credentials, path-style
 * S3, and no DLQ RedriveAllowPolicy (moto does not store it, so the provider
 * would wait for it forever); and in a terraform.tfvars (MOTO_TFVARS) with
 * the required mail_from and what moto cannot do. Every other variable keeps
 * its default, which is what the checks assert on. Every endpoint goes to moto through
 * AWS_ENDPOINT_URL. The functions are the real manifests with stub zips,
 * so the plan does not depend on `turbo run package`.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { LOCAL_CREDENTIAL_ENV, LOCAL_REGION } from '@pipeline/local-aws/credentials';

/** The repository root. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Merged into the copy of envs/aws; everything else is the env as committed. */
export const MOTO_OVERRIDE = `# Written by tests/security/aws-plan.ts: envs/aws against moto.
provider "aws" {
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  s3_use_path_style           = true
}

# moto does not store a queue's RedriveAllowPolicy (the provider would wait for it),
# and cannot apply the SESv2 configuration set (its GetConfigurationSet answer
# does not parse; it has no event destination API): the set is named, so the
# mailer's grant and environment are what AWS gets, but not created.
module "pipeline" {
  redrive_allow_policy_enabled             = false
  mail_configuration_set_resources_enabled = false
}
`;

/**
 * The copy's terraform.tfvars: the one required variable, and no wait for
 * S3's destination validation (moto does not validate).
 */
export const MOTO_TFVARS = `# Written by tests/security/aws-plan.ts: envs/aws against moto.
mail_from                           = "photos@mail.image-pipeline.dev"
destination_validation_wait_seconds = 0
`;

/** A deployment package the plan can hash; what it holds does not matter to IAM. */
const STUB_ZIP = Buffer.from(
  // An empty zip archive: just the end-of-central-directory record.
  '504b0506000000000000000000000000000000000000',
  'hex',
);

/** What planAwsEnv made: the plan's JSON and the env directory of the applied copy. */
export interface AwsPlan {
  /** `terraform show -json` of the plan. */
  json: string;
  /** The copy of envs/aws (its state is the stack applied to moto). */
  envDir: string;
}

export interface AwsPlanOptions {
  /** moto endpoint, e.g. http://127.0.0.1:4568. */
  endpoint: string;
  /** Scratch directory for the copy, its state and the plan (emptied first). */
  workDir: string;
  /** Where terraform's output goes. */
  logFile: string;
  /** The modules the copy uses (default terraform/modules; a broken copy shows the checks fail). */
  modulesDir?: string;
}

/**
 * Lays out `<workDir>/terraform/envs/aws` (a copy plus MOTO_OVERRIDE and MOTO_TFVARS),
 * `<workDir>/terraform/modules` (a link to the modules) and
 * `<workDir>/functions/<name>/{function.json,dist/<name>.zip}`, so the env's
 * relative paths resolve as in the repository.
 * @returns the env directory of the copy.
 */
export function prepareWorkspace(
  workDir: string,
  modulesDir = path.join(REPO_ROOT, 'terraform', 'modules'),
): string {
  rmSync(workDir, { recursive: true, force: true });
  const envDir = path.join(workDir, 'terraform', 'envs', 'aws');
  mkdirSync(envDir, { recursive: true });
  const sourceEnv = path.join(REPO_ROOT, 'terraform', 'envs', 'aws');
  for (const file of readdirSync(sourceEnv)) {
    // Not a developer's S3 backend (scripts/terraform.sh, TF_BACKEND_CONFIG): the copy keeps local state.
    if (file.endsWith('.tf') && file !== 'backend_override.tf') {
      copyFileSync(path.join(sourceEnv, file), path.join(envDir, file));
    }
  }
  writeFileSync(path.join(envDir, 'zz_moto_override.tf'), MOTO_OVERRIDE);
  writeFileSync(path.join(envDir, 'terraform.tfvars'), MOTO_TFVARS);
  symlinkSync(modulesDir, path.join(workDir, 'terraform', 'modules'));

  const functionsDir = path.join(REPO_ROOT, 'functions');
  for (const name of readdirSync(functionsDir)) {
    const manifest = path.join(functionsDir, name, 'function.json');
    if (!existsSync(manifest)) continue; // not a function folder
    const target = path.join(workDir, 'functions', name);
    mkdirSync(path.join(target, 'dist'), { recursive: true });
    copyFileSync(manifest, path.join(target, 'function.json'));
    writeFileSync(path.join(target, 'dist', `${name}.zip`), STUB_ZIP);
  }
  return envDir;
}

/** Runs scripts/terraform.sh on the copy; output goes to `log`, except the stdout of `show` (the result). */
function terraform(envDir: string, args: string[], env: NodeJS.ProcessEnv, log: string[]): Promise<string> {
  const capture = args[0] === 'show';
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO_ROOT, 'scripts', 'terraform.sh'), [envDir, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => (capture ? stdout.push(chunk) : log.push(chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const out = Buffer.concat(stdout).toString();
      if (code === 0) return resolve(out);
      reject(
        new Error(
          `terraform ${args[0]} failed (exit ${code}):\n${log.join('').split('\n').slice(-30).join('\n')}`,
        ),
      );
    });
  });
}

/**
 * Applies the copy of envs/aws to moto, plans it again and returns
 * `terraform show -json` of that plan with the copy's env directory (about
 * 90 s, most of it moto's SQS and CloudFront waits). The stack stays applied.
 * @throws Error with the tail of terraform's output when a step fails.
 */
export async function planAwsEnv({
  endpoint,
  workDir,
  logFile,
  modulesDir,
}: AwsPlanOptions): Promise<AwsPlan> {
  const envDir = prepareWorkspace(workDir, modulesDir);
  // Test credentials and one endpoint for every service: nothing can reach a real account.
  const {
    AWS_PROFILE: _profile,
    AWS_SESSION_TOKEN: _token,
    TF_STATE: _state,
    TF_BACKEND_CONFIG: _backend,
    ...inherited
  } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    AWS_ENDPOINT_URL: endpoint,
    ...LOCAL_CREDENTIAL_ENV,
    AWS_REGION: LOCAL_REGION,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
  };
  const log: string[] = [];
  try {
    await terraform(envDir, ['apply', '-auto-approve', '-no-color', '-parallelism=20'], env, log);
    await terraform(envDir, ['plan', '-no-color', '-out=security.tfplan'], env, log);
    const json = await terraform(envDir, ['show', '-json', 'security.tfplan'], env, log);
    return { json, envDir };
  } finally {
    writeFileSync(logFile, log.join(''));
  }
}
