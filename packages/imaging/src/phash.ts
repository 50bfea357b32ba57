import type { PerceptualHashes } from '@pipeline/domain';
import { type Pixels, smallPixels } from './small-pixels';

/** Side of the greyscale square the DCT runs on (pHash's 32 x 32). */
const SIDE = 32;
/** The top-left 8 x 8 block of DCT coefficients: the lowest frequencies, which re-encoding and resizing barely move. */
const KEPT = 8;

// cos((2x + 1) u pi / 2N) for u = 0..KEPT-1 and x = 0..SIDE-1, computed once.
const COSINES: readonly Float64Array[] = Array.from({ length: KEPT }, (_, u) =>
  Float64Array.from({ length: SIDE }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIDE))),
);

/** Share of each edge the centre hash leaves out: what a light crop removes. */
const CENTRE_MARGIN = 0.05;

/**
 * The two 64-bit DCT perceptual hashes (pHash) of an image, as 16 lower-case
 * hex characters each (see {@link perceptualHashesOf}). Pass the smallest rendition.
 *
 * @throws InvalidImageError when `image` cannot be decoded.
 */
export async function perceptualHashes(image: Buffer): Promise<PerceptualHashes> {
  return perceptualHashesOf(await smallPixels(image));
}

/**
 * The two perceptual hashes of pixels at most 100 x 100 (see `smallPixels`):
 * `full` of the whole image, `centre` of the image without 5% of each edge.
 * The pixels are flattened onto white, turned to grey (Rec. 601 luma) and
 * area-averaged to 32 x 32 (aspect ignored); a 2D DCT follows, and the
 * top-left 8 x 8 coefficients (the lowest frequencies) give one bit each: 1
 * when the coefficient is above the median of the 63 besides the DC term.
 * Re-encoding and resizing barely move these frequencies. A crop rescales
 * them, which the full hash alone does not survive (10-20 bits apart for 5%
 * off each edge), so the centre hash stands for "this photo, lightly
 * cropped" (see `nearDuplicateDistance` in @pipeline/domain).
 */
export function perceptualHashesOf(pixels: Pixels): PerceptualHashes {
  const grey = greyOnWhite(pixels);
  const { width, height } = pixels;
  const left = width * CENTRE_MARGIN;
  const top = height * CENTRE_MARGIN;
  return {
    full: hashOfPixels(areaResize(grey, width, { left: 0, top: 0, width, height })),
    centre: hashOfPixels(
      areaResize(grey, width, { left, top, width: width - 2 * left, height: height - 2 * top }),
    ),
  };
}

function greyOnWhite({ data, width, height }: Pixels): Float64Array {
  const grey = new Float64Array(width * height);
  for (let i = 0; i < grey.length; i += 1) {
    const alpha = (data[i * 4 + 3] as number) / 255;
    const luma =
      0.299 * (data[i * 4] as number) +
      0.587 * (data[i * 4 + 1] as number) +
      0.114 * (data[i * 4 + 2] as number);
    grey[i] = luma * alpha + 255 * (1 - alpha);
  }
  return grey;
}

/** The mean of `grey` over each of SIDE x SIDE cells of `box` (fractional edges weighted by overlap). */
function areaResize(
  grey: Float64Array,
  stride: number,
  box: { left: number; top: number; width: number; height: number },
): Float64Array {
  const columns = weights(box.left, box.width);
  const rows = weights(box.top, box.height);
  const out = new Float64Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y += 1) {
    for (let x = 0; x < SIDE; x += 1) {
      let sum = 0;
      let total = 0;
      for (const [row, wy] of rows[y] as Array<[number, number]>) {
        for (const [column, wx] of columns[x] as Array<[number, number]>) {
          sum += (grey[row * stride + column] as number) * wx * wy;
          total += wx * wy;
        }
      }
      out[y * SIDE + x] = sum / total;
    }
  }
  return out;
}

/** For each of SIDE cells over [start, start + length): the source indices it covers and by how much. */
function weights(start: number, length: number): Array<Array<[number, number]>> {
  const cell = length / SIDE;
  return Array.from({ length: SIDE }, (_, i) => {
    const from = start + i * cell;
    const to = from + cell;
    const covered: Array<[number, number]> = [];
    for (let p = Math.floor(from); p < Math.ceil(to); p += 1) {
      const overlap = Math.min(to, p + 1) - Math.max(from, p);
      if (overlap > 1e-9) covered.push([p, overlap]);
    }
    return covered;
  });
}

/** The hash of 32 x 32 grey values (row-major); exported for tests. */
export function hashOfPixels(grey: ArrayLike<number>): string {
  const coefficients = lowFrequencies(grey);
  // The median leaves the DC term (the mean brightness, far above every other) out, as pHash does.
  const median = [...coefficients.slice(1)].sort((a, b) => a - b)[31] as number;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble += 1) {
    let value = 0;
    for (let bit = 0; bit < 4; bit += 1) {
      value = (value << 1) | ((coefficients[nibble * 4 + bit] as number) > median ? 1 : 0);
    }
    hex += value.toString(16);
  }
  return hex;
}

/** DCT-II coefficients (u, v) for u, v in 0..7, row by row, DC first; the separable form needs 32 x 8 x 40 multiplications. */
function lowFrequencies(grey: ArrayLike<number>): number[] {
  // rows[v][y] = sum over x of pixel(x, y) cos(v, x)
  const rows = COSINES.map((cosV) =>
    Float64Array.from({ length: SIDE }, (_, y) => {
      let sum = 0;
      for (let x = 0; x < SIDE; x += 1) sum += (grey[y * SIDE + x] as number) * (cosV[x] as number);
      return sum;
    }),
  );
  const out: number[] = [];
  for (let u = 0; u < KEPT; u += 1) {
    const cosU = COSINES[u] as Float64Array;
    for (let v = 0; v < KEPT; v += 1) {
      const row = rows[v] as Float64Array;
      let sum = 0;
      for (let y = 0; y < SIDE; y += 1) sum += (cosU[y] as number) * (row[y] as number);
      out.push(sum);
    }
  }
  return out;
}
