import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, InjectedFaultError } from '../src/errors.js';
import { addFaultInjection, createFaultState, parseFaults, shouldFail } from '../src/faults.js';

/** An HTTP handler (not an AWS client) that answers 200 and counts requests. */
function okHttp(body = '') {
  const handle = vi.fn(async () => ({
    response: { statusCode: 200, headers: {}, body: Readable.from([Buffer.from(body)]) },
  }));
  return { handle, requestHandler: { handle } };
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('parseFaults', () => {
  it('reads per-operation counts and a rate', () => {
    const plan = parseFaults('s3:GetObject=2, dynamodb:UpdateItem=1,rate=0.25');
    expect(Object.fromEntries(plan.counts)).toEqual({ 's3:GetObject': 2, 'dynamodb:UpdateItem': 1 });
    expect(plan.rate).toBe(0.25);
  });

  it('names PIPELINE_FAULTS when an entry is malformed', () => {
    expect(() => parseFaults('s3:GetObject')).toThrow(ConfigError);
    expect(() => parseFaults('ec2:RunInstances=1')).toThrow(/PIPELINE_FAULTS/);
    expect(() => parseFaults('rate=2')).toThrow(/PIPELINE_FAULTS: rate/);
  });
});

describe('shouldFail', () => {
  it('fails the first N calls of an operation and then lets calls through', () => {
    const state = createFaultState(parseFaults('s3:GetObject=2'));
    expect([1, 2, 3].map(() => shouldFail(state, 's3:GetObject'))).toEqual([true, true, false]);
    expect(shouldFail(state, 's3:PutObject')).toBe(false);
  });

  it('fails calls with the configured probability', () => {
    const draws = [0.1, 0.9, 0.19];
    const state = createFaultState(parseFaults('rate=0.2'), () => draws.shift() ?? 1);
    expect([1, 2, 3].map(() => shouldFail(state, 'sns:Publish'))).toEqual([true, false, true]);
  });
});

describe('fault middleware', () => {
  it('throws a 503-looking error past the SDK retries, then lets calls through', async () => {
    const http = okHttp();
    const s3 = new S3Client({
      region: 'us-east-1',
      credentials,
      requestHandler: http.requestHandler,
      maxAttempts: 3,
    });
    addFaultInjection(s3, 's3', createFaultState(parseFaults('s3:HeadBucket=2')));

    await expect(s3.send(new HeadBucketCommand({ Bucket: 'b' }))).rejects.toBeInstanceOf(InjectedFaultError);
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'b' }))).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      $fault: 'server',
      $metadata: { httpStatusCode: 503 },
      operation: 's3:HeadBucket',
    });
    expect(http.handle).not.toHaveBeenCalled();

    await expect(s3.send(new HeadBucketCommand({ Bucket: 'b' }))).resolves.toBeDefined();
    expect(http.handle).toHaveBeenCalledTimes(1);
  });

  it('sees document-client commands under their DynamoDB operation names', async () => {
    const http = okHttp('{}');
    const base = new DynamoDBClient({
      region: 'us-east-1',
      credentials,
      requestHandler: http.requestHandler,
    });
    const dynamo = DynamoDBDocumentClient.from(base);
    addFaultInjection(base, 'dynamodb', createFaultState(parseFaults('dynamodb:GetItem=1')));

    await expect(
      dynamo.send(new GetCommand({ TableName: 't', Key: { imageId: 'x' } })),
    ).rejects.toMatchObject({
      operation: 'dynamodb:GetItem',
    });
    await expect(
      dynamo.send(new GetCommand({ TableName: 't', Key: { imageId: 'x' } })),
    ).resolves.toHaveProperty('$metadata.httpStatusCode', 200);
  });
});
