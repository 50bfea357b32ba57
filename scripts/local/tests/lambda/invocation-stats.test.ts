import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { imageIdsOf, invocationStats } from '../../lambda/invocation-stats.ts';

const ID = '0b9f7a52-3c1e-4d5f-9a8b-7c6d5e4f3a2b';

/** An SQSEvent whose records carry `bodies`. */
function eventOf(...bodies: string[]): SQSEvent {
  return { Records: bodies.map((body, i) => ({ messageId: `m${i}`, body })) } as unknown as SQSEvent;
}

const s3Event = (key: string) => JSON.stringify({ Records: [{ s3: { object: { key } } }] });
const inSns = (message: object) => JSON.stringify({ Type: 'Notification', Message: JSON.stringify(message) });

describe('imageIdsOf', () => {
  it('reads the images of S3 event upload keys and of domain events, in an SNS envelope or not, once each', () => {
    const event = eventOf(
      s3Event(`uploads/demo/${ID}.jpg`),
      inSns({ type: 'image.accepted', imageId: ID }),
      JSON.stringify({ type: 'image.processed', imageId: 'other' }),
    );

    expect(imageIdsOf(event)).toEqual([ID, 'other']);
  });

  it('leaves out bodies that name no image: other keys, bad escapes, not JSON', () => {
    const event = eventOf(s3Event('elsewhere/a.jpg'), s3Event('uploads/demo/%E0%A4%A.jpg'), 'not json', '{}');

    expect(imageIdsOf(event)).toEqual([]);
  });
});

describe('invocationStats', () => {
  it('takes the measures of the environment and counts the records', () => {
    const stats = invocationStats({
      functionName: 'resize',
      event: eventOf(inSns({ imageId: ID })),
      outcome: { ok: true, result: null, usage: { durationMs: 812.5, cpuMs: 790, s3BytesRead: 16_000_000 } },
      allSucceeded: true,
      coldStart: false,
      elapsedMs: 900,
    });

    expect(stats).toEqual({
      functionName: 'resize',
      durationMs: 812.5,
      cpuMs: 790,
      s3BytesRead: 16_000_000,
      records: 1,
      ok: true,
      coldStart: false,
      imageIds: [ID],
    });
  });

  it('falls back to the runtime’s elapsed time, and zero use, when the environment died', () => {
    const stats = invocationStats({
      functionName: 'ingest',
      event: eventOf('{}', '{}'),
      outcome: { ok: false, kind: 'crash', message: 'environment killed by SIGKILL' },
      allSucceeded: false,
      coldStart: true,
      elapsedMs: 1234,
    });

    expect(stats).toEqual({
      functionName: 'ingest',
      durationMs: 1234,
      cpuMs: 0,
      s3BytesRead: 0,
      records: 2,
      ok: false,
      coldStart: true,
    });
  });
});
