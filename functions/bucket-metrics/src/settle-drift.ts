import {
  addTo,
  type Contribution,
  contributionDelta,
  contributionOf,
  type ImagesStore,
  isEmptyContribution,
  type LedgerEntry,
} from '@pipeline/store';
import type { ImageTallies, ImageTally } from './image-tallies.js';

/** Records read at once for the drifted images (GetItem each). */
const RECORD_READS = 25;
/** How many settled imageIds the reconcile logs. */
const LOGGED_IDS = 10;

/** The reconcile's verdict on the images whose listing and ledger disagree. */
export interface DriftVerdicts {
  /** Sum of the settled images' drift (listing minus ledger) per Prefix value: the new offset. */
  offset: Contribution;
  /** Drifted images left out of the offset: a change of theirs may still be on its way to the counters. */
  inFlight: number;
  /** Drifted images whose drift is real (nothing is on its way to fix it). */
  settled: number;
  /** The first settled imageIds, to look into. */
  settledIds: string[];
}

/** What the verdicts read. */
export interface SettleSources {
  /** Every image's ledger (BucketCountersStore.scanLedgers). */
  ledgers: AsyncIterable<LedgerEntry>;
  images: Pick<ImagesStore, 'get'>;
  /**
   * Epoch ms: a change at or after it is recent (the listing's start minus the
   * settle window, so a change made while listing is recent too).
   */
  cutoff: number;
}

interface Drifted {
  tally: ImageTally;
  /** The image's ledger, undefined when bucket-counters never applied it. */
  ledger: Contribution | undefined;
  drift: Contribution;
}

/**
 * Sorts every image of the listing or the ledgers: drift = what the listing
 * holds for it minus its ledger (what the counters hold for it). A drifted
 * image is in flight when its objects or its ledger changed since `cutoff`,
 * or (read only for the drifted images that are not) its record changed
 * since then or says other than its ledger (an event bucket-counters has not
 * applied yet: a delete half done, an overwrite); then the counters will
 * catch up, and putting its drift in the offset would count it twice.
 * Otherwise the drift is settled (a rendition deleted by hand, a pipeline
 * bug, a key with no image) and goes into the offset. An image with no ledger
 * whose record did not change within the window is settled too, whatever the
 * record says: bucket-counters never saw it (recorded before bucket-counters
 * existed, or its event was dead-lettered), so nothing is on its way and
 * only the offset can count it (a redrive later counts it twice until the
 * next reconcile). Consumes the tallies: an image with no ledger is what is
 * left of them after the Scan.
 *
 * @throws the SDK error of a failed Scan page or GetItem.
 */
export async function settleDrift(tallies: ImageTallies, sources: SettleSources): Promise<DriftVerdicts> {
  const verdicts: DriftVerdicts = { offset: {}, inFlight: 0, settled: 0, settledIds: [] };
  const managed = new Set(tallies.groups);
  const recent = (ms: number) => ms >= sources.cutoff;
  let pending: Drifted[] = [];
  const consider = async (tally: ImageTally, ledger: LedgerEntry | undefined) => {
    const counted = Object.fromEntries(
      Object.entries(ledger?.contribution ?? {}).filter(([group]) => managed.has(group)),
    );
    const drift = contributionDelta(tally.contribution, counted);
    if (isEmptyContribution(drift)) return;
    if (recent(tally.newest) || recent(Date.parse(ledger?.updatedAt ?? ''))) {
      verdicts.inFlight += 1;
      return;
    }
    pending.push({ tally, ledger: ledger?.contribution, drift });
    if (pending.length >= RECORD_READS) pending = await judge(pending);
  };
  const judge = async (batch: Drifted[]): Promise<Drifted[]> => {
    const records = await Promise.all(batch.map((d) => sources.images.get(d.tally.imageId)));
    batch.forEach((d, i) => {
      const record = records[i];
      const moving =
        (record !== undefined && recent(Date.parse(record.updatedAt))) ||
        (d.ledger !== undefined && !isEmptyContribution(contributionDelta(contributionOf(record), d.ledger)));
      if (moving) verdicts.inFlight += 1;
      else settle(verdicts, d);
    });
    return [];
  };
  for await (const ledger of sources.ledgers) await consider(tallies.take(ledger.imageId), ledger);
  for (const tally of tallies.rest()) await consider(tally, undefined);
  await judge(pending);
  // Drifts of opposite sign can cancel out in a Prefix value: store only what is left.
  verdicts.offset = contributionDelta(verdicts.offset, {});
  return verdicts;
}

function settle(verdicts: DriftVerdicts, drifted: Drifted): void {
  verdicts.settled += 1;
  if (verdicts.settledIds.length < LOGGED_IDS) verdicts.settledIds.push(drifted.tally.imageId);
  for (const [group, tally] of Object.entries(drifted.drift)) addTo(verdicts.offset, group, tally);
}
