import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { MiddlewareStack } from '@smithy/types';
import { describe, expect, it, vi } from 'vitest';
import { CALL_RECORDER_MIDDLEWARE_OPTIONS, recordPresignedRequest } from '../src/call-recorder.js';
import { createClient, createClients } from '../src/clients.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

function recordingEnv(dir = mkdtempSync(path.join(tmpdir(), 'calls-'))) {
  return {
    dir,
    env: {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_LAMBDA_FUNCTION_NAME: 'local-ingest',
      EVENTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:000000000000:image-events',
      PIPELINE_CALL_LOG: dir,
    },
  };
}

/** Answers every call after the recorder without the network: the call "succeeds" (or fails with `error`). */
// biome-ignore lint/suspicious/noExplicitAny: every SDK client's stack has different input/output unions.
function answerLocally(client: { middlewareStack: MiddlewareStack<any, any> }, error?: Error): void {
  client.middlewareStack.add(
    () => async () => {
      if (error) throw error;
      return { output: { $metadata: {} }, response: {} };
    },
    { step: 'initialize', priority: 'low', name: 'answerLocally' },
  );
}

function records(dir: string): unknown[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) =>
      readFileSync(path.join(dir, file), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    );
}

function hasRecorder(stack: { identify(): string[] }): boolean {
  return stack.identify().some((entry) => entry.startsWith(CALL_RECORDER_MIDDLEWARE_OPTIONS.name));
}

describe('call recorder: SDK calls', () => {
  it('appends one line per call to <dir>/<function>.<pid>.jsonl', async () => {
    const { dir, env } = recordingEnv();
    const { s3 } = createClients(env);
    answerLocally(s3);

    await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'uploads/u/1.jpg' }));

    expect(readdirSync(dir)).toEqual([`local-ingest.${process.pid}.jsonl`]);
    expect(readFileSync(path.join(dir, `local-ingest.${process.pid}.jsonl`), 'utf8')).toBe(
      `${JSON.stringify({
        function: 'local-ingest',
        service: 's3',
        operation: 'GetObject',
        requests: [{ action: 's3:GetObject', resource: 'arn:aws:s3:::uploads/uploads/u/1.jpg' }],
      })}\n`,
    );
  });

  it('records Document client calls on the table, with the account of EVENTS_TOPIC_ARN', async () => {
    const { dir, env } = recordingEnv();
    const { dynamo } = createClients(env);
    answerLocally(dynamo);

    await dynamo.send(new GetCommand({ TableName: 'images', Key: { imageId: '1' } }));
    await dynamo.send(
      new QueryCommand({
        TableName: 'images',
        IndexName: 'by-owner',
        KeyConditionExpression: 'o = :o',
        ExpressionAttributeValues: { ':o': 'x' },
      }),
    );

    expect(records(dir)).toEqual([
      {
        function: 'local-ingest',
        service: 'dynamodb',
        operation: 'GetItem',
        requests: [
          { action: 'dynamodb:GetItem', resource: 'arn:aws:dynamodb:eu-west-1:000000000000:table/images' },
        ],
      },
      {
        function: 'local-ingest',
        service: 'dynamodb',
        operation: 'Query',
        requests: [
          {
            action: 'dynamodb:Query',
            resource: 'arn:aws:dynamodb:eu-west-1:000000000000:table/images/index/by-owner',
          },
        ],
      },
    ]);
  });

  it('records extra clients under their IAM service prefix (cognito -> cognito-idp, ses)', async () => {
    const { dir, env } = recordingEnv();
    const ses = createClient(SESv2Client, 'ses', env);
    answerLocally(ses);

    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@example.com',
        Destination: { ToAddresses: ['a@example.com'] },
        Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } },
      }),
    );

    const [record] = records(dir) as { service: string; requests: { role?: string }[] }[];
    expect(record?.service).toBe('ses');
    expect(record?.requests.map((r) => r.role)).toEqual(['sender', 'recipient']);
  });
});

describe('call recorder: failed and presigned calls', () => {
  it('records a failed call too: AWS evaluated it all the same', async () => {
    const { dir, env } = recordingEnv();
    const { s3 } = createClients(env);
    answerLocally(s3, new Error('AccessDenied'));

    await expect(s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }))).rejects.toThrow(
      'AccessDenied',
    );
    expect(records(dir)).toMatchObject([{ operation: 'PutObject' }]);
  });

  it('records a presigned GET as PresignedGetObject, without calling AWS', async () => {
    const { dir, env } = recordingEnv();
    const s3 = createClient(S3Client, 's3', env);
    Object.assign(s3.config, { credentials: async () => credentials });

    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'uploads', Key: 'a.jpg' }));

    expect(url).toContain('X-Amz-Signature');
    expect(records(dir)).toEqual([
      {
        function: 'local-ingest',
        service: 's3',
        operation: 'PresignedGetObject',
        requests: [{ action: 's3:GetObject', resource: 'arn:aws:s3:::uploads/a.jpg' }],
      },
    ]);
  });

  it('records a presigned POST through recordPresignedRequest', () => {
    const { dir, env } = recordingEnv();
    recordPresignedRequest('PresignedPost', { action: 's3:PutObject', resource: 'arn:aws:s3:::u/k' }, env);
    expect(records(dir)).toEqual([
      {
        function: 'local-ingest',
        service: 's3',
        operation: 'PresignedPost',
        requests: [{ action: 's3:PutObject', resource: 'arn:aws:s3:::u/k' }],
      },
    ]);
  });
});

describe('call recorder: when it records nothing or cannot write', () => {
  it('records nothing without AWS_ENDPOINT_URL, so a deployed function never does', () => {
    const { dir, env } = recordingEnv();
    const { AWS_ENDPOINT_URL: _, ...deployed } = env;
    const clients = createClients(deployed);
    for (const client of [clients.s3, clients.sns, clients.dynamo]) {
      expect(hasRecorder(client.middlewareStack)).toBe(false);
    }
    recordPresignedRequest(
      'PresignedPost',
      { action: 's3:PutObject', resource: 'arn:aws:s3:::u/k' },
      deployed,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('records nothing without PIPELINE_CALL_LOG', () => {
    const { env } = recordingEnv();
    const { PIPELINE_CALL_LOG: _, ...plain } = env;
    const clients = createClients(plain);
    for (const client of [clients.s3, clients.sns, clients.dynamo]) {
      expect(hasRecorder(client.middlewareStack)).toBe(false);
    }
    expect(hasRecorder(createClient(SESv2Client, 'ses', plain).middlewareStack)).toBe(false);
  });

  it('never fails the call when the log cannot be written', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'calls-'));
    const notADirectory = path.join(base, 'file');
    writeFileSync(notADirectory, '');
    const { env } = recordingEnv(notADirectory);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { s3 } = createClients(env);
    answerLocally(s3);

    await expect(s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))).resolves.toBeDefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('PIPELINE_CALL_LOG'));
    warn.mockRestore();
  });

  it('never fails the call when its input cannot be mapped', async () => {
    const { dir, env } = recordingEnv();
    const { s3 } = createClients(env);
    answerLocally(s3);
    const malformed = { Bucket: 'b', Delete: { Objects: 5 } } as unknown as ConstructorParameters<
      typeof DeleteObjectsCommand
    >[0];

    await expect(s3.send(new DeleteObjectsCommand(malformed))).resolves.toBeDefined();
    expect(existsSync(dir)).toBe(true);
    expect(records(dir)).toEqual([]);
  });
});
