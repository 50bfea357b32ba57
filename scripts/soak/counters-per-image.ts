/**
 * The bucket counters image by image: for each of the soak's images, what S3
 * holds for it (its upload key and its rendition keys), what its ledger says
 * the counters hold for it, and what its record says it should be
 * (contributionOf) must be the same objects and bytes.
 *
 * This is exact on a shared stack too (other tests' images are not summed in),
 * and when it fails it names the image and which of the three disagrees:
 * - ledger ≠ record: bucket-counters missed or has not applied the last change;
 * - listing ≠ record: the pipeline left S3 and the record apart (a bug of the
 *   function that made the change, not of the counters).
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parseUploadKey } from '@pipeline/domain';
import {
  addTo,
  BucketCountersStore,
  type Contribution,
  contributionDelta,
  contributionOf,
  isEmptyContribution,
  toRecord,
} from '@pipeline/store';
import type { StackOutputs } from '../local/stack/stack-outputs.ts';
import type { SoakClients } from './clients.ts';
import { countersTableOf, managedGroupOf } from './counters-check.ts';
import type { RecordView } from './invariants.ts';
import { skipped, type Verdict, verdict } from './verdict.ts';

const NAME = 'bucket counters match S3 image by image';

/** One image whose listing, ledger and record do not all agree. */
export interface ImageCounterMismatch {
  imageId: string;
  status: string | undefined;
  listed: Contribution;
  ledger: Contribution;
  record: Contribution;
}

/** Adds each managed key of `bucket` that belongs to one of `ids` to its image's tally. */
async function tallyByImage(
  clients: SoakClients,
  bucket: string,
  kind: 'uploads' | 'renditions',
  ids: ReadonlySet<string>,
  into: Map<string, Contribution>,
): Promise<void> {
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      const key = object.Key ?? '';
      const group = managedGroupOf(kind, key);
      const imageId = kind === 'uploads' ? parseUploadKey(key)?.imageId : key.split('/')[0];
      if (!group || !imageId || !ids.has(imageId)) continue;
      const tally = into.get(imageId) ?? {};
      addTo(tally, group, { objects: 1, bytes: object.Size ?? 0 });
      into.set(imageId, tally);
    }
    token = page.NextContinuationToken;
  } while (token);
}

/**
 * Every image of `records` whose listing, ledger and record disagree.
 * Undefined when the stack has no counters table.
 */
export async function findImageCounterMismatches(
  clients: SoakClients,
  outputs: StackOutputs,
  records: ReadonlyMap<string, RecordView>,
  ids: ReadonlySet<string>,
): Promise<ImageCounterMismatch[] | undefined> {
  const table = countersTableOf(outputs);
  if (!table) return undefined;
  const listed = new Map<string, Contribution>();
  await tallyByImage(clients, outputs.uploads_bucket, 'uploads', ids, listed);
  await tallyByImage(clients, outputs.renditions_bucket, 'renditions', ids, listed);
  const counters = new BucketCountersStore(clients.dynamo, table);
  const mismatches: ImageCounterMismatch[] = [];
  for (const imageId of ids) {
    const item = records.get(imageId);
    const record = contributionOf(item ? toRecord(item as unknown as Record<string, unknown>) : undefined);
    const ledger = (await counters.getLedger(imageId))?.contribution ?? {};
    const inS3 = listed.get(imageId) ?? {};
    const same = (a: Contribution, b: Contribution) => isEmptyContribution(contributionDelta(a, b));
    if (!same(inS3, ledger) || !same(ledger, record)) {
      mismatches.push({ imageId, status: item?.status, listed: inS3, ledger, record });
    }
  }
  return mismatches;
}

/** `uploads/ 1/2048 B` per Prefix value, for a problem line. */
function describe(contribution: Contribution): string {
  const parts = Object.entries(contribution).map(([group, t]) => `${group} ${t.objects}/${t.bytes} B`);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** One line per image that disagrees, saying which of the three parts do. */
export function checkImageCounters(mismatches: ImageCounterMismatch[] | undefined, images: number): Verdict {
  if (!mismatches) return skipped(NAME, 'the stack has no bucket-counters table');
  const problems = mismatches.map(
    (m) =>
      `${m.imageId} (${m.status ?? 'no record'}): S3 ${describe(m.listed)}; ledger ${describe(m.ledger)}; record ${describe(m.record)}`,
  );
  return verdict(NAME, problems, `${images} images: S3 = ledger = record, objects and bytes`);
}
