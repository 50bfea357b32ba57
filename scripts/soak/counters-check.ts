/**
 * The bucket counters against a full listing: what bucket-metrics reports for
 * each managed Prefix value (the counters bucket-counters keeps, plus the last
 * reconcile's offset) must equal what the buckets hold once the pipeline is
 * quiet, through duplicates, overwrites, rejections and deletes.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parseUploadKey, RENDITION_NAMES } from '@pipeline/domain';
import {
  addTo,
  BucketCountersStore,
  type Contribution,
  MANAGED_GROUPS,
  renditionGroup,
  UPLOADS_GROUP,
} from '@pipeline/store';
import type { StackOutputs } from '../local/stack/stack-outputs.ts';
import type { SoakClients } from './clients.ts';
import { skipped, type Verdict, verdict } from './verdict.ts';

const NAME = 'bucket counters match a full listing';
/** `<imageId>/<version>/<name>.<ext>`, as bucket-metrics groups the renditions bucket. */
const RENDITION_KEY = /^[^/]+\/[^/]+\/([^/.]+)\.[^/]+$/;

/** Listing minus reported, per managed Prefix value (every value present, zero when exact). */
export type CounterDrift = Contribution;

/** The bucket-counters table of the stack (COUNTERS_TABLE), or undefined when it has none. */
export function countersTableOf(outputs: StackOutputs): string | undefined {
  const env =
    outputs.functions['bucket-counters']?.environment ?? outputs.functions['bucket-metrics']?.environment;
  return env?.COUNTERS_TABLE || undefined;
}

/** The managed Prefix value of a key, as bucket-metrics' reconcile classifies it; undefined for the others. */
export function managedGroupOf(bucket: 'uploads' | 'renditions', key: string): string | undefined {
  if (bucket === 'uploads') return parseUploadKey(key) ? UPLOADS_GROUP : undefined;
  const name = RENDITION_KEY.exec(key)?.[1];
  return name && (RENDITION_NAMES as readonly string[]).includes(name)
    ? renditionGroup(name as (typeof RENDITION_NAMES)[number])
    : undefined;
}

async function listManaged(
  clients: SoakClients,
  bucket: string,
  kind: 'uploads' | 'renditions',
  into: Contribution,
) {
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      const group = object.Key === undefined ? undefined : managedGroupOf(kind, object.Key);
      if (group) addTo(into, group, { objects: 1, bytes: object.Size ?? 0 });
    }
    token = page.NextContinuationToken;
  } while (token);
}

/**
 * Lists both buckets and reads the counters: listing minus (counters + offset)
 * per managed Prefix value. Undefined when the stack has no counters table.
 */
export async function measureCounterDrift(
  clients: SoakClients,
  outputs: StackOutputs,
): Promise<CounterDrift | undefined> {
  const table = countersTableOf(outputs);
  if (!table) return undefined;
  const listed: Contribution = {};
  await listManaged(clients, outputs.uploads_bucket, 'uploads', listed);
  await listManaged(clients, outputs.renditions_bucket, 'renditions', listed);
  const state = await new BucketCountersStore(clients.dynamo, table).read();
  const drift: CounterDrift = {};
  for (const group of MANAGED_GROUPS) {
    const l = listed[group] ?? { objects: 0, bytes: 0 };
    const c = state.counters[group] ?? { objects: 0, bytes: 0 };
    const o = state.offset[group] ?? { objects: 0, bytes: 0 };
    drift[group] = { objects: l.objects - c.objects - o.objects, bytes: l.bytes - c.bytes - o.bytes };
  }
  return drift;
}

/**
 * The verdict: the drift after the soak must equal the drift before it
 * (`baseline`: zero on a stack of the soak's own; on a shared stack what other
 * tests left outside the pipeline, e.g. keys put straight into a bucket),
 * objects and bytes alike.
 */
export function checkCounters(baseline: CounterDrift | undefined, after: CounterDrift | undefined): Verdict {
  if (!after) return skipped(NAME, 'the stack has no bucket-counters table');
  const problems: string[] = [];
  for (const [group, drift] of Object.entries(after)) {
    const before = baseline?.[group] ?? { objects: 0, bytes: 0 };
    if (drift.objects !== before.objects || drift.bytes !== before.bytes) {
      problems.push(
        `${group}: listing minus counters ${drift.objects} objects / ${drift.bytes} bytes, expected ${before.objects} / ${before.bytes}`,
      );
    }
  }
  const detail = baseline ? 'unchanged by the soak' : 'equal to the listing';
  return verdict(NAME, problems, `objects and bytes ${detail} (${Object.keys(after).length} Prefix values)`);
}
