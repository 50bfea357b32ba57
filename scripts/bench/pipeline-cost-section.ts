/**
 * The pipeline's dollars per 1,000 images in the report: this run against
 * today's figure (pipeline-cost.ts TODAY), part by part, with every price.
 */
import type { BenchRun } from './bench-run.ts';
import { PRICES } from './cost.ts';
import type { E2eResult } from './e2e.ts';
import {
  changePercent,
  machineFactor,
  type PipelineUsage,
  pipelineCost,
  SES_EMAILS_PER_IMAGE,
  TODAY,
  todayUsage,
} from './pipeline-cost.ts';
import type { PipelineMeasure } from './pipeline-measure.ts';
import { usageOfImage } from './pipeline-usage.ts';
import { REQUEST_PRICES, type RequestUnits } from './request-prices.ts';
import { fmt } from './stats.ts';

/** Today's and this run's cost of the largest image, or why there is none. */
export function costComparison(
  run: BenchRun,
): { image: string; now: PipelineUsage; today: PipelineUsage } | { note: string } {
  if (!run.e2e.ok) return { note: `no end-to-end run (${run.e2e.note})` };
  const measure = run.e2e.value.pipeline;
  const image = run.renditions.images[0]?.image.name;
  if (!measure?.statsSeen || !image) return { note: 'no invocation stats from the runtime' };
  if (!measure.calls) return { note: 'no call log (PIPELINE_CALL_LOG) from the functions' };
  const now = usageOfImage(measure, image);
  if (!now) return { note: `no invocation attributed to ${image}` };
  return { image, now, today: todayUsage(now.lambda, machineFactor(floorOf(run))) };
}

/** This run's decode floor of the largest image, when measured. */
function floorOf(run: BenchRun): number | undefined {
  const floor = run.renditions.images[0]?.columns.floor;
  return floor?.ok ? floor.ms : undefined;
}

const price = (perUnit: number, per: number) =>
  `$${fmt(perUnit * per, 4)
    .replace(/0+$/, '')
    .replace(/\.$/, '')}`;
const dollars = (value: number) => fmt(value, 5);
const units = (value: number) => fmt(value, value % 1 === 0 ? 0 : 2);

export function pipelineCostRows(run: BenchRun, _e2e: E2eResult): string[] {
  const head = ['Dollars per 1,000 images, every request included, for the largest image.', ''];
  const compared = costComparison(run);
  if ('note' in compared) return [...head, `n/a: ${compared.note}.`, ''];
  const { image, now, today } = compared;
  const c = { now: pipelineCost(now), today: pipelineCost(today) };
  const p = REQUEST_PRICES;
  const requestRow = (label: string, key: keyof RequestUnits, perUnit: number, per: number) =>
    `| ${label} | ${price(perUnit, per)} per ${fmt(per)} | ${units(today.requests[key])} | ${units(now.requests[key])} | ${dollars(1000 * today.requests[key] * perUnit)} | ${dollars(1000 * now.requests[key] * perUnit)} |`;
  const lambdaCell = (usage: PipelineUsage) =>
    usage.lambda.map((u) => `${u.fn} ${fmt(u.ms)} ms × ${u.memoryMb} MB`).join(', ');
  return [
    ...head,
    `${image}. Today: ${TODAY.label}, scaled by this machine's speed (decode floor ${fmt(floorOf(run) ?? TODAY.floorMs)} ms here vs ${fmt(TODAY.floorMs)} ms then); the mailer's duration is this run's in both. Now: this run at concurrency 1, ` +
      'requests counted from the call logs the functions write (packages/aws call recorder, PIPELINE_CALL_LOG) and the invocation stats ' +
      '(one ReceiveMessage, one DeleteMessageBatch per invocation and one delivery per message), plus the upload and its S3 notification. ' +
      'DynamoDB: one WRU per write, one RRU per strongly consistent read (items up to 1 KB / 4 KB; index writes not counted). ' +
      "Not per image, so not here: the event source mappings' empty long polls, CloudWatch, KMS, Cognito (billed per monthly active user).",
    '',
    `Lambda (${lambdaCell(today)} today; ${lambdaCell(now)} now).`,
    '',
    '| part | price (us-east-1) | units today | units now | $ today | $ now |',
    '|---|---|--:|--:|--:|--:|',
    `| Lambda duration (arm64) | $${PRICES.perGbSecond} per GB-s | | | ${dollars(c.today.lambdaDuration)} | ${dollars(c.now.lambdaDuration)} |`,
    `| Lambda requests | $0.20 per 1,000,000 | ${units(sumInvocations(today))} | ${units(sumInvocations(now))} | ${dollars(c.today.lambdaRequests)} | ${dollars(c.now.lambdaRequests)} |`,
    requestRow('S3 PUT, COPY, POST, LIST', 's3Put', p.s3Put, 1000),
    requestRow('S3 GET, HEAD (DELETE free)', 's3Get', p.s3Get, 1000),
    requestRow('SQS requests', 'sqs', p.sqs, 1_000_000),
    requestRow('SNS publishes (deliveries to SQS free)', 'snsPublish', p.snsPublish, 1_000_000),
    requestRow('DynamoDB write request units', 'dynamoWru', p.dynamoWru, 1_000_000),
    requestRow('DynamoDB read request units', 'dynamoRru', p.dynamoRru, 1_000_000),
    `| **total** | | | | **${dollars(c.today.total)}** | **${dollars(c.now.total)}** (${signed(changePercent(c.now.total, c.today.total))}) |`,
    `| SES email to the owner (${SES_EMAILS_PER_IMAGE} per processed image, unchanged) | ${price(p.sesEmail, 1000)} per 1,000 | ${SES_EMAILS_PER_IMAGE} | ${SES_EMAILS_PER_IMAGE} | ${dollars(c.today.ses)} | ${dollars(c.now.ses)} |`,
    `| total with the email | | | | ${dollars(c.today.withSes)} | ${dollars(c.now.withSes)} (${signed(changePercent(c.now.withSes, c.today.withSes))}) |`,
    '',
    'The email is left out of the judged total: the mailer sends it on every processed image, it costs more than the rest together, and no part of issue 14 changes it.',
    '',
    ...(run.e2e.ok && run.e2e.value.pipeline ? callRows(run.e2e.value.pipeline) : []),
  ];
}

/** The recorded calls per image, by function: where the request counts above come from. */
export function callRows(measure: PipelineMeasure): string[] {
  if (!measure.calls) return [];
  const per = (n: number) => fmt(n / Math.max(1, measure.uploads), 2).replace(/\.00$/, '');
  return [
    `AWS calls the functions made per image at concurrency 1 (the call logs of ${measure.uploads} uploads, divided by their number; a transaction or batch counts its items):`,
    '',
    '| function | calls per image |',
    '|---|---|',
    ...Object.entries(measure.calls)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([fn, byOp]) =>
          `| ${fn} | ${Object.entries(byOp)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(
              ([op, { calls, items }]) =>
                `${op} ${per(calls)}${items > calls ? ` (${per(items)} items)` : ''}`,
            )
            .join(', ')} |`,
      ),
    '',
  ];
}

function sumInvocations(usage: PipelineUsage): number {
  return usage.lambda.reduce((n, u) => n + u.invocations, 0);
}

function signed(percent: number): string {
  return `${percent >= 0 ? '+' : '−'}${fmt(Math.abs(percent), 1)}%`;
}
