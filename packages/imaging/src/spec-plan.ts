import type { RenditionFormat, RenditionSpec } from '@pipeline/domain';
import { ENCODER_SETTINGS } from './encoders';

/** Slowest encoder first at each width: AVIF, then WebP, then JPEG. */
const ENCODE_COST: Record<RenditionFormat, number> = { avif: 2, webp: 1, jpeg: 0 };

/**
 * The order to start encodes in: widest first, and at one width the slowest
 * encoder first, so the longest job (the 2048 px WebP, or AVIF when listed)
 * keeps a CPU to itself while the shorter jobs follow each other beside it.
 */
export function encodeOrder(specs: readonly RenditionSpec[]): RenditionSpec[] {
  return [...specs].sort((a, b) => b.width - a.width || ENCODE_COST[b.format] - ENCODE_COST[a.format]);
}

/** A spec's quality: its size's own, else the caller's per-format default, else the encoder's. */
export function qualityOf(
  spec: RenditionSpec,
  defaults: Partial<Record<RenditionFormat, number | undefined>>,
): number {
  return spec.quality ?? defaults[spec.format] ?? ENCODER_SETTINGS[spec.format].quality;
}
