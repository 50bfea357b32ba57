import { describe, expect, it } from 'vitest';
import {
  hammingDistance,
  hashBands,
  isPerceptualHash,
  NEAR_DUPLICATE_BANDS,
  NEAR_DUPLICATE_MAX_DISTANCE,
  nearDuplicateDistance,
} from '../src/near-duplicates';

/** `hash` with the given bit positions (0 = most significant) flipped. */
function flip(hash: string, bits: number[]): string {
  const value = bits.reduce((v, bit) => v ^ (1n << BigInt(63 - bit)), BigInt(`0x${hash}`));
  return value.toString(16).padStart(16, '0');
}

describe('hammingDistance', () => {
  it('counts the differing bits', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0123456789abcdef', '0123456789abcdef')).toBe(0);
    expect(hammingDistance('0123456789abcdef', flip('0123456789abcdef', [0, 17, 63]))).toBe(3);
  });
});

describe('nearDuplicateDistance', () => {
  it('takes the closest of full-to-full and full-to-centre', () => {
    const a = { full: '00000000000000ff', centre: 'ff00000000000000' };
    const crop = { full: 'ff00000000000001', centre: '0f0f0f0f0f0f0f0f' };

    expect(nearDuplicateDistance(a, crop)).toBe(1);
    expect(nearDuplicateDistance(crop, a)).toBe(1);
  });
});

describe('hashBands', () => {
  it('cuts 64 bits into the given number of bands, every bit in exactly one', () => {
    const bands = hashBands('ffffffffffffffff', 9);

    expect(bands).toHaveLength(9);
    expect(bands.map((band) => band.split(':')[1]).join('')).toBe('1'.repeat(64));
    expect(bands.map((band) => band.split(':')[0])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('shares a band between any two hashes within the threshold (pigeonhole)', () => {
    expect(NEAR_DUPLICATE_BANDS).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
    const hash = '5a5a0f0fc3c31234';
    // The worst case: one flipped bit in as many bands as possible, spread evenly.
    for (let offset = 0; offset < 8; offset += 1) {
      const bits = Array.from({ length: NEAR_DUPLICATE_MAX_DISTANCE }, (_, i) => (i * 8 + offset) % 64);
      const near = flip(hash, bits);
      const shared = hashBands(hash).filter((band) => hashBands(near).includes(band));

      expect(hammingDistance(hash, near)).toBe(NEAR_DUPLICATE_MAX_DISTANCE);
      expect(shared.length).toBeGreaterThan(0);
    }
  });

  it('shares no band between a hash and its complement', () => {
    const hash = '5a5a0f0fc3c31234';
    const complement = flip(
      hash,
      Array.from({ length: 64 }, (_, i) => i),
    );

    expect(hashBands(hash).filter((band) => hashBands(complement).includes(band))).toEqual([]);
  });
});

describe('isPerceptualHash', () => {
  it('accepts 16 lower-case hex characters only', () => {
    expect(isPerceptualHash('0123456789abcdef')).toBe(true);
    expect(isPerceptualHash('0123456789ABCDEF')).toBe(false);
    expect(isPerceptualHash('0123')).toBe(false);
    expect(isPerceptualHash(42)).toBe(false);
  });
});
