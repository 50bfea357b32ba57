/**
 * The doctor's AWS identity and Lambda quota, read with the SDK's own STS
 * and Lambda clients: credentials and region come from the normal chains
 * (AWS_PROFILE, env, SSO, instance roles...), and AWS_ENDPOINT_URL reaches
 * every client (the tests point it at moto).
 */
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

/** Where the doctor calls AWS: the stack's region (var.region). */
export interface AwsContext {
  region: string;
}

/** The region the SDK chain resolves (AWS_REGION, profile `region`); undefined when none. */
export async function sdkRegion(): Promise<string | undefined> {
  const client = new SESv2Client({});
  try {
    return await client.config.region();
  } catch {
    return undefined; // "Region is missing"
  } finally {
    client.destroy();
  }
}

/** Builds the context for `region`. */
export function awsContext(region: string): AwsContext {
  return { region };
}

/** The caller's account and ARN (STS GetCallerIdentity). */
export async function getCallerIdentity(context: AwsContext): Promise<{ account: string; arn: string }> {
  const sts = new STSClient({ region: context.region });
  try {
    const { Account, Arn } = await sts.send(new GetCallerIdentityCommand({}));
    if (!Account || !Arn) throw new Error('sts GetCallerIdentity: no Account or Arn in the answer');
    return { account: Account, arn: Arn };
  } finally {
    sts.destroy();
  }
}

/** The account's Lambda concurrency (Lambda GetAccountSettings). */
export interface LambdaQuota {
  /** AccountLimit.ConcurrentExecutions */
  concurrentExecutions: number;
  /** AccountLimit.UnreservedConcurrentExecutions (what reservations may still take, before the 100 floor). */
  unreservedConcurrentExecutions: number;
}

/**
 * Reads {@link LambdaQuota} in the context's region.
 * @throws the SDK's error, or Error when the answer has no AccountLimit (moto 5.2 does not implement the API).
 */
export async function getLambdaQuota(context: AwsContext): Promise<LambdaQuota> {
  const lambda = new LambdaClient({ region: context.region });
  try {
    const { AccountLimit } = await lambda.send(new GetAccountSettingsCommand({}));
    const concurrentExecutions = AccountLimit?.ConcurrentExecutions;
    const unreservedConcurrentExecutions = AccountLimit?.UnreservedConcurrentExecutions;
    if (typeof concurrentExecutions !== 'number' || typeof unreservedConcurrentExecutions !== 'number') {
      throw new Error('lambda GetAccountSettings: no AccountLimit in the answer');
    }
    return { concurrentExecutions, unreservedConcurrentExecutions };
  } finally {
    lambda.destroy();
  }
}
