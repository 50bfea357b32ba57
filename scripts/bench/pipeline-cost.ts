/**
 * Dollars per 1,000 images for the whole pipeline: every function's Lambda
 * GB-seconds and requests, and the S3, SQS, SNS and DynamoDB requests, from
 * what this run measured, next to today's figure (before issue 14) computed
 * the same way from a documented baseline.
 */
import { PRICES } from './cost.ts';
import { NO_UNITS, REQUEST_PRICES, type RequestUnits, requestDollars } from './request-prices.ts';

/** One function's part of one image: invocations, summed handler ms, at its memory. */
export interface LambdaUse {
  fn: string;
  memoryMb: number;
  invocations: number;
  ms: number;
}

export interface PipelineUsage {
  lambda: LambdaUse[];
  /** Billable request units per image; SES is kept apart (see SES_EMAILS_PER_IMAGE). */
  requests: RequestUnits;
}

/** $ per 1,000 images, by part. `total` leaves SES out; `withSes` adds one email per image. */
export interface PipelineCost {
  lambdaDuration: number;
  lambdaRequests: number;
  s3: number;
  sqs: number;
  sns: number;
  dynamodb: number;
  total: number;
  ses: number;
  withSes: number;
}

/**
 * The mailer emails the owner on every PROCESSED image (functions/mailer:
 * image.processed is in its filter policy; an owner without an address, or
 * the bench's owner-less uploads, get none). One email costs more than all
 * the rest of an image together, and no part of issue 14 changes it, so the
 * judged figure leaves it out and the report shows it beside.
 */
export const SES_EMAILS_PER_IMAGE = 1;

/**
 * Requests that happen outside any function, per image: the owner's upload (a presigned POST,
 * billed as a PUT) and S3's ObjectCreated notification to the events topic (an SNS publish:
 * "You pay only for use of Amazon SNS or Amazon SQS to deliver event notifications",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html).
 */
export const OUTSIDE_FUNCTIONS: Partial<RequestUnits> = { s3Put: 1, snsPublish: 1 };

/**
 * Today (commit 45b72c5, before issue 14), per 18 MP image. Durations: bench/results/LATEST.md
 * (2026-11-22) cost table, ingest 570 ms at 1,024 MB and resize 805 ms at 1,769 MB. Requests: counted
 * from that commit's code paths for one accepted, processed and mailed upload:
 * - S3 PUT tier 10: the upload, resize's 8 PutObject, resize's ListObjectsV2 of older renditions;
 *   GET tier 2: ingest's and resize's GetObject (each of the whole original).
 * - SNS 4: the ObjectCreated notification, image.accepted, image.processed, the mailer's summary line.
 * - SQS 9: per function (ingest, resize, mailer) one delivery into its queue, one ReceiveMessage and
 *   one DeleteMessageBatch by the event source mapping.
 * - DynamoDB 6 WRU: ingest's PutItem, resize's UpdateItem (PROCESSED), the mailer's two idempotent
 *   units (PutItem + UpdateItem each); 2 RRU: resize's and the mailer's GetItem (strongly consistent).
 * The mailer (256 MB) has no baseline duration: this run's is used for both figures.
 *
 * Those durations were measured on that day's machine (2 x AMD EPYC). A bench
 * on another machine scales them by the ratio of the two runs' decode floors
 * of the same photo (section 1, column (d): libvips decoding the original,
 * none of the pipeline's code), so "today" is priced as if it had run here.
 */
export const TODAY = {
  label: 'today (45b72c5: LATEST.md 2026-11-22 durations, requests from the code paths)',
  lambda: [
    { fn: 'ingest', memoryMb: 1024, invocations: 1, ms: 570 },
    { fn: 'resize', memoryMb: 1769, invocations: 1, ms: 805 },
  ] satisfies LambdaUse[],
  /** That run's decode floor of the same 18 MP photo (LATEST.md 2026-11-22, section 1), for the machine factor. */
  floorMs: 481,
  /** Functions that touched an image today whose duration comes from this run. */
  measuredToo: ['mailer'],
  requests: {
    ...NO_UNITS,
    s3Put: 10,
    s3Get: 2,
    snsPublish: 4,
    sqs: 9,
    dynamoWru: 6,
    dynamoRru: 2,
  } satisfies RequestUnits,
};

/** $ per 1,000 images of `usage`; Lambda duration billed per ms, rounded up per invocation. */
export function pipelineCost(usage: PipelineUsage): PipelineCost {
  let lambdaDuration = 0;
  let lambdaRequests = 0;
  for (const use of usage.lambda) {
    const perInvocationMs = use.invocations > 0 ? Math.ceil(use.ms / use.invocations) : Math.ceil(use.ms);
    const billedMs = perInvocationMs * Math.max(use.invocations, 1);
    lambdaDuration += (billedMs / 1000) * (use.memoryMb / 1024) * PRICES.perGbSecond;
    lambdaRequests += use.invocations * PRICES.perRequest;
  }
  const requests = requestDollars(usage.requests);
  const total =
    lambdaDuration + lambdaRequests + requests.s3 + requests.sqs + requests.sns + requests.dynamodb;
  const ses = SES_EMAILS_PER_IMAGE * REQUEST_PRICES.sesEmail;
  const k = 1000;
  return {
    lambdaDuration: k * lambdaDuration,
    lambdaRequests: k * lambdaRequests,
    s3: k * requests.s3,
    sqs: k * requests.sqs,
    sns: k * requests.sns,
    dynamodb: k * requests.dynamodb,
    total: k * total,
    ses: k * ses,
    withSes: k * (total + ses),
  };
}

/**
 * Today's usage: the baseline durations times `machineFactor` (see {@link machineFactor}), plus
 * this run's use of `measuredToo` functions when measured.
 */
export function todayUsage(measured: LambdaUse[], machineFactor = 1): PipelineUsage {
  const scaled = TODAY.lambda.map((use) => ({ ...use, ms: use.ms * machineFactor }));
  const extra = measured.filter((use) => TODAY.measuredToo.includes(use.fn));
  return { lambda: [...scaled, ...extra], requests: TODAY.requests };
}

/** How much slower this machine decodes the photo than the baseline's did (1 when not measured). */
export function machineFactor(floorMs: number | undefined): number {
  return floorMs && floorMs > 0 ? floorMs / TODAY.floorMs : 1;
}

/** (now − before) / before, as a signed percentage. */
export function changePercent(now: number, before: number): number {
  return ((now - before) / before) * 100;
}
