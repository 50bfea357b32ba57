import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addCallRecording, callRecorder } from './call-recorder.js';
import {
  addFaultInjection,
  createFaultState,
  type FaultService,
  type FaultState,
  parseFaults,
} from './faults.js';
import type { IamService } from './iam-request.js';
import type { Log } from './log.js';

/** The SDK clients every function shares. */
export interface Clients {
  s3: S3Client;
  sns: SNSClient;
  /** Document client: plain JS values in and out, `undefined` attributes dropped. */
  dynamo: DynamoDBDocumentClient;
}

/** Options for {@link createClients}. */
export interface ClientOptions {
  /** Where to warn about fault injection; defaults to `console`. */
  logger?: Pick<Log, 'warn'>;
  /** Random source for `rate=` faults (tests). */
  random?: () => number;
}

type Env = Record<string, string | undefined>;

/**
 * Creates the SDK clients. Call it once at module load and pass the result to services.
 *
 * - `AWS_ENDPOINT_URL` (local emulator): every client uses it, S3 with path-style URLs.
 * - Retries: SDK default (standard mode, 3 attempts; `AWS_MAX_ATTEMPTS` overrides).
 * - `PIPELINE_FAULTS` (only when `AWS_ENDPOINT_URL` is set, so a deployed function
 *   can never carry it): `s3:GetObject=2,dynamodb:UpdateItem=1` fails the first N
 *   calls of each operation, `rate=0.2` fails any call with that probability.
 *   Counters live as long as the returned clients (one process). Faults are thrown
 *   before the SDK's retry middleware, so the caller always sees them.
 * - `PIPELINE_CALL_LOG` (a directory; also only with `AWS_ENDPOINT_URL`): every
 *   call is appended there as the IAM requests it stands for (see `callRecorder`).
 *
 * @throws {ConfigError} when PIPELINE_FAULTS is malformed.
 */
export function createClients(env: Env = process.env, options: ClientOptions = {}): Clients {
  const endpoint = nonEmpty(env.AWS_ENDPOINT_URL);
  const common = clientConfig(env);

  const s3 = new S3Client({ ...common, ...(endpoint ? { forcePathStyle: true } : {}) });
  const sns = new SNSClient(common);
  const dynamoBase = new DynamoDBClient(common);
  const dynamo = DynamoDBDocumentClient.from(dynamoBase, {
    marshallOptions: { removeUndefinedValues: true },
  });

  const faults = faultState(env, endpoint, options);
  if (faults) {
    addFaultInjection(s3, 's3', faults);
    addFaultInjection(sns, 'sns', faults);
    // The document client shares the base client's middleware stack.
    addFaultInjection(dynamoBase, 'dynamodb', faults);
  }
  const recorder = callRecorder(env);
  if (recorder) {
    addCallRecording(s3, 's3', recorder);
    addCallRecording(sns, 'sns', recorder);
    addCallRecording(dynamoBase, 'dynamodb', recorder);
  }
  return { s3, sns, dynamo };
}

/** Region and (locally) endpoint for an SDK client, read from `env` as {@link createClients} does. */
export function clientConfig(env: Env = process.env): { region?: string; endpoint?: string } {
  const endpoint = nonEmpty(env.AWS_ENDPOINT_URL);
  const region =
    nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? (endpoint ? 'us-east-1' : undefined);
  return { ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}) };
}

/**
 * Creates one more SDK client (SES, Cognito, CloudWatch, CloudFront: what only some
 * functions need, so {@link createClients} does not carry it) with the same
 * endpoint, region, `PIPELINE_FAULTS` injection and `PIPELINE_CALL_LOG`
 * recording as the shared ones.
 *
 * @example const ses = createClient(SESv2Client, 'ses');
 * @throws {ConfigError} when PIPELINE_FAULTS is malformed.
 */
export function createClient<
  C extends { middlewareStack: Parameters<typeof addFaultInjection>[0]['middlewareStack'] },
>(
  Client: new (config: { region?: string; endpoint?: string; forcePathStyle?: boolean }) => C,
  service: FaultService,
  env: Env = process.env,
  options: ClientOptions = {},
): C {
  const config = clientConfig(env);
  // An emulator serves buckets by path, not by virtual host.
  const client = new Client(
    service === 's3' && config.endpoint ? { ...config, forcePathStyle: true } : config,
  );
  const faults = faultState(env, nonEmpty(env.AWS_ENDPOINT_URL), options);
  if (faults) addFaultInjection(client, service, faults);
  const recorder = callRecorder(env);
  if (recorder) addCallRecording(client, IAM_SERVICE[service], recorder);
  return client;
}

/** IAM service prefix of each `PIPELINE_FAULTS` service id. */
const IAM_SERVICE: Record<FaultService, IamService> = {
  s3: 's3',
  sns: 'sns',
  sqs: 'sqs',
  dynamodb: 'dynamodb',
  ses: 'ses',
  cognito: 'cognito-idp',
  cloudwatch: 'cloudwatch',
  cloudfront: 'cloudfront',
};

function faultState(env: Env, endpoint: string | undefined, options: ClientOptions): FaultState | undefined {
  const spec = nonEmpty(env.PIPELINE_FAULTS);
  if (!spec) return undefined;
  const logger = options.logger ?? console;
  if (!endpoint) {
    logger.warn('PIPELINE_FAULTS is ignored: fault injection only works with AWS_ENDPOINT_URL set');
    return undefined;
  }
  const plan = parseFaults(spec);
  logger.warn(`Fault injection active (PIPELINE_FAULTS=${spec}): AWS calls will fail on purpose`);
  return createFaultState(plan, options.random);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
