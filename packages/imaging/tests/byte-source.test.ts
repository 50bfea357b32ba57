import { describe, expect, it, vi } from 'vitest';
import { HEADER_BYTES, HeaderOutOfReachError, prefixSource } from '../src/byte-source';

const whole = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

describe('prefixSource', () => {
  it('serves reads inside the prefix without fetching', async () => {
    const fetch = vi.fn();
    const source = prefixSource(whole.subarray(0, 100), whole.length, fetch);

    expect(await source.read(10, 5)).toEqual(whole.subarray(10, 15));
    expect(fetch).not.toHaveBeenCalled();
    expect(source.bytesRead).toBe(100);
  });

  it('fetches a window of at least HEADER_BYTES past the prefix and serves later reads from it', async () => {
    const fetch = vi.fn(async (start: number, length: number) => whole.subarray(start, start + length));
    const source = prefixSource(whole.subarray(0, 100), whole.length, fetch);

    expect(await source.read(500, 4)).toEqual(whole.subarray(500, 504));
    expect(await source.read(600, 4)).toEqual(whole.subarray(600, 604));
    expect(fetch.mock.calls).toEqual([[500, HEADER_BYTES]]);
    expect(source.bytesRead).toBe(100 + 500);
  });

  it('clips reads to the object size: a short buffer means the object ends', async () => {
    const source = prefixSource(whole, whole.length);

    expect(await source.read(998, 10)).toHaveLength(2);
    expect(await source.read(5000, 10)).toHaveLength(0);
  });

  it('throws HeaderOutOfReachError once the extra reads are spent', async () => {
    const fetch = vi.fn(async (start: number, length: number) =>
      whole.subarray(start, start + 1 + 0 * length),
    );
    const source = prefixSource(whole.subarray(0, 100), whole.length, fetch, 1);

    await source.read(200, 1);
    await expect(source.read(300, 1)).rejects.toBeInstanceOf(HeaderOutOfReachError);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('throws HeaderOutOfReachError past the prefix when it cannot fetch', async () => {
    await expect(prefixSource(whole.subarray(0, 100), whole.length).read(100, 1)).rejects.toBeInstanceOf(
      HeaderOutOfReachError,
    );
  });
});
