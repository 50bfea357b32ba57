/**
 * What AWS services do to the stack's resources in their own name, read
 * from the wiring the plan creates (notifications, subscriptions, alarm
 * actions, origins, schedules, routes), each evaluated against the resource
 * policy of its target with the service principal and the aws:SourceArn /
 * aws:SourceAccount AWS sets for it.
 */
import { ofType, type PlanView, str, where } from '../plan-model.ts';
import { evaluate, serviceContext, type Verdict } from './evaluate.ts';
import { planAccount } from './plan-account.ts';
import { resourcePolicy, topicKeyArn } from './plan-policies.ts';

/** One service-to-service request. */
export interface Delivery {
  /** What it is, e.g. `S3 -> SNS: uploads bucket publishes to the events topic`. */
  kind: string;
  principal: string;
  action: string;
  resource: string;
  sourceArn: string;
}

/** A delivery with the evaluator's verdict. */
export interface ProvenDelivery extends Delivery {
  verdict: Verdict;
}

/** Both KMS requests a service makes to use an encrypted target's key. */
function keyUse(kind: string, principal: string, key: string | undefined, sourceArn: string): Delivery[] {
  if (!key) return [];
  return ['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
    kind: `${kind} (key)`,
    principal,
    action,
    resource: key,
    sourceArn,
  }));
}

/** S3 event notifications to SNS, with the topic key S3 must use. */
function s3ToSns(plan: PlanView): Delivery[] {
  return ofType(plan, 'aws_s3_bucket_notification').flatMap((notification) => {
    const bucketArn = `arn:aws:s3:::${String(notification.values.bucket)}`;
    const topics = Array.isArray(notification.values.topic) ? notification.values.topic : [];
    return (topics as Record<string, unknown>[]).flatMap((t) => {
      const topic = String(t.topic_arn);
      const kind = `S3 -> SNS: ${bucketArn} notifies ${topic}`;
      return [
        { kind, principal: 's3.amazonaws.com', action: 'sns:Publish', resource: topic, sourceArn: bucketArn },
        ...keyUse(kind, 's3.amazonaws.com', topicKeyArn(plan, topic), bucketArn),
      ];
    });
  });
}

/** SNS subscriptions of queues; SSE-SQS queues need no key grant, a KMS one would. */
function snsToSqs(plan: PlanView): Delivery[] {
  return where(plan, 'aws_sns_topic_subscription', 'protocol', 'sqs').flatMap((s) => {
    const queue = String(s.values.endpoint);
    const topic = String(s.values.topic_arn);
    const kind = `SNS -> SQS: ${topic} delivers to ${queue}`;
    const key = str(where(plan, 'aws_sqs_queue', 'arn', queue)[0], 'kms_master_key_id');
    const keyArn = key
      ? ((ofType(plan, 'aws_kms_key').find((k) => [k.values.arn, k.values.key_id].includes(key))?.values
          .arn as string | undefined) ?? key)
      : undefined;
    return [
      { kind, principal: 'sns.amazonaws.com', action: 'sqs:SendMessage', resource: queue, sourceArn: topic },
      ...keyUse(kind, 'sns.amazonaws.com', keyArn, topic),
    ];
  });
}

/** Alarm actions that are topics. */
function alarmsToSns(plan: PlanView): Delivery[] {
  return ofType(plan, 'aws_cloudwatch_metric_alarm').flatMap((alarm) => {
    const alarmArn = String(alarm.values.arn);
    const actions = new Set(
      ['alarm_actions', 'ok_actions', 'insufficient_data_actions'].flatMap((name) =>
        Array.isArray(alarm.values[name]) ? (alarm.values[name] as string[]) : [],
      ),
    );
    return [...actions]
      .filter((arn) => arn.startsWith('arn:aws:sns:'))
      .flatMap((topic) => {
        const kind = `CloudWatch -> SNS: ${alarmArn} notifies ${topic}`;
        return [
          {
            kind,
            principal: 'cloudwatch.amazonaws.com',
            action: 'sns:Publish',
            resource: topic,
            sourceArn: alarmArn,
          },
          ...keyUse(kind, 'cloudwatch.amazonaws.com', topicKeyArn(plan, topic), alarmArn),
        ];
      });
  });
}

/**
 * CloudFront reading S3 origins through origin access control: the bucket
 * policy must let cloudfront.amazonaws.com GetObject with AWS:SourceArn the
 * distribution's ARN.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
 */
function cloudFrontToS3(plan: PlanView): Delivery[] {
  return ofType(plan, 'aws_cloudfront_distribution').flatMap((distribution) => {
    const origins = Array.isArray(distribution.values.origin) ? distribution.values.origin : [];
    return (origins as Record<string, unknown>[])
      .filter((o) => typeof o.origin_access_control_id === 'string' && o.origin_access_control_id !== '')
      .map((o) => {
        const bucket = String(o.domain_name).replace(/\.s3[.-].*$/, '');
        const distributionArn = String(distribution.values.arn);
        return {
          kind: `CloudFront -> S3: ${distributionArn} reads ${bucket}`,
          principal: 'cloudfront.amazonaws.com',
          action: 's3:GetObject',
          resource: `arn:aws:s3:::${bucket}/index.html`,
          sourceArn: distributionArn,
        };
      });
  });
}

/** EventBridge rules that invoke functions. */
function eventsToLambda(plan: PlanView): Delivery[] {
  return ofType(plan, 'aws_cloudwatch_event_target')
    .filter((t) => String(t.values.arn).startsWith('arn:aws:lambda:'))
    .map((t) => {
      const rule =
        str(where(plan, 'aws_cloudwatch_event_rule', 'name', t.values.rule)[0], 'arn') ??
        String(t.values.rule);
      return {
        kind: `EventBridge -> Lambda: ${rule} invokes ${String(t.values.arn)}`,
        principal: 'events.amazonaws.com',
        action: 'lambda:InvokeFunction',
        resource: String(t.values.arn),
        sourceArn: rule,
      };
    });
}

/**
 * HTTP API routes that invoke functions; the source ARN is
 * `<execution ARN>/<stage>/<METHOD>/<path>` of the route.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-integration.html
 */
function apiToLambda(plan: PlanView): Delivery[] {
  return ofType(plan, 'aws_apigatewayv2_route').flatMap((route) => {
    const integrationId = String(route.values.target ?? '').replace(/^integrations\//, '');
    const integration = where(plan, 'aws_apigatewayv2_integration', 'id', integrationId)[0];
    const uri = str(integration, 'integration_uri') ?? '';
    const fn = /arn:aws:lambda:[^/]+:function:[^/:]+/.exec(uri)?.[0];
    if (!fn) return [];
    const api = where(plan, 'aws_apigatewayv2_api', 'id', route.values.api_id)[0];
    const [method, routePath] = String(route.values.route_key).split(' ');
    return where(plan, 'aws_apigatewayv2_stage', 'api_id', route.values.api_id).map((stage) => {
      const sourceArn = `${String(api?.values.execution_arn)}/${String(stage.values.name)}/${method}${routePath ?? ''}`;
      return {
        kind: `API Gateway -> Lambda: ${String(route.values.route_key)} invokes ${fn}`,
        principal: 'apigateway.amazonaws.com',
        action: 'lambda:InvokeFunction',
        resource: fn,
        sourceArn,
      };
    });
  });
}

/** Every service-to-service request the plan's wiring implies, by kind of wiring. */
export function serviceDeliveries(plan: PlanView): Record<string, Delivery[]> {
  return {
    's3-to-sns': s3ToSns(plan),
    'sns-to-sqs': snsToSqs(plan),
    'cloudwatch-to-sns': alarmsToSns(plan),
    'cloudfront-to-s3': cloudFrontToS3(plan),
    'events-to-lambda': eventsToLambda(plan),
    'apigateway-to-lambda': apiToLambda(plan),
  };
}

/** Evaluates deliveries against their targets' resource policies (a service has no identity policy). */
export async function proveDeliveries(plan: PlanView, deliveries: Delivery[]): Promise<ProvenDelivery[]> {
  const account = planAccount(plan);
  const proven: ProvenDelivery[] = [];
  for (const delivery of deliveries) {
    const verdict = await evaluate({
      principal: delivery.principal,
      action: delivery.action,
      resource: delivery.resource,
      resourceAccount: account,
      context: serviceContext(delivery.sourceArn, account),
      identityPolicies: [],
      resourcePolicy: resourcePolicy(plan, delivery.resource),
    });
    proven.push({ ...delivery, verdict });
  }
  return proven;
}

/** A readable line per delivery. */
export function describeDelivery(d: ProvenDelivery): string {
  return `${d.kind}: ${d.principal} ${d.action} on ${d.resource} -> ${d.verdict.allowed ? 'allowed' : d.verdict.result}`;
}
