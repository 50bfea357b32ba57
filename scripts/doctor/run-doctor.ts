/**
 * The doctor's checks in order, as lines; the CLI (doctor.ts) prints them.
 * Everything AWS-facing goes through the SDK's normal credential chain and
 * honours AWS_ENDPOINT_URL, so the tests run it against moto.
 */
import path from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import {
  type AwsContext,
  awsContext,
  getCallerIdentity,
  getLambdaQuota,
  type LambdaQuota,
  sdkRegion,
} from './aws-context.ts';
import { checkBackend } from './check-backend.ts';
import { checkConcurrency } from './check-concurrency.ts';
import { type CheckLine, errorText, fail, ok, warn } from './check-line.ts';
import { checkMailFrom, checkSes } from './check-ses.ts';
import { readTfVars } from './tf-vars.ts';

/** The repository root. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface DoctorOptions {
  /** The env Terraform applies (default terraform/envs/aws). */
  envDir?: string;
  /** Where the function manifests are (default functions/). */
  functionsDir?: string;
  /** Environment holding TF_VAR_* and TF_BACKEND_CONFIG (default process.env); AWS settings always come from process.env, as for the SDK. */
  env?: NodeJS.ProcessEnv;
  /** Reads the Lambda quota (default: GetAccountSettings); tests inject one moto cannot express. */
  readQuota?: (context: AwsContext) => Promise<LambdaQuota>;
}

const VARIABLES = ['region', 'mail_from', 'mail_domain', 'reserved_concurrency_enabled'] as const;

/** Runs every check; each line is ✔, ✖ or ! (see check-line.ts). */
export async function runDoctor(options: DoctorOptions = {}): Promise<CheckLine[]> {
  const env = options.env ?? process.env;
  const envDir = options.envDir ?? path.join(REPO_ROOT, 'terraform', 'envs', 'aws');
  const functionsDir = options.functionsDir ?? path.join(REPO_ROOT, 'functions');
  const vars = readTfVars(envDir, VARIABLES, env);
  const lines: CheckLine[] = [];
  for (const name of VARIABLES) {
    const unreadable = vars[name]?.unreadable;
    if (unreadable)
      lines.push(
        warn(
          `${name} in ${vars[name]?.source} is not a plain value the doctor can read (${unreadable}); assuming the default`,
        ),
      );
  }

  // (a) account and region. The stack goes to var.region; the SDK's own region is shown beside it.
  const region = String(vars.region?.value ?? 'us-east-1');
  const yours = await sdkRegion();
  const context = awsContext(region);
  try {
    const who = await getCallerIdentity(context);
    lines.push(
      ok(
        `account ${who.account} as ${who.arn}; region ${region} (var.region, ${vars.region?.source ?? 'default'}), your AWS_REGION/profile: ${yours ?? 'none'}`,
      ),
    );
  } catch (error) {
    lines.push(
      fail(
        `no working AWS credentials: ${errorText(error)}`,
        'configure credentials the AWS CLI way (aws configure, AWS_PROFILE=<profile>, aws sso login) and check that `aws sts get-caller-identity` works',
      ),
    );
    return lines; // every other AWS check would fail the same way
  }
  if (yours && yours !== region) {
    lines.push(
      warn(
        `your AWS_REGION/profile says ${yours}, but the stack deploys to ${region} (var.region); the checks below are for ${region}`,
        'set region = "<region>" in terraform.tfvars if you meant the other one',
      ),
    );
  }

  // (b) Lambda concurrency.
  const enabled = vars.reserved_concurrency_enabled?.value === true;
  lines.push(
    ...(await checkConcurrency({
      enabled,
      source: vars.reserved_concurrency_enabled?.source ?? 'default',
      functionsDir,
      readQuota: () => (options.readQuota ?? getLambdaQuota)(context),
    })),
  );

  // (c) SES.
  const mailFrom = typeof vars.mail_from?.value === 'string' ? vars.mail_from.value : undefined;
  const mailErrors = checkMailFrom(mailFrom, vars.mail_from?.source);
  lines.push(...mailErrors);
  if (mailFrom && mailErrors.length === 0) {
    const ses = new SESv2Client({ region });
    try {
      const mailDomain = typeof vars.mail_domain?.value === 'string' ? vars.mail_domain.value : undefined;
      lines.push(...(await checkSes({ ses, region, mailFrom, mailDomain })));
    } finally {
      ses.destroy();
    }
  }

  // (d) state backend.
  lines.push(
    ...(await checkBackend({
      backendConfig: env.TF_BACKEND_CONFIG?.trim() || undefined,
      envDir,
      defaultRegion: region,
    })),
  );
  return lines;
}
