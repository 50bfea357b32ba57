import type { ServiceDeps } from '@pipeline/aws';
import {
  type BucketCountersStore,
  ConcurrentUpdateError,
  contributionDelta,
  contributionOf,
  type ImagesStore,
  isEmptyContribution,
} from '@pipeline/store';
import type { CounterRequest } from './counter-message.js';

/** What the service receives: the images store (read only) and the counters store. */
export type CountersDeps = ServiceDeps & {
  store: Pick<ImagesStore, 'get'>;
  counters: Pick<BucketCountersStore, 'getLedger' | 'apply'>;
};

/** What one event did to the counters. */
export type CountersOutcome =
  /** The counters moved by the image's change. */
  | 'applied'
  /** The ledger already held what the record says (a duplicate, or an event overtaken by a later one). */
  | 'unchanged';

/**
 * How many read-apply rounds one message gets before it is retried by SQS
 * (each failed round means another apply for the same image won the race).
 */
export const MAX_ROUNDS = 8;

/**
 * Brings the counters up to date with an image's CURRENT record, whatever
 * the event said: state-based, so a duplicate, a late or a reordered event
 * lands on the same numbers.
 *
 * Each round reads the ledger first, then the record, and applies
 * (record's contribution - ledger's) in one transaction conditioned on the
 * ledger's revision (see BucketCountersStore.apply). A cancelled transaction
 * means another apply moved the ledger: read again. After a successful apply
 * it reads once more, and stops only when ledger and record agree: an apply
 * that raced with a newer record change (whose own event found nothing to do
 * because this apply had not landed yet) is then corrected here, so the last
 * apply for an image always reflects a record read after it.
 *
 * @throws {ConcurrentUpdateError} (transient) after {@link MAX_ROUNDS} rounds, so SQS retries.
 * @throws {CountersTransactionError} (transient) when a transaction is cancelled for a reason that is
 *   not a race (its CancellationReasons are in the message, so the log says why).
 * @throws DynamoDB errors (transient).
 */
export async function applyCounters(request: CounterRequest, deps: CountersDeps): Promise<CountersOutcome> {
  const { imageId } = request;
  let applied = false;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const ledger = await deps.counters.getLedger(imageId);
    const record = await deps.store.get(imageId);
    const next = contributionOf(record);
    const delta = contributionDelta(next, ledger?.contribution ?? {});
    if (isEmptyContribution(delta)) {
      deps.logger.info(applied ? 'Counters applied' : 'Counters already up to date', {
        imageId,
        type: request.type,
        status: record?.status,
        revision: ledger?.revision,
      });
      return applied ? 'applied' : 'unchanged';
    }
    if (await deps.counters.apply(imageId, ledger, next, delta)) applied = true;
    else deps.logger.info('Counters moved meanwhile; reading again', { imageId, round });
  }
  throw new ConcurrentUpdateError(imageId);
}
