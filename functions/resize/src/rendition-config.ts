import {
  DEFAULT_RENDITION_PROFILE,
  type ImageRecord,
  parseRenditionProfile,
  type RenditionProfile,
  renditionProfileDigest,
} from '@pipeline/domain';

/** The active rendition profile and its digest (stored on each rendition it makes). */
export interface RenditionConfig {
  profile: RenditionProfile;
  /** `renditionProfileDigest(profile)`: a re-render is a no-op for renditions that carry it. */
  digest: string;
}

/** The default profile, for deps built without an environment (tests). */
export const DEFAULT_RENDITION_CONFIG: RenditionConfig = {
  profile: DEFAULT_RENDITION_PROFILE,
  digest: renditionProfileDigest(DEFAULT_RENDITION_PROFILE),
};

/**
 * Reads RENDITION_PROFILE (JSON, set from Terraform's `rendition_profile`;
 * unset: the default profile of @pipeline/domain). Read once at load.
 *
 * @throws {RenditionProfileError} naming every problem, so a bad profile fails
 *   the function at load instead of rendering images with it.
 */
export function readRenditionConfig(env: Record<string, string | undefined> = process.env): RenditionConfig {
  const profile = parseRenditionProfile(env.RENDITION_PROFILE);
  return { profile, digest: renditionProfileDigest(profile) };
}

/** Whether every recorded rendition of `record` was made with the profile whose digest is `digest`. */
export function atProfile(record: ImageRecord, digest: string): boolean {
  const renditions = record.renditions ?? [];
  return renditions.length > 0 && renditions.every((r) => r.profile === digest);
}
