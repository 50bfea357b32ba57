import { describe, expect, it } from 'vitest';
import { environmentsUsed, type InvocationSample, totalOf, usagePerImage } from '../invocation-log.ts';

const sample = (
  over: Partial<InvocationSample> & Pick<InvocationSample, 'functionName'>,
): InvocationSample => ({
  durationMs: 100,
  cpuMs: 50,
  s3BytesRead: 1000,
  records: 1,
  ok: true,
  endedAt: 1000,
  ...over,
});

describe('usagePerImage', () => {
  const uploads = new Map([
    ['id-a1', 'a.jpg'],
    ['id-a2', 'a.jpg'],
    ['id-b', 'b.png'],
  ]);

  it('sums each function per image and divides by the uploads of that image', () => {
    const { perImage } = usagePerImage(
      [
        sample({ functionName: 'ingest', imageIds: ['id-a1'], cpuMs: 10, s3BytesRead: 200 }),
        sample({ functionName: 'ingest', imageIds: ['id-a2'], cpuMs: 30, s3BytesRead: 400 }),
        sample({ functionName: 'resize', imageIds: ['id-a1'], cpuMs: 700, s3BytesRead: 16_000 }),
      ],
      uploads,
    );

    expect(perImage['a.jpg']?.ingest).toEqual({
      invocations: 1,
      records: 1,
      durationMs: 100,
      cpuMs: 20,
      s3BytesRead: 300,
    });
    expect(perImage['a.jpg']?.resize?.cpuMs).toBe(350);
    expect(perImage['b.png']).toBeUndefined();
  });

  it('splits a batch about several images evenly and keeps invocations about none apart', () => {
    const { perImage, unattributed } = usagePerImage(
      [
        sample({ functionName: 'mailer', imageIds: ['id-a1', 'id-b'], cpuMs: 40, records: 2 }),
        sample({ functionName: 'counters', imageIds: ['someone-else'], cpuMs: 8 }),
        sample({ functionName: 'counters', cpuMs: 4 }),
      ],
      uploads,
    );

    expect(perImage['b.png']?.mailer).toMatchObject({ invocations: 0.5, records: 1, cpuMs: 20 });
    expect(perImage['a.jpg']?.mailer).toMatchObject({ invocations: 0.25, cpuMs: 10 });
    expect(unattributed.counters).toMatchObject({ invocations: 2, cpuMs: 12 });
  });

  it('leaves CPU and bytes undefined when the runtime did not measure them', () => {
    const { perImage } = usagePerImage(
      [sample({ functionName: 'resize', imageIds: ['id-b'], cpuMs: undefined, s3BytesRead: undefined })],
      uploads,
    );

    expect(totalOf(perImage['b.png'], 'cpuMs')).toBeUndefined();
    expect(totalOf(perImage['b.png'], 'durationMs')).toBe(100);
  });
});

describe('environmentsUsed', () => {
  it('counts the most invocations of a function running at once, and its cold starts', () => {
    const used = environmentsUsed([
      sample({ functionName: 'resize', endedAt: 1000, durationMs: 500, coldStart: true }),
      sample({ functionName: 'resize', endedAt: 1200, durationMs: 500, coldStart: true }),
      sample({ functionName: 'resize', endedAt: 1700, durationMs: 500, coldStart: false }),
      sample({ functionName: 'ingest', endedAt: 1000, durationMs: 10 }),
    ]);

    expect(used.resize).toEqual({ peak: 2, created: 2 });
    expect(used.ingest).toEqual({ peak: 1, created: undefined });
  });

  it('counts back-to-back invocations as one environment', () => {
    const used = environmentsUsed([
      sample({ functionName: 'resize', endedAt: 1000, durationMs: 500 }),
      sample({ functionName: 'resize', endedAt: 1500, durationMs: 500 }),
    ]);

    expect(used.resize?.peak).toBe(1);
  });
});
