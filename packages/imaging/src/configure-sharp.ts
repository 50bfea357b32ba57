import sharp from 'sharp';

/** Tuning for sharp/libvips in a Lambda execution environment. */
export interface SharpSettings {
  /** libvips threads per image. Default: 1 (see below). */
  concurrency?: number;
  /** Keep libvips' operation cache. Default: false. */
  cache?: boolean;
}

let configured = false;

/**
 * Applies process-wide sharp settings once; later calls are no-ops unless
 * `force` is set. `probeImage` and `makeRenditions` call it themselves, and
 * handlers may call it at module load to pay the cost during the init phase.
 *
 * - cache off: the libvips operation cache only pays off when the same input
 *   is processed repeatedly; a Lambda sees each image once and the cache
 *   would just hold up to 50 MB of decoded pixels between invocations.
 * - concurrency 1: sharp already picks 1 on glibc without jemalloc (Lambda's
 *   case) to limit heap fragmentation, and we say so explicitly so a local
 *   MALLOC_ARENA_MAX does not change behaviour. Parallelism comes from
 *   running the eight encodes at once on the libuv pool instead; measured
 *   on 2 vCPUs (about a 3.5 GB Lambda), 2 threads per image was no faster
 *   for an 18 MP JPEG and raised peak RSS by ~100 MB.
 */
export function configureSharp(settings: SharpSettings = {}, force = false): void {
  if (configured && !force) return;
  configured = true;
  sharp.cache(settings.cache ?? false);
  sharp.concurrency(settings.concurrency ?? 1);
}
