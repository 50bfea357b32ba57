/**
 * After a soak drained: reads what the pipeline left (observe.ts) and judges
 * it (invariants.ts), scoped to the soak's own images where the stack is
 * shared with other tests.
 */
import type { StackOutputs } from '../local/stack/stack-outputs.ts';
import type { SoakClients } from './clients.ts';
import { type CounterDrift, checkCounters, measureCounterDrift } from './counters-check.ts';
import { checkImageCounters, findImageCounterMismatches } from './counters-per-image.ts';
import type { EventTap } from './event-tap.ts';
import {
  checkAnnounced,
  checkDeadLetters,
  checkEmails,
  checkOrphans,
  checkRecords,
  checkRenditionSets,
  type EventView,
  type RecordView,
  type UploadOutcome,
} from './invariants.ts';
import {
  countDeadLetters,
  emailsTo,
  listAllKeys,
  ownerImageIds,
  readRecords,
  recordsForRenditions,
  sesSentCount,
} from './observe.ts';
import type { FunctionQueue } from './queues.ts';
import { skipped, type Verdict } from './verdict.ts';

export interface CheckInput {
  clients: SoakClients;
  outputs: StackOutputs;
  endpoint: string;
  tap: EventTap;
  uploads: readonly UploadOutcome[];
  /** Owner segment of the soak's keys. */
  owner: string;
  /** The soak user's email; undefined without a Cognito pool. */
  recipient: string | undefined;
  /** The queues the runtime served (placeholders left out). */
  served: readonly FunctionQueue[];
  /** False when the mailer is still a placeholder (or absent). */
  mailerBuilt: boolean;
  /** SES's send count before the run (the fallback email count); undefined when unknown. */
  sentBefore: number | undefined;
  /** Faults were injected: emails are checked at least once, not exactly once. */
  faulted: boolean;
  /** The stack is shared with other tests: outside the soak's images, only what is certain counts. */
  shared: boolean;
  /** Dead letters redriven after faults. */
  redriven: number;
  /** Listing minus counters before the soak (shared stack); undefined: they must be equal. */
  countersBaseline?: CounterDrift | undefined;
}

/** Every invariant of a drained soak, and the soak's records. */
export async function checkSoak(
  input: CheckInput,
): Promise<{ records: Map<string, RecordView>; verdicts: Verdict[] }> {
  const { clients, outputs, tap, uploads, shared } = input;
  const ids = new Set(uploads.map((u) => u.imageId));
  await tap.settle();
  const records = await readRecords(clients, outputs.images_table, ids);
  const listed = await ownerImageIds(clients, outputs.images_table, input.owner);
  const renditions = await listAllKeys(clients, outputs.renditions_bucket);
  const allRecords = await recordsForRenditions(clients, outputs, renditions, records);
  const deadLetters = await countDeadLetters(clients, input.served, ids);
  const events = tap.events().filter((e) => ids.has(e.imageId));
  const ownRenditions = renditions.filter((key) => ids.has(key.split('/')[0] as string));

  const verdicts: Verdict[] = [
    checkRecords(uploads, records, listed),
    checkRenditionSets(records.values(), ownRenditions),
    checkOrphans(renditions, allRecords, ids, !shared),
    checkDeadLetters(deadLetters, !shared, input.redriven),
    checkAnnounced(records.values(), events),
    await emailVerdict(input, events, [...ids]),
    checkCounters(input.countersBaseline, await measureCounterDrift(clients, outputs)),
    checkImageCounters(await findImageCounterMismatches(clients, outputs, records, ids), ids.size),
  ];
  return { records, verdicts };
}

async function emailVerdict(
  input: CheckInput,
  events: readonly EventView[],
  ids: string[],
): Promise<Verdict> {
  const name = 'emails match events';
  if (!input.mailerBuilt) return skipped(name, 'mailer not built');
  if (!input.recipient) return skipped(name, 'no Cognito pool in the stack, so no owner to email');
  try {
    return checkEmails(
      events,
      { emails: await emailsTo(input.endpoint, input.recipient) },
      ids,
      input.faulted,
    );
  } catch (error) {
    const why = (error as Error).message;
    if (input.sentBefore === undefined) {
      return { name, ok: false, detail: `cannot read the sent emails: ${why}`, problems: [] };
    }
    // moto's data.json can fail (e.g. on Lambda models without Docker); SES still counts what it sent.
    const count = (await sesSentCount(input.endpoint, input.outputs.region)) - input.sentBefore;
    const note = `SES send count over the run; ${why.replace(/^moto at \S+ /, '')}`;
    return checkEmails(events, { count, note }, ids, input.faulted);
  }
}
