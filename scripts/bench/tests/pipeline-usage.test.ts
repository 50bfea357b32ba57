import { describe, expect, it } from 'vitest';
import { requestsPerImage, usageOfImage } from '../pipeline-usage.ts';
import { IMAGE, measure } from './run-fixture.ts';

describe('requestsPerImage', () => {
  it("divides the level's recorded calls by its uploads and adds the queue traffic and the upload", () => {
    const m = measure();
    const requests = requestsPerImage(m, m.perImage[IMAGE] ?? {});

    // 16 PutObject / 2 uploads + the upload itself
    expect(requests?.s3Put).toBe(9);
    expect(requests?.s3Get).toBe(1);
    // Publish per image + the S3 notification
    expect(requests?.snsPublish).toBe(2);
    expect(requests?.dynamoWru).toBe(1);
    // two functions: a delivery, a receive and a delete each
    expect(requests?.sqs).toBe(6);
  });

  it('is undefined without a call log', () => {
    const m = measure({ calls: undefined });

    expect(requestsPerImage(m, m.perImage[IMAGE] ?? {})).toBeUndefined();
  });
});

describe('usageOfImage', () => {
  it('shares what no upload claimed evenly among the uploads', () => {
    const m = measure({
      unattributed: { counters: { invocations: 4, records: 4, durationMs: 40, cpuMs: 20, s3BytesRead: 0 } },
    });

    const usage = usageOfImage(m, IMAGE);

    expect(usage?.lambda.find((u) => u.fn === 'counters')).toEqual({
      fn: 'counters',
      memoryMb: 128,
      invocations: 2,
      ms: 20,
    });
    expect(usage?.lambda.find((u) => u.fn === 'resize')?.memoryMb).toBe(1769);
  });
});
