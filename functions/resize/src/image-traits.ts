import { nearDuplicatesTableOf, type ServiceDeps } from '@pipeline/aws';
import type { ImageRecord, PerceptualHashes } from '@pipeline/domain';
import { perceptualHashesOf, placeholderOf, type Rendition, smallPixels } from '@pipeline/imaging';
import { type ImageTraits, NearDuplicateIndex } from '@pipeline/store';

/** Formats any build of sharp decodes fast; the placeholder needs alpha, which WebP keeps and JPEG flattens. */
const PREFERRED = ['webp', 'jpeg'] as const;

/**
 * The placeholder and perceptual hashes of an image, from its smallest
 * rendition (already encoded and in memory). Renditions whose shape differs from the largest (a square
 * crop) are passed over: they show less than the whole photo. Returns no
 * traits rather than failing when there is no usable rendition.
 */
export async function describeImage(renditions: readonly Rendition[]): Promise<ImageTraits> {
  const source = smallestWhole(renditions);
  if (!source) return {};
  // One decode of a 150 px image, then plain arithmetic on at most 100 x 100 pixels: a few ms in all.
  const pixels = await smallPixels(source.body);
  return { placeholder: placeholderOf(pixels), perceptualHashes: perceptualHashesOf(pixels) };
}

/**
 * Lists the image in its owner's near-duplicate index once PROCESSED is
 * recorded (`record` is the record as it was before, `hashes` what was
 * stored), and takes off the hashes of the upload it replaced: only the bands
 * the new hashes do not share, after the new entries are written, since the
 * index keeps one item per band and image (see NearDuplicateIndex.replace).
 * A redelivery of the PROCESSED version calls it again, so a run that failed
 * after PROCESSED still indexes (writing is idempotent). Ownerless uploads
 * have nobody to warn and are not indexed. Readers check each candidate's
 * record, so an entry left behind by an image deleted meanwhile is harmless.
 */
export async function indexNearDuplicates(
  deps: ServiceDeps,
  record: ImageRecord,
  hashes: PerceptualHashes | null | undefined,
): Promise<void> {
  if (!record.owner || !hashes) return;
  const index = new NearDuplicateIndex(deps.clients.dynamo, nearDuplicatesTableOf(deps.config));
  const previous = record.perceptualHashes;
  if (previous && (previous.full !== hashes.full || previous.centre !== hashes.centre)) {
    await index.replace(record.owner, record.imageId, previous, hashes);
  } else {
    await index.add(record.owner, record.imageId, hashes);
  }
}

function smallestWhole(renditions: readonly Rendition[]): Rendition | undefined {
  const largest = renditions.reduce<Rendition | undefined>(
    (best, r) => (!best || r.width * r.height > best.width * best.height ? r : best),
    undefined,
  );
  if (!largest) return undefined;
  const aspect = largest.width / largest.height;
  const usable = renditions.filter(
    (r) =>
      (PREFERRED as readonly string[]).includes(r.format) &&
      Math.abs(r.width / r.height - aspect) <= aspect * 0.05 + 1 / r.height,
  );
  return usable.sort(
    (a, b) =>
      a.width * a.height - b.width * b.height ||
      PREFERRED.indexOf(a.format as (typeof PREFERRED)[number]) -
        PREFERRED.indexOf(b.format as (typeof PREFERRED)[number]),
  )[0];
}
