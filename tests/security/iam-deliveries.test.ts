/**
 * What AWS services do to the stack in their own name (deliver events,
 * read origins, invoke functions) needs the target's resource policy, and
 * the key policy where the target is encrypted. moto checks none of it;
 * here each delivery the plan wires up is evaluated with an IAM evaluator.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { withAccount } from './iam/plan-account.ts';
import {
  describeDelivery,
  type ProvenDelivery,
  proveDeliveries,
  serviceDeliveries,
} from './iam/service-deliveries.ts';
import { readPlan } from './plan-model.ts';

const proven: Record<string, ProvenDelivery[]> = {};

beforeAll(async () => {
  const plan = withAccount(readPlan(JSON.parse(readFileSync(inject('awsPlanFile'), 'utf8')))).plan;
  for (const [kind, deliveries] of Object.entries(serviceDeliveries(plan))) {
    proven[kind] = await proveDeliveries(plan, deliveries);
  }
});

describe('service-to-service deliveries in the envs/aws plan', () => {
  it.each([
    ['s3-to-sns', 'S3 publishes upload events to the topic and uses its key'],
    ['sns-to-sqs', "SNS delivers to every function's queue"],
    ['cloudwatch-to-sns', 'CloudWatch alarms publish to the alarm topic and use its key'],
    ['cloudfront-to-s3', 'CloudFront reads the renditions and web buckets through origin access control'],
    ['events-to-lambda', 'EventBridge schedules invoke their functions'],
    ['apigateway-to-lambda', 'API Gateway routes invoke the API function'],
  ])('%s: %s', (kind) => {
    const deliveries = proven[kind] ?? [];
    // None to evaluate would pass vacuously: the plan must wire each kind up.
    expect(deliveries.length, `no ${kind} wiring in the plan`).toBeGreaterThan(0);
    expect(deliveries.filter((d) => !d.verdict.allowed).map(describeDelivery)).toEqual([]);
  });
});
