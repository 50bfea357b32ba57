import type { ServiceDeps } from '@pipeline/aws';
import { makeRenditions, type Rendition } from '@pipeline/imaging';
import { DEFAULT_RENDITION_CONFIG, type RenditionConfig } from './rendition-config.js';

/** An encoded rendition, with the digest of the profile it was made with (writeRenditions records it). */
export type ProfiledRendition = Rendition & { profile: string };

/**
 * Renders `original` at the active profile (`deps.renditions`, else the
 * default), each rendition tagged with the profile's digest.
 *
 * @throws InvalidImageError when the original cannot be rendered (see makeRenditions).
 */
export async function renderAtProfile(
  original: Buffer,
  deps: Pick<ServiceDeps, 'config'> & { renditions?: RenditionConfig | undefined },
): Promise<ProfiledRendition[]> {
  const active = deps.renditions ?? DEFAULT_RENDITION_CONFIG;
  const encoded = await makeRenditions(original, {
    maxPixels: deps.config.maxInputPixels,
    profile: active.profile,
  });
  return encoded.map((rendition) => ({ ...rendition, profile: active.digest }));
}
