import {
  type ImagePlaceholder,
  ImageStatus,
  type PerceptualHashes,
  type Rendition,
  statusShardOf,
} from '@pipeline/domain';

/** What resize learns about an image besides its renditions, stored with PROCESSED. */
export interface ImageTraits {
  placeholder?: ImagePlaceholder;
  perceptualHashes?: PerceptualHashes;
}

/** The UpdateExpression and values that move a record to PROCESSED (condition and `:now` added by the store). */
export function processedUpdate(
  imageId: string,
  renditions: readonly Rendition[],
  traits: ImageTraits,
): { update: string; values: Record<string, unknown> } {
  const sets = [
    '#status = :processed',
    '#statusShard = :statusShard',
    '#renditions = :renditions',
    '#updatedAt = :now',
  ];
  const values: Record<string, unknown> = {
    ':processed': ImageStatus.PROCESSED,
    ':statusShard': statusShardOf(ImageStatus.PROCESSED, imageId),
    ':renditions': renditions,
  };
  if (traits.placeholder) {
    sets.push('#placeholder = :placeholder');
    values[':placeholder'] = traits.placeholder;
  }
  if (traits.perceptualHashes) {
    sets.push('#perceptualHashes = :perceptualHashes');
    values[':perceptualHashes'] = traits.perceptualHashes;
  }
  return { update: `SET ${sets.join(', ')}`, values };
}
