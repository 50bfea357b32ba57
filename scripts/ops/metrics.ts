/**
 * `make metrics`: with `make dev` running, runs bucket-metrics now (its built
 * bundle, in a Lambda execution environment with the stack's environment, as
 * its schedule does) and prints the metrics it put, read back from moto's
 * CloudWatch, then the pipeline's own metrics (ImagePipeline: what ingest and
 * resize emit as EMF and the local runtime puts) of the last 24 hours.
 *
 * `make metrics` runs it as its 5-minute rule does (from the counters, no
 * listing); `make metrics MODE=reconcile` as its daily rule does (a full
 * listing that checks the counters, prints their drift and corrects them).
 */

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type Metric,
  type MetricDataQuery,
  paginateListMetrics,
} from '@aws-sdk/client-cloudwatch';
import { invokeScheduledOnce } from '@pipeline/local/lambda/scheduler.ts';
import { logStyleFromEnv } from '@pipeline/local/log-format.ts';
import type { DevStack } from '@pipeline/local/stack/dev-stack.ts';
import { localClientConfig } from '@pipeline/local-aws/credentials';
import { readDevStack, runCommand } from './dev-stack.ts';
import {
  differences,
  dimensionsLabel,
  driftLines,
  formatTable,
  formatValue,
  type MetricValue,
  putBySummary,
  type RunSummary,
  sortMetrics,
} from './metrics-report.ts';

const FUNCTION = 'bucket-metrics';
const DAY_S = 86_400;
/** GetMetricData takes at most this many queries per call. */
const MAX_QUERIES = 500;

type Stat = 'Maximum' | 'Sum' | 'SampleCount' | 'Average';

/** Every metric of `namespace` (ListMetrics, all pages), each once. */
async function listMetrics(cloudwatch: CloudWatchClient, namespace: string): Promise<Metric[]> {
  // moto lists a metric with two dimensions once per run that put it: keep one per name + dimensions.
  const metrics = new Map<string, Metric>();
  for await (const page of paginateListMetrics({ client: cloudwatch }, { Namespace: namespace })) {
    for (const metric of page.Metrics ?? []) metrics.set(metricIdentity(metric), metric);
  }
  return [...metrics.values()];
}

function metricIdentity(metric: Metric): string {
  const dimensions = (metric.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).sort();
  return [metric.MetricName, ...dimensions].join('|');
}

/**
 * Each of `stats` per metric over [start, end), summed over the periods
 * returned (one period when `periodS` covers the window); metrics without
 * data there are left out.
 */
async function readStats(
  cloudwatch: CloudWatchClient,
  metrics: Metric[],
  stats: Stat[],
  window: { start: Date; end: Date; periodS: number },
): Promise<Array<{ metric: Metric; values: Partial<Record<Stat, number>> }>> {
  const { start, end, periodS } = window;
  const queries: MetricDataQuery[] = metrics.flatMap((metric, m) =>
    stats.map((stat, s) => ({
      Id: `m${m}s${s}`,
      MetricStat: { Metric: metric, Period: periodS, Stat: stat },
    })),
  );
  const found = new Map<string, number>();
  for (let i = 0; i < queries.length; i += MAX_QUERIES) {
    const { MetricDataResults = [] } = await cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries.slice(i, i + MAX_QUERIES),
        StartTime: start,
        EndTime: end,
      }),
    );
    for (const r of MetricDataResults) {
      const values = r.Values ?? [];
      if (r.Id && values.length > 0)
        found.set(
          r.Id,
          values.reduce((a, b) => a + b, 0),
        );
    }
  }
  return metrics.flatMap((metric, m) => {
    const values = Object.fromEntries(
      stats.flatMap((stat, s) => (found.has(`m${m}s${s}`) ? [[stat, found.get(`m${m}s${s}`)]] : [])),
    ) as Partial<Record<Stat, number>>;
    return Object.keys(values).length > 0 ? [{ metric, values }] : [];
  });
}

function dimensionsOf(metric: Metric): Record<string, string> {
  return Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));
}

/** The ImagePipeline line of a metric: a sum for counts, an average for durations. */
function pipelineValue(metric: string, v: Partial<Record<Stat, number>>): string {
  const n = v.SampleCount ?? 0;
  if (!metric.endsWith('Milliseconds')) return `${v.Sum ?? 0} (sum)`;
  const avg = n > 0 ? (v.Sum ?? 0) / n : 0;
  return `avg ${Math.round(avg).toLocaleString('en-US')} ms, max ${Math.round(v.Maximum ?? 0).toLocaleString('en-US')} ms (${n} samples)`;
}

/**
 * Runs bucket-metrics on `stack` and prints its metrics and the pipeline's.
 * @throws Error when the run fails or CloudWatch does not hold what it put.
 */
export async function showMetrics(stack: DevStack, mode = process.env.MODE ?? ''): Promise<void> {
  if (mode !== '' && mode !== 'reconcile') throw new Error(`MODE=${mode}: only MODE=reconcile is known`);
  const { outputs, endpoint } = stack;
  if (!outputs.functions[FUNCTION]) throw new Error(`the running stack has no ${FUNCTION} function`);

  const reconcile = mode === 'reconcile';
  const outcome = await invokeScheduledOnce({
    outputs,
    endpoint,
    name: FUNCTION,
    style: logStyleFromEnv(),
    // The local scheduler sends only ScheduledEvents: the handler reads the mode from here instead.
    ...(reconcile ? { env: { BUCKET_METRICS_MODE: 'reconcile' } } : {}),
  });
  if (!outcome.ok) throw new Error(`${FUNCTION} failed (${outcome.kind}): ${outcome.message.split('\n')[0]}`);
  const run = outcome.result as RunSummary;
  console.log(
    `\n${FUNCTION} ${run.mode === 'reconcile' ? 'reconciled (full listing)' : 'ran from the counters (no listing)'}`,
  );
  for (const line of driftLines(run)) console.log(line);

  const cloudwatch = new CloudWatchClient(localClientConfig(endpoint, outputs.region));
  // Every metric of a run carries its one timestamp: read the second it falls in, so a scheduled run
  // a few seconds later cannot mix in (moto compares whole seconds).
  const start = new Date(Math.floor(Date.parse(run.timestamp) / 1000) * 1000);
  const custom = await readStats(cloudwatch, await listMetrics(cloudwatch, run.namespace), ['Maximum'], {
    start,
    end: new Date(start.getTime() + 1000),
    periodS: 60,
  });
  const readBack: MetricValue[] = sortMetrics(
    custom.map(({ metric, values }) => ({
      namespace: run.namespace,
      metric: metric.MetricName ?? '',
      dimensions: dimensionsOf(metric),
      value: values.Maximum ?? 0,
    })),
  );
  const header = ['NAMESPACE', 'METRIC', 'DIMENSIONS', 'VALUE'];
  console.log(`\n${run.namespace} at ${run.timestamp}: what this run put, read back from CloudWatch`);
  const rows = readBack.map((m) => [
    m.namespace,
    m.metric,
    dimensionsLabel(m.dimensions),
    formatValue(m.metric, m.value),
  ]);
  for (const line of formatTable(header, rows)) console.log(line);
  const diff = differences(putBySummary(run), readBack);
  if (diff.length > 0) throw new Error(`CloudWatch does not hold what the run put:\n  ${diff.join('\n  ')}`);
  console.log(
    `✔ ${run.metrics} metrics in ${run.calls} PutMetricData call(s); read back equal to what was put`,
  );

  const pipelineNamespace =
    outputs.functions.resize?.environment?.POWERTOOLS_METRICS_NAMESPACE ?? 'ImagePipeline';
  const end = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
  const pipelineMetrics = await listMetrics(cloudwatch, pipelineNamespace);
  const pipeline = await readStats(cloudwatch, pipelineMetrics, ['Sum', 'SampleCount', 'Maximum'], {
    start: new Date(end.getTime() - DAY_S * 1000),
    end,
    periodS: DAY_S,
  });
  console.log(`\n${pipelineNamespace}, last 24 hours (ingest and resize, through Powertools Metrics)`);
  if (pipeline.length === 0) {
    console.log(
      '  none yet: upload a photo (the banner of `make dev` shows how), then run `make metrics` again',
    );
    return;
  }
  const pipelineRows = sortMetrics(
    pipeline.map(({ metric, values }) => ({
      namespace: pipelineNamespace,
      metric: metric.MetricName ?? '',
      dimensions: dimensionsOf(metric),
      value: 0,
      shown: pipelineValue(metric.MetricName ?? '', values),
    })),
  ).map((m) => [m.namespace, m.metric, dimensionsLabel(m.dimensions), m.shown]);
  for (const line of formatTable(header, pipelineRows)) console.log(line);
}

// Run as `make metrics` (not when imported).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCommand(async () => showMetrics(await readDevStack()));
}
