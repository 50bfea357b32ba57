/**
 * The monitoring Terraform makes for the stack (envs/local in moto): an alarm per DLQ, queue age,
 * function and bucket and the mailer's rejected mail, all to the encrypted alarm topic, and a
 * dashboard that shows those alarms and graphs every metric they watch.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { parseStackOutputs, type StackOutputs } from '../../scripts/local/stack/stack-outputs.ts';
import { aws } from '../support/cli.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const stack = inject('stack');
const endpoint = inject('endpoint');

const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const queueFunctions = Object.entries(stack.functions).flatMap(([name, f]) =>
  f.queue_url && f.dlq_url ? [{ name, queueUrl: f.queue_url, dlqUrl: f.dlq_url }] : [],
);
const functions = Object.values(stack.functions).map((f) => f.function_name);
const buckets = [stack.uploads_bucket, stack.renditions_bucket];

type Alarm = {
  AlarmArn: string;
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData: string;
  AlarmActions: string[];
  OKActions: string[];
};

const cli = async <T>(args: string[]) => JSON.parse(await aws(endpoint, [...args, '--output', 'json'])) as T;

/**
 * `terraform output` of envs/local as the global setup applied it for this suite's moto, read as the
 * local tools read it (the pipeline's outputs may come as one `pipeline` object).
 */
async function terraformOutputs(): Promise<StackOutputs> {
  const state = path.join(
    repoRoot,
    '.local',
    `test-${process.env.TEST_AWS_PORT ?? 4567}`,
    'terraform.tfstate',
  );
  const { stdout: json } = await run('scripts/terraform.sh', ['terraform/envs/local', 'output', '-json'], {
    cwd: repoRoot,
    env: { ...process.env, TF_STATE: state },
  });
  return parseStackOutputs(JSON.parse(json));
}

/** Each queue, function, bucket and the mailer has its alarm, to `topicArn`, and no other alarm goes there. */
function expectAlarms(alarms: Alarm[], topicArn: string): void {
  const find = (namespace: string, metric: string, dimension: string, value: string) =>
    alarms.filter(
      (a) =>
        a.Namespace === namespace &&
        a.MetricName === metric &&
        JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: dimension, Value: value }]),
    );
  const fires = (threshold: number) => ({
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanThreshold',
  });
  for (const { queueUrl, dlqUrl } of queueFunctions) {
    const dead = find('AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', nameOf(dlqUrl));
    expect(dead, `DLQ alarm of ${dlqUrl}`).toEqual([
      expect.objectContaining({ ...fires(0), TreatMissingData: 'notBreaching', OKActions: [topicArn] }),
    ]);
    const age = find('AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', nameOf(queueUrl));
    expect(age, `age alarm of ${queueUrl}`).toEqual([
      expect.objectContaining({ ...fires(900), OKActions: [topicArn] }),
    ]);
  }
  for (const fn of functions) {
    expect(find('AWS/Lambda', 'Errors', 'FunctionName', fn), `errors alarm of ${fn}`).toEqual([
      expect.objectContaining({ ...fires(0), TreatMissingData: 'notBreaching', OKActions: [topicArn] }),
    ]);
  }
  for (const bucket of buckets) {
    expect(find('CustomS3', 'BucketSizeBytes', 'BucketName', bucket), `size alarm of ${bucket}`).toEqual([
      expect.objectContaining({ ...fires(100 * 1024 ** 3), OKActions: [topicArn] }),
    ]);
  }
  // Mail SES refused: one alarm per function that sends mail (the mailer), on its MailRejected metric.
  const mailer = stack.functions.mailer?.function_name as string;
  expect(find('ImagePipeline', 'MailRejected', 'service', mailer), `mail alarm of ${mailer}`).toEqual([
    expect.objectContaining({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      OKActions: [topicArn],
    }),
  ]);
  expect(alarms).toHaveLength(2 * queueFunctions.length + functions.length + 1 + buckets.length);
}

/** The dashboard shows exactly these alarms and graphs each queue's, function's and bucket's metrics. */
async function expectDashboard(dashboardName: string, alarms: Alarm[]): Promise<void> {
  const { DashboardBody } = await cli<{ DashboardBody: string }>([
    'cloudwatch',
    'get-dashboard',
    '--dashboard-name',
    dashboardName,
  ]);
  const { widgets } = JSON.parse(DashboardBody) as {
    widgets: { type: string; properties: { alarms?: string[]; metrics?: unknown[][] } }[];
  };
  const alarmWidget = widgets.find((w) => w.type === 'alarm');
  expect(new Set(alarmWidget?.properties.alarms)).toEqual(new Set(alarms.map((a) => a.AlarmArn)));
  const graphed = new Set(
    widgets.flatMap((w) =>
      (w.properties.metrics ?? []).map((m) => m.filter((p) => typeof p === 'string').join(' ')),
    ),
  );
  const namespace = Object.values(stack.functions)[0]?.environment.POWERTOOLS_METRICS_NAMESPACE;
  const wanted = [
    ...queueFunctions.flatMap(({ queueUrl, dlqUrl }) => [
      `AWS/SQS ApproximateNumberOfMessagesVisible QueueName ${nameOf(queueUrl)}`,
      `AWS/SQS ApproximateAgeOfOldestMessage QueueName ${nameOf(queueUrl)}`,
      `AWS/SQS ApproximateNumberOfMessagesVisible QueueName ${nameOf(dlqUrl)}`,
    ]),
    ...functions.flatMap((fn) => [
      ...['Invocations', 'Errors', 'Duration', 'Throttles'].map((m) => `AWS/Lambda ${m} FunctionName ${fn}`),
      ...['ImagesProcessed', 'ImagesRejected', 'ProcessingMilliseconds'].map(
        (m) => `${namespace} ${m} service ${fn}`,
      ),
    ]),
    ...buckets.flatMap((b) =>
      ['NumberOfObjects', 'BucketSizeBytes'].map((m) => `CustomS3 ${m} BucketName ${b}`),
    ),
  ];
  expect(
    wanted.filter((w) => !graphed.has(w)),
    'metrics missing from the dashboard',
  ).toEqual([]);
}

describe('operations commands and monitoring (against the Terraform-made stack in moto)', () => {
  it('Terraform made an alarm per DLQ, queue age, function and bucket, all to the alarm topic, and the dashboard', async () => {
    const outputs = await terraformOutputs();
    const topicArn = outputs.alarm_topic_arn ?? '';
    expect(topicArn).toMatch(/^arn:aws:sns:.*:local-alarms$/);

    const { MetricAlarms } = await cli<{ MetricAlarms: Alarm[] }>(['cloudwatch', 'describe-alarms']);
    const alarms = MetricAlarms.filter((a) => a.AlarmActions.includes(topicArn));
    expect(queueFunctions.length).toBeGreaterThan(0);
    expectAlarms(alarms, topicArn);

    // The alarm topic is encrypted with the pipeline's customer-managed key (the events topic's).
    const keyOf = async (arn: string) =>
      (
        await cli<{ Attributes: { KmsMasterKeyId?: string } }>([
          'sns',
          'get-topic-attributes',
          '--topic-arn',
          arn,
        ])
      ).Attributes.KmsMasterKeyId;
    expect(await keyOf(topicArn)).toMatch(/^arn:aws:kms:/);
    expect(await keyOf(topicArn)).toBe(await keyOf(stack.events_topic_arn));

    await expectDashboard(outputs.dashboard_name ?? '', alarms);
  });
});
