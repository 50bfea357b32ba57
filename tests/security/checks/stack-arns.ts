/**
 * The stack's shared resources, found in a plan from the env's outputs: what
 * the permission words of function-roles.ts are granted on.
 */
import { ofType, type PlanView, str, where } from '../plan-model.ts';
import { mailIdentitiesArn } from './mail.ts';

/** The shared resources the permission words name, as the plan has them. */
export interface StackArns {
  uploadsBucket: string;
  renditionsBucket: string;
  imagesTable: string;
  idempotencyTable: string;
  /** The bucket-counters table (bucket-counters and bucket-metrics). */
  countersTable: string;
  /** The near-duplicates table (resize, delete, the API). */
  nearDuplicatesTable: string;
  eventsTopic: string;
  eventsKey: string;
  notificationsTopic: string;
  notificationsKey: string;
  userPool: string;
  mailIdentity: string;
  /** `identity/*` of the stack's account and region (what mail:send is granted on). */
  mailIdentities: string;
  /** The configuration set the mailer sends through, when the stack has one. */
  mailConfigurationSet?: string;
  /** The CloudFront distribution serving the renditions bucket, when the stack has one. */
  renditionsDistribution?: string;
}

/** The key a topic is encrypted with, as an ARN (the topic may name it by ARN or id). */
function topicKeyArn(plan: PlanView, topicArn: string): string | undefined {
  const key = str(where(plan, 'aws_sns_topic', 'arn', topicArn)[0], 'kms_master_key_id');
  const match = ofType(plan, 'aws_kms_key').find(
    (k) => key !== undefined && [k.values.arn, k.values.key_id].includes(key),
  );
  return str(match, 'arn');
}

/**
 * The stack's shared resources, found from the env's outputs.
 * @returns the ARNs, or the names of the ones the plan does not have.
 */
export function stackArns(plan: PlanView): { arns?: StackArns; missing: string[] } {
  const out = (name: string) => String(plan.outputs[name] ?? '');
  const table = (output: string) => str(where(plan, 'aws_dynamodb_table', 'name', out(output))[0], 'arn');
  const candidates = {
    uploadsBucket: str(where(plan, 'aws_s3_bucket', 'bucket', out('uploads_bucket'))[0], 'arn'),
    renditionsBucket: str(where(plan, 'aws_s3_bucket', 'bucket', out('renditions_bucket'))[0], 'arn'),
    imagesTable: table('images_table'),
    idempotencyTable: table('idempotency_table'),
    countersTable: table('counters_table'),
    nearDuplicatesTable: table('near_duplicates_table'),
    eventsTopic: str(where(plan, 'aws_sns_topic', 'arn', out('events_topic_arn'))[0], 'arn'),
    eventsKey: topicKeyArn(plan, out('events_topic_arn')),
    notificationsTopic: str(where(plan, 'aws_sns_topic', 'arn', out('notifications_topic_arn'))[0], 'arn'),
    notificationsKey: topicKeyArn(plan, out('notifications_topic_arn')),
    userPool: str(where(plan, 'aws_cognito_user_pool', 'id', out('user_pool_id'))[0], 'arn'),
    mailIdentity: str(where(plan, 'aws_ses_email_identity', 'email', out('mail_from'))[0], 'arn'),
  };
  const withIdentities = {
    ...candidates,
    mailIdentities: candidates.mailIdentity
      ? mailIdentitiesArn(candidates.mailIdentity, out('events_topic_arn'))
      : undefined,
  };
  const configurationSet = out('mail_configuration_set');
  const mailConfigurationSet =
    configurationSet && withIdentities.mailIdentities
      ? withIdentities.mailIdentities.replace(/identity\/\*$/, `configuration-set/${configurationSet}`)
      : undefined;
  const renditionsDistribution = distributionServing(plan, out('renditions_bucket'), out('events_topic_arn'));
  const missing = Object.entries(withIdentities)
    .filter(([, arn]) => !arn)
    .map(([name]) => name);
  return missing.length > 0
    ? { missing }
    : { arns: { ...(withIdentities as StackArns), mailConfigurationSet, renditionsDistribution }, missing };
}

/**
 * The ARN (`arn:aws:cloudfront::<account>:distribution/<id>`: global, no
 * region) of the distribution whose origin is `bucket`, if any.
 */
function distributionServing(plan: PlanView, bucket: string, topicArn: string): string | undefined {
  const account = topicArn.split(':')[4];
  const distribution = ofType(plan, 'aws_cloudfront_distribution').find((d) =>
    ((d.values.origin as Array<{ domain_name?: string }> | undefined) ?? []).some((o) =>
      String(o.domain_name ?? '').startsWith(`${bucket}.`),
    ),
  );
  const id = str(distribution, 'id');
  return id && account ? `arn:aws:cloudfront::${account}:distribution/${id}` : undefined;
}
