import type { OwnerUsage } from '@pipeline/store';
import type { UploadQuotas } from './config.js';
import type { ApiDeps } from './deps.js';
import { QuotaExceededError, RateLimitedError } from './errors.js';

/** The verdict on one upload of `bytes` given the owner's usage: fine, or the error to answer. */
export function quotaDecision(
  usage: OwnerUsage,
  quotas: UploadQuotas,
  bytes: number,
): { ok: true; remainingBytes: number } | { ok: false; error: QuotaExceededError } {
  if (usage.images >= quotas.maxImages) {
    return {
      ok: false,
      error: new QuotaExceededError(
        'Quota::Images',
        `You have ${usage.images} images; the limit is ${quotas.maxImages} images per user. Delete some to upload more.`,
      ),
    };
  }
  const remainingBytes = Math.max(0, quotas.maxBytes - usage.bytes);
  if (bytes > remainingBytes) {
    return {
      ok: false,
      error: new QuotaExceededError(
        'Quota::Bytes',
        `This upload of ${bytes} bytes would take you over the limit of ${quotas.maxBytes} bytes per user ` +
          `(${usage.bytes} used, ${remainingBytes} left).`,
      ),
    };
  }
  return { ok: true, remainingBytes };
}

/**
 * Lets one upload of `bytes` through for `owner`, or throws: first the rate
 * window (cheap, and it bounds how often the usage query below runs), then
 * the quotas over the owner's live images. Returns the bytes left under the
 * byte quota, which a presigned POST uses as its size ceiling.
 *
 * @throws {RateLimitedError} (429 `Quota::Rate`, with Retry-After) over the per-minute limit.
 * @throws {QuotaExceededError} (403 `Quota::Images` / `Quota::Bytes`) when the quota leaves no room.
 */
export async function admitUpload(deps: ApiDeps, owner: string, bytes: number): Promise<number> {
  const { quotas } = deps.config;
  const rate = await deps.usage.takeUploadSlot(owner, quotas.uploadsPerMinute, deps.now());
  if (!rate.allowed) {
    throw new RateLimitedError(
      `Too many uploads: the limit is ${quotas.uploadsPerMinute} per minute per user; retry in ${rate.retryAfterSeconds} s.`,
      rate.retryAfterSeconds,
    );
  }
  const usage = await deps.usage.ownerUsage(owner, { images: quotas.maxImages, bytes: quotas.maxBytes });
  const decision = quotaDecision(usage, quotas, bytes);
  if (!decision.ok) throw decision.error;
  return decision.remainingBytes;
}
