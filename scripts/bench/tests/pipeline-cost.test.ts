import { describe, expect, it } from 'vitest';
import { PRICES } from '../cost.ts';
import { changePercent, machineFactor, pipelineCost, TODAY, todayUsage } from '../pipeline-cost.ts';
import { NO_UNITS, REQUEST_PRICES, unitsOfCall } from '../request-prices.ts';

describe('unitsOfCall', () => {
  it('bills S3 writes and listings at the PUT tier, reads at the GET tier and deletes not at all', () => {
    expect(unitsOfCall('s3', 'PutObject', 1)).toEqual({ s3Put: 1 });
    expect(unitsOfCall('s3', 'ListObjectsV2', 1)).toEqual({ s3Put: 1 });
    expect(unitsOfCall('s3', 'GetObject', 1)).toEqual({ s3Get: 1 });
    expect(unitsOfCall('s3', 'HeadObject', 1)).toEqual({ s3Get: 1 });
    expect(unitsOfCall('s3', 'DeleteObjects', 8)).toEqual({});
    expect(unitsOfCall('s3', 'PresignedGetObject', 1)).toEqual({});
  });

  it('counts DynamoDB units per item, twice for transactions', () => {
    expect(unitsOfCall('dynamodb', 'UpdateItem', 1)).toEqual({ dynamoWru: 1 });
    expect(unitsOfCall('dynamodb', 'TransactWriteItems', 3)).toEqual({ dynamoWru: 6 });
    expect(unitsOfCall('dynamodb', 'GetItem', 1)).toEqual({ dynamoRru: 1 });
    expect(unitsOfCall('dynamodb', 'BatchGetItem', 4)).toEqual({ dynamoRru: 4 });
  });

  it('counts one SNS publish per message of a batch and no request for services billed otherwise', () => {
    expect(unitsOfCall('sns', 'PublishBatch', 10)).toEqual({ snsPublish: 10 });
    expect(unitsOfCall('ses', 'SendEmail', 1)).toEqual({ sesEmail: 1 });
    expect(unitsOfCall('cognito-idp', 'ListUsers', 1)).toEqual({});
  });
});

describe('pipelineCost', () => {
  it('adds Lambda GB-seconds and requests to every request, per 1,000 images, SES apart', () => {
    const cost = pipelineCost({
      lambda: [{ fn: 'resize', memoryMb: 2048, invocations: 1, ms: 999.2 }],
      requests: { ...NO_UNITS, s3Put: 8, s3Get: 1, sqs: 3, snsPublish: 2, dynamoWru: 2, dynamoRru: 1 },
    });

    const lambda = 2 * PRICES.perGbSecond + PRICES.perRequest;
    const p = REQUEST_PRICES;
    const requests = 8 * p.s3Put + p.s3Get + 3 * p.sqs + 2 * p.snsPublish + 2 * p.dynamoWru + p.dynamoRru;
    expect(cost.total).toBeCloseTo(1000 * (lambda + requests), 9);
    expect(cost.s3).toBeCloseTo(1000 * (8 * p.s3Put + p.s3Get), 9);
    expect(cost.withSes - cost.total).toBeCloseTo(1000 * p.sesEmail, 9);
  });

  it('bills each invocation its own rounded-up milliseconds', () => {
    const one = pipelineCost({
      lambda: [{ fn: 'x', memoryMb: 1024, invocations: 2, ms: 3 }],
      requests: NO_UNITS,
    });

    expect(one.lambdaDuration).toBeCloseTo(1000 * (4 / 1000) * PRICES.perGbSecond, 12);
  });

  it("prices today's baseline from LATEST.md's durations plus this run's mailer", () => {
    const mailer = { fn: 'mailer', memoryMb: 256, invocations: 1, ms: 40 };
    const today = todayUsage([{ fn: 'resize', memoryMb: 1769, invocations: 1, ms: 300 }, mailer]);

    expect(today.lambda).toEqual([...TODAY.lambda, mailer]);
    const lambdaOnly = pipelineCost({ lambda: TODAY.lambda, requests: NO_UNITS });
    // LATEST.md's table: ingest 570 ms at 1,024 MB + resize 805 ms at 1,769 MB = $0.0265 per 1,000.
    expect(lambdaOnly.total).toBeCloseTo(0.0265, 4);
  });
});

describe('machineFactor', () => {
  it("scales today's durations by how much slower this machine decodes the same photo", () => {
    expect(machineFactor(TODAY.floorMs * 2.5)).toBeCloseTo(2.5, 9);
    expect(machineFactor(undefined)).toBe(1);
    const today = todayUsage([], machineFactor(TODAY.floorMs * 2));
    expect(today.lambda.map((u) => u.ms)).toEqual(TODAY.lambda.map((u) => u.ms * 2));
  });
});

describe('changePercent', () => {
  it('is negative when the cost went down', () => {
    expect(changePercent(7, 10)).toBeCloseTo(-30, 9);
  });
});
