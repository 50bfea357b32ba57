/**
 * The soak: N mixed uploads through a running local stack with the full
 * local runtime (optionally killed mid-batch, optionally with a share of the
 * functions' AWS calls failing), then, once every queue drained, the
 * invariants: one terminal record per upload, full rendition sets, no
 * orphaned renditions, empty dead-letter queues, every outcome announced,
 * emails matching events. Used by `make soak` (cli.ts) and the e2e tests.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createUser } from '../local/gateway/cognito.ts';
import type { StackOutputs } from '../local/stack/stack-outputs.ts';
import { BatchWatcher } from './batch-watch.ts';
import { checkSoak } from './checks.ts';
import { type SoakClients, soakClients } from './clients.ts';
import { measureCounterDrift } from './counters-check.ts';
import { Crasher, type CrashPlan } from './crash.ts';
import { EventTap } from './event-tap.ts';
import { generatePhotos, type SoakFile } from './inputs.ts';
import type { UploadOutcome } from './invariants.ts';
import { mentionsAny, sesSentCount } from './observe.ts';
import { makePlan, type PlannedUpload } from './plan.ts';
import { type FunctionQueue, functionQueues, redrive, setVisibilityTimeout, waitForDrain } from './queues.ts';
import { formatSummary, passed, type SoakSummary } from './report.ts';
import { bundlePath, RuntimeProcess, type RuntimeSpec } from './runtime-control.ts';
import { Uploader, withConcurrency } from './uploader.ts';

export interface SoakOptions {
  outputs: StackOutputs;
  /** moto endpoint. */
  endpoint: string;
  /** How many uploads (default 300). */
  uploads?: number;
  /** Uploads in flight at once (default 8). */
  concurrency?: number;
  /** Seed of the plan (default: random, printed in the summary). */
  seed?: number;
  /** Photos to upload (default: generated) and what to call them in the summary. */
  photos?: { files: SoakFile[]; label: string };
  /** `rate=0.1` and the like: PIPELINE_FAULTS for every function. */
  faults?: string;
  /** Kill the runtime mid-batch. */
  crash?: CrashPlan;
  /** True when the stack is shared with other tests: checks outside the soak's images are scoped. */
  sharedStack?: boolean;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Every line the runtime prints (default: dropped). */
  runtimeLog?: (line: string) => void;
  /** Longest wait for the queues to drain, ms (default 120 s + 1 s per upload). */
  drainTimeoutMs?: number;
}

export interface SoakResult extends SoakSummary {
  passed: boolean;
  /** The summary table, as printed. */
  lines: string[];
}

/** Visibility timeout of the function queues while the runtime may be killed: messages it held come back this fast. */
const CRASH_VISIBILITY_SECONDS = 10;
/**
 * How long to keep redriving the soak's dead letters after injected faults,
 * ms. Longer than any function timeout, so an idempotency lock (Powertools
 * keeps a record INPROGRESS until the invocation's deadline) left by a killed
 * or failed invocation has expired by the last round.
 */
const REDRIVE_WINDOW_MS = 120_000;
/** Shortest drain wait under faults: longer than the longest visibility timeout of a served queue (180 s). */
const FAULTED_DRAIN_MS = 200_000;

/**
 * How long each drain may take: 2 minutes plus a second per upload; under
 * faults at least FAULTED_DRAIN_MS, since a message can then sit in flight for
 * a whole visibility timeout (the mailer's is 6 x 30 s) when an invocation
 * ends without settling it.
 */
function drainTimeoutFor(uploads: number, faulted: boolean): number {
  return Math.max(120_000 + uploads * 1_000, faulted ? FAULTED_DRAIN_MS : 0);
}

/** True for a function bundle that is still the "not built yet" placeholder. */
export function isPlaceholder(handlerPath: string): boolean {
  try {
    return statSync(handlerPath).size < 2_000 && readFileSync(handlerPath, 'utf8').includes('not built yet');
  } catch {
    return true;
  }
}

/**
 * Runs one soak and checks it.
 * @throws Error when the stack cannot be used (runtime fails to start, queues never drain, …);
 *   a broken invariant is a result (`passed: false`), not an exception.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const { outputs, endpoint } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`[soak] ${line}\n`));
  const concurrency = options.concurrency ?? 8;
  const faulted = Boolean(options.faults || options.crash);
  const { total, seed, served, photos, plan, user, owner } = await prepare(options, log);

  const clients = soakClients(endpoint, outputs.region);
  const watcher = new BatchWatcher();
  let tap: EventTap | undefined;
  let restoreVisibility: (() => Promise<void>) | undefined;
  const running: Running = {};
  try {
    const sentBefore = await sesSentCount(endpoint, outputs.region).catch(() => undefined);
    tap = await EventTap.open(clients, outputs.events_topic_arn);
    if (options.crash?.mode === 'runtime') {
      restoreVisibility = await setVisibilityTimeout(clients.sqs, served, CRASH_VISIBILITY_SECONDS);
    }
    await startServing(options, served, watcher, running, log);
    // On a shared stack, what other tests left outside the pipeline is the baseline (once their backlog is applied).
    const countersBaseline = options.sharedStack
      ? await waitForDrain(clients.sqs, served).then(() => measureCounterDrift(clients, outputs))
      : undefined;
    log(
      `${total} uploads, ${concurrency} at a time, seed ${seed}, owner ${owner}` +
        `${options.faults ? `, PIPELINE_FAULTS=${options.faults}` : ''}` +
        `${options.crash ? `, killing the ${options.crash.mode} mid-batch` : ''}`,
    );

    const uploader = new Uploader({ clients, outputs, tap, owner, photos: photos.files });
    const started = Date.now();
    const uploads = await uploadAll(plan, concurrency, uploader, log);
    const uploaded = Date.now();

    const drainTimeoutMs = options.drainTimeoutMs ?? drainTimeoutFor(total, faulted);
    await waitForDrain(clients.sqs, served, { timeoutMs: drainTimeoutMs });
    const redriven = faulted ? await redriveDeadLetters(clients, served, uploads, drainTimeoutMs, log) : 0;
    await running.crasher?.stop();
    const drained = Date.now();
    log(`queues drained in ${((drained - uploaded) / 1000).toFixed(1)} s; checking`);

    const { records, verdicts } = await checkSoak({
      clients,
      outputs,
      endpoint,
      tap,
      uploads,
      owner,
      recipient: user?.email,
      served,
      mailerBuilt: served.some((q) => q.name === 'mailer'),
      sentBefore,
      faulted,
      shared: options.sharedStack ?? false,
      redriven,
      countersBaseline,
    });
    const summary: SoakSummary = {
      uploads,
      records,
      verdicts,
      concurrency,
      seed,
      photos: photos.label,
      faults: faultsSeen(options, watcher, running.crasher, redriven),
      timings: { uploadMs: uploaded - started, drainMs: drained - uploaded, checkMs: Date.now() - drained },
    };
    return { ...summary, passed: passed(summary), lines: formatSummary(summary) };
  } finally {
    await running.crasher?.stop();
    await running.runtime?.stop().catch(() => undefined);
    await restoreVisibility?.().catch((error: Error) =>
      log(`could not restore visibility timeouts: ${error.message}`),
    );
    await tap?.close().catch(() => undefined);
    clients.destroy();
  }
}

/** The runtime as it is now (the crasher restarts it) and the crasher, when the soak kills it. */
interface Running {
  runtime?: RuntimeProcess;
  crasher?: Crasher;
}

/** Starts the runtime on the served functions and, with a crash plan, the crasher that kills and restarts it. */
async function startServing(
  options: SoakOptions,
  served: readonly FunctionQueue[],
  watcher: BatchWatcher,
  running: Running,
  log: (line: string) => void,
): Promise<void> {
  const { outputs, endpoint } = options;
  const spec: RuntimeSpec = {
    outputs,
    endpoint,
    functions: served.map((q) => q.name),
    ...(options.faults ? { env: { PIPELINE_FAULTS: options.faults } } : {}),
  };
  const onLine = (line: string) => {
    watcher.observe(line);
    options.runtimeLog?.(line);
  };
  running.runtime = await RuntimeProcess.start(spec, onLine);
  if (options.crash) {
    const restart = async () => {
      running.runtime = await RuntimeProcess.start(spec, onLine);
    };
    running.crasher = new Crasher(
      options.crash,
      watcher,
      () => running.runtime as RuntimeProcess,
      restart,
      Math.random,
      log,
    );
  }
}

/** The plan and who uploads it, and which functions the runtime serves (not the placeholder bundles). */
async function prepare(options: SoakOptions, log: (line: string) => void) {
  const { outputs, endpoint } = options;
  const total = options.uploads ?? 300;
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const queued = functionQueues(outputs);
  const placeholders = queued.map((q) => q.name).filter((name) => isPlaceholder(bundlePath(outputs, name)));
  const served = queued.filter((q) => !placeholders.includes(q.name));
  if (placeholders.length > 0) log(`not served (placeholder bundles): ${placeholders.join(', ')}`);
  const photos = options.photos ?? { files: await generatePhotos(), label: 'generated' };
  const plan = makePlan(total, photos.files.length, seed);
  const runId = randomUUID().slice(0, 8);
  const user = outputs.user_pool_id
    ? await createUser(outputs, endpoint, { email: `soak-${runId}@example.com` })
    : undefined;
  const owner = user?.sub ?? `soak-${runId}`;
  return { total, seed, served, photos, plan, user, owner };
}

/** Every planned upload, `concurrency` at a time, with a progress line every tenth. */
async function uploadAll(
  plan: PlannedUpload[],
  concurrency: number,
  uploader: Uploader,
  log: (line: string) => void,
): Promise<UploadOutcome[]> {
  const total = plan.length;
  let done = 0;
  return withConcurrency(plan, concurrency, async (item) => {
    const outcome = await uploader.upload(item);
    done += 1;
    if (done % Math.max(1, Math.round(total / 10)) === 0 || done === total) log(`uploaded ${done}/${total}`);
    return outcome;
  });
}

/** The faults the soak injected and what they did. */
function faultsSeen(
  options: SoakOptions,
  watcher: BatchWatcher,
  crasher: Crasher | undefined,
  redriven: number,
): SoakSummary['faults'] {
  return {
    description:
      [options.faults, options.crash && `${options.crash.mode} kills`].filter(Boolean).join(' + ') || 'none',
    workerKills: watcher.killedBatches,
    runtimeKills: crasher?.runtimeKills ?? 0,
    retriedBatches: watcher.retriedBatches,
    redriven,
  };
}

/**
 * Locally a failed message is retried after 1 s, not after the queue's
 * visibility timeout (6x the function timeout), so injected faults can use
 * up its receives while an idempotency lock of the failed attempt still
 * holds. Redrives the soak's dead letters as an operator would (`make
 * redrive`) until none are left or REDRIVE_WINDOW_MS passed; one that keeps
 * failing stays in its DLQ, and the dead-letter check fails.
 * @returns how many were redriven.
 */
async function redriveDeadLetters(
  clients: SoakClients,
  served: readonly FunctionQueue[],
  uploads: readonly UploadOutcome[],
  drainTimeoutMs: number,
  log: (line: string) => void,
): Promise<number> {
  const ids = new Set(uploads.map((u) => u.imageId));
  const until = Date.now() + REDRIVE_WINDOW_MS;
  let redriven = 0;
  while (Date.now() < until) {
    let moved = 0;
    for (const queue of served)
      moved += await redrive(clients.sqs, queue, (m) => mentionsAny(m.Body ?? '', ids));
    if (moved === 0) break;
    redriven += moved;
    log(`redrove ${moved} dead letter(s) dead-lettered under injected faults`);
    await waitForDrain(clients.sqs, served, { timeoutMs: drainTimeoutMs });
  }
  return redriven;
}
