/**
 * Requests nobody's SDK call shows but AWS makes with a function's role all
 * the same: KMS calls SNS makes for a publisher, and what the Lambda service
 * does with the execution role (poll the queue, write the logs).
 */
import { ofType, type PlanView, str } from '../plan-model.ts';
import { type PlanFunction, topicKeyArn } from './plan-policies.ts';
import type { RecordedRequest } from './recorded-calls.ts';

/** A request AWS makes with the role, and why. */
export interface ImpliedRequest extends RecordedRequest {
  /** What makes it: `sns:Publish via KMS`, `Lambda queue poller`, `Lambda logs`. */
  cause: string;
}

/** Actions the Lambda poller of an SQS event source mapping takes with the function's role. */
export const POLLER_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:ChangeMessageVisibility',
];

/** Actions Lambda takes with the role to ship the function's logs. */
export const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/**
 * Publishing to a KMS-encrypted topic: SNS asks KMS for a data key and to
 * decrypt it, in the caller's name, so the caller's identity policy and the
 * key policy must allow kms:GenerateDataKey and kms:Decrypt with
 * kms:ViaService = sns.<region>.amazonaws.com.
 * SNS names the topic in the encryption context (`aws:sns:topicArn`), as
 * AWS's key policy examples for encrypted topics condition on.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 * https://docs.aws.amazon.com/gamelift/latest/flexmatchguide/queue-notification-sns-sse.html
 */
export function publishKeyRequests(plan: PlanView, topicArn: string, region: string): ImpliedRequest[] {
  const key = topicKeyArn(plan, topicArn);
  if (!key) return [];
  const context = {
    'kms:ViaService': `sns.${region}.amazonaws.com`,
    'kms:CallerAccount': topicArn.split(':')[4] ?? '',
    'kms:EncryptionContext:aws:sns:topicArn': topicArn,
    'aws:ViaAWSService': 'true',
  };
  return ['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
    action,
    resource: key,
    context,
    cause: 'sns:Publish to an encrypted topic (SNS calls KMS as the publisher)',
  }));
}

/**
 * What Lambda does with a function's role: poll its queue (when an event
 * source mapping feeds it) and write its log streams.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#events-sqs-permissions
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
 * @returns the requests, and what the plan lacks to make them (no log group).
 */
export function lambdaServiceRequests(fn: PlanFunction): { requests: ImpliedRequest[]; missing: string[] } {
  const requests: ImpliedRequest[] = [];
  const missing: string[] = [];
  if (fn.queueArn) {
    for (const action of POLLER_ACTIONS) {
      requests.push({ action, resource: fn.queueArn, cause: 'Lambda polls the queue with the role' });
    }
  }
  if (fn.logGroupArn) {
    // Stream names are `<date>/[<version>]<instance id>`; any one stands for all.
    const stream = `${fn.logGroupArn}:log-stream:2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef`;
    for (const action of LOG_ACTIONS) {
      requests.push({ action, resource: stream, cause: 'Lambda writes the logs with the role' });
    }
  } else {
    missing.push(`${fn.functionName}: the plan creates no log group /aws/lambda/${fn.functionName}`);
  }
  return { requests, missing };
}

/** The SES configuration set a function of the plan sends through (its MAIL_CONFIGURATION_SET), if any. */
function configurationSetOf(plan: PlanView, fn: PlanFunction): string | undefined {
  const lambda = ofType(plan, 'aws_lambda_function').find((f) => str(f, 'function_name') === fn.functionName);
  const environment = (
    lambda?.values.environment as Array<{ variables?: Record<string, string> }> | undefined
  )?.[0];
  return environment?.variables?.MAIL_CONFIGURATION_SET || undefined;
}

/**
 * A send through a configuration set is authorised against the set too. The
 * local stack has no set (moto cannot apply one), so the recorded sends name
 * none; on AWS the same call carries the ConfigurationSetName the function's
 * environment gives it, so each recorded sender request implies one on the set.
 * https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html
 */
export function configurationSetRequests(
  plan: PlanView,
  fn: PlanFunction,
  sender: RecordedRequest,
  arnPrefix: string,
): ImpliedRequest[] {
  const set = configurationSetOf(plan, fn);
  if (!set || sender.role !== 'sender') return [];
  return [
    {
      action: sender.action,
      resource: `${arnPrefix}:configuration-set/${set}`,
      ...(sender.context ? { context: sender.context } : {}),
      cause: `SES authorises the send against the configuration set ${set} (MAIL_CONFIGURATION_SET)`,
    },
  ];
}
