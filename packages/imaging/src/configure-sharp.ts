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
 *   MALLOC_ARENA_MAX does not change behaviour. A Lambda has memory / 1,769 MB
 *   vCPUs (one at the resize function's 1,769 MB), and the dominant step, the
 *   JPEG decode, is single-threaded whatever the setting (2 threads: same
 *   decode time on an 18 MP progressive JPEG, `make bench`). Parallelism
 *   comes from running the renditions' jobs side by side instead, one per
 *   CPU (see `makeRenditions`), which fills a second vCPU when there is one.
 */
export function configureSharp(settings: SharpSettings = {}, force = false): void {
  if (configured && !force) return;
  configured = true;
  sharp.cache(settings.cache ?? false);
  sharp.concurrency(settings.concurrency ?? 1);
}
