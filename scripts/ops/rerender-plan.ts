/**
 * The pure part of `make rerender`: the options it reads, which images it
 * sends, the cost estimate of the dry run, the resumable cursor and the pace.
 * scripts/ops/rerender.ts does the calls.
 */
import type { ImageRecord } from '@pipeline/domain';
import { isStatusPosition, type StatusPosition } from '@pipeline/store';

/** What `make rerender` reads from its environment. */
export interface RerenderOptions {
  /** CONFIRM=yes: enqueue. Anything else: a dry run (count and cost only). */
  confirm: boolean;
  /** RATE: images sent per second (default 5): the resize queue's pace, not a burst of the whole table. */
  rate: number;
  /** FROM: the cursor a stopped run printed; the listing resumes after it. */
  from: StatusPosition | undefined;
  /** MS_PER_IMAGE: a per-image resize duration to estimate with instead of measuring one. */
  msPerImage: number | undefined;
}

/** Lambda arm64 list price, us-east-1, first tier (https://aws.amazon.com/lambda/pricing/); as scripts/bench/cost.ts. */
export const LAMBDA_PRICES = { perGbSecond: 0.0000133334, perRequest: 0.2 / 1_000_000 } as const;

/**
 * Reads CONFIRM, RATE, FROM and MS_PER_IMAGE.
 *
 * @throws Error naming the variable when RATE, FROM or MS_PER_IMAGE is unusable.
 */
export function readRerenderOptions(env: Record<string, string | undefined>): RerenderOptions {
  const rate = env.RATE ? Number(env.RATE) : 5;
  if (!Number.isFinite(rate) || rate <= 0 || rate > 500)
    throw new Error(`RATE must be 0-500 images per second, got ${env.RATE}`);
  const msPerImage = env.MS_PER_IMAGE ? Number(env.MS_PER_IMAGE) : undefined;
  if (msPerImage !== undefined && !(msPerImage > 0))
    throw new Error(`MS_PER_IMAGE must be a positive number, got ${env.MS_PER_IMAGE}`);
  return {
    confirm: env.CONFIRM === 'yes',
    rate,
    from: env.FROM ? decodeCursor(env.FROM) : undefined,
    msPerImage,
  };
}

/**
 * Whether `record` needs a re-render: live (not rejected by a moderator) and
 * not every rendition made with the profile whose digest is `digest`. Resize
 * checks again when the message arrives; this only saves messages.
 */
export function needsRerender(record: ImageRecord, digest: string): boolean {
  if (record.status !== 'PROCESSED' || record.review?.decision === 'REJECTED') return false;
  const renditions = record.renditions ?? [];
  return renditions.length === 0 || renditions.some((r) => r.profile !== digest);
}

/** Lambda dollars for `images` resize invocations of `msPerImage` at `memoryMb` (billed per started ms). */
export function estimateDollars(images: number, msPerImage: number, memoryMb: number): number {
  const perImage =
    (Math.ceil(msPerImage) / 1000) * (memoryMb / 1024) * LAMBDA_PRICES.perGbSecond + LAMBDA_PRICES.perRequest;
  return images * perImage;
}

/** The cursor printed after each page: base64url of the listing's position (every status shard's). */
export function encodeCursor(position: StatusPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * Reads a cursor {@link encodeCursor} printed.
 *
 * @throws Error `FROM is not a cursor make rerender printed` otherwise.
 */
export function decodeCursor(text: string): StatusPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isStatusPosition(value, 'PROCESSED')) throw new Error('FROM is not a cursor make rerender printed');
  return value;
}

/**
 * Paces sends to `rate` per second: `take(n)` waits until n more may go.
 * The clock and sleep are arguments so the test runs without waiting.
 */
export function pacer(rate: number, clock: () => number, sleep: (ms: number) => Promise<void>) {
  let next = clock();
  return async (count: number): Promise<void> => {
    const wait = next - clock();
    if (wait > 0) await sleep(wait);
    next = Math.max(next, clock()) + (count / rate) * 1000;
  };
}

/** `1,234` */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
