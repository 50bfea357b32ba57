/**
 * Credentials, region and endpoints for the doctor's AWS calls, from the
 * SDK's normal chains (AWS_PROFILE, env, SSO, instance roles...), plus
 * signed requests for the two APIs whose SDK clients the repository does
 * not depend on (STS GetCallerIdentity, Lambda GetAccountSettings).
 *
 * Why signed requests: the root package.json has the S3 and SESv2 clients but
 * not @aws-sdk/client-sts or @aws-sdk/client-lambda. The SESv2 client resolves
 * credentials and region exactly as every SDK client does, and the signer
 * and hash are the SDK's own (@smithy/signature-v4, @smithy/core), so the
 * requests are what those clients would send.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';

/** Where and as whom the doctor calls AWS. */
export interface AwsContext {
  /** Region of the calls (the stack's region). */
  region: string;
  credentials: () => Promise<AwsCredentialIdentity>;
  /** AWS_ENDPOINT_URL (tests against moto), else undefined. */
  endpoint: string | undefined;
}

/** The region the SDK chain resolves (AWS_REGION, AWS_DEFAULT_REGION is not read, profile `region`); undefined when none. */
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

/** Builds the context for `region` with the SDK's default credential chain. */
export function awsContext(region: string, env: NodeJS.ProcessEnv = process.env): AwsContext {
  const client = new SESv2Client({ region });
  const endpoint = env.AWS_ENDPOINT_URL?.trim() || undefined;
  return { region, credentials: () => client.config.credentials(), endpoint };
}

/** Error of a signed request: the HTTP status and AWS's error code when it gave one. */
export class AwsRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'AwsRequestError';
  }
}

interface SignedRequest {
  /** Signing name and host prefix: `sts`, `lambda`. */
  service: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  contentType?: string;
}

/** Sends a SigV4-signed request and returns the response body. @throws AwsRequestError on a non-2xx answer. */
export async function signedRequest(context: AwsContext, request: SignedRequest): Promise<string> {
  const base = new URL(
    process.env[`AWS_ENDPOINT_URL_${request.service.toUpperCase()}`] ??
      context.endpoint ??
      `https://${request.service}.${context.region}.amazonaws.com`,
  );
  const headers: Record<string, string> = { host: base.host };
  if (request.contentType) headers['content-type'] = request.contentType;
  const signer = new SignatureV4({
    service: request.service,
    region: context.region,
    credentials: context.credentials,
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: request.method,
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    path: request.path,
    headers,
    body: request.body,
  });
  const { host: _host, ...sendHeaders } = signed.headers;
  const response = await fetch(new URL(request.path, base), {
    method: request.method,
    headers: sendHeaders,
    body: request.body,
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  if (!response.ok) {
    const code =
      /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ??
      response.headers.get('x-amzn-errortype')?.split(':')[0] ??
      undefined;
    const message = /^\s*<!doctype html/i.test(text)
      ? `HTTP ${response.status} (the endpoint does not implement this API)`
      : (/<Message>([^<]+)<\/Message>/.exec(text)?.[1] ??
        (/"[Mm]essage"\s*:\s*"([^"]*)"/.exec(text)?.[1] || text.slice(0, 200)));
    throw new AwsRequestError(
      `${request.service} ${request.path}: ${code ? `${code}: ` : ''}${message.trim()}`,
      response.status,
      code,
    );
  }
  return text;
}

/** The caller's account and ARN (STS GetCallerIdentity). */
export async function getCallerIdentity(context: AwsContext): Promise<{ account: string; arn: string }> {
  const xml = await signedRequest(context, {
    service: 'sts',
    method: 'POST',
    path: '/',
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    contentType: 'application/x-www-form-urlencoded; charset=utf-8',
  });
  const account = /<Account>([^<]+)<\/Account>/.exec(xml)?.[1];
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(xml)?.[1];
  if (!account || !arn) throw new Error(`sts GetCallerIdentity: unexpected answer: ${xml.slice(0, 200)}`);
  return { account, arn };
}

/** The account's Lambda concurrency (Lambda GetAccountSettings). */
export interface LambdaQuota {
  /** AccountLimit.ConcurrentExecutions */
  concurrentExecutions: number;
  /** AccountLimit.UnreservedConcurrentExecutions (what reservations may still take, before the 100 floor). */
  unreservedConcurrentExecutions: number;
}

/** Reads {@link LambdaQuota} in the context's region. */
export async function getLambdaQuota(context: AwsContext): Promise<LambdaQuota> {
  const json = await signedRequest(context, {
    service: 'lambda',
    method: 'GET',
    path: '/2016-08-19/account-settings/',
  });
  const limit = (JSON.parse(json) as { AccountLimit?: Record<string, number> }).AccountLimit ?? {};
  const concurrentExecutions = limit.ConcurrentExecutions;
  const unreservedConcurrentExecutions = limit.UnreservedConcurrentExecutions;
  if (typeof concurrentExecutions !== 'number' || typeof unreservedConcurrentExecutions !== 'number') {
    throw new Error(`lambda GetAccountSettings: no AccountLimit in ${json.slice(0, 200)}`);
  }
  return { concurrentExecutions, unreservedConcurrentExecutions };
}
