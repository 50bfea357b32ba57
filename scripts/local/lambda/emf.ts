/**
 * CloudWatch Embedded Metric Format (EMF), locally. On Lambda, CloudWatch
 * Logs turns the JSON lines Powertools Metrics prints into metrics; locally
 * the runtime reads those lines from the handler's output and puts them into
 * moto with PutMetricData, so the pipeline's metrics exist there too.
 */
import { CloudWatchClient, type MetricDatum, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { localClientConfig } from '@pipeline/local-aws/credentials';

/** PutMetricData takes at most this many values per datum. */
const MAX_VALUES = 150;

interface EmfDirective {
  Namespace: string;
  Dimensions?: string[][];
  Metrics: Array<{ Name: string; Unit?: string; StorageResolution?: number }>;
}

/** The metrics of one EMF line, per namespace. */
export interface EmfMetrics {
  namespace: string;
  data: MetricDatum[];
}

/** The `_aws` metadata of a JSON line that is an EMF document, else undefined. */
export function emfMetadata(
  entry: Record<string, unknown>,
): { Timestamp?: number; CloudWatchMetrics: EmfDirective[] } | undefined {
  const aws = entry._aws as { CloudWatchMetrics?: unknown } | undefined;
  return aws && typeof aws === 'object' && Array.isArray(aws.CloudWatchMetrics)
    ? (aws as { Timestamp?: number; CloudWatchMetrics: EmfDirective[] })
    : undefined;
}

/**
 * The metrics an EMF line declares, as PutMetricData would take them: one
 * datum per metric and dimension set (values from the line's root keys, a
 * list becoming `Values`). `undefined` for a line that is not EMF.
 */
export function parseEmfLine(line: string): EmfMetrics[] | undefined {
  if (!line.startsWith('{') || !line.includes('"_aws"')) return undefined;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const meta = emfMetadata(entry);
  if (!meta) return undefined;
  const timestamp = new Date(typeof meta.Timestamp === 'number' ? meta.Timestamp : Date.now());
  return meta.CloudWatchMetrics.map((directive) => {
    const sets = directive.Dimensions?.length ? directive.Dimensions : [[]];
    const data = directive.Metrics.flatMap((metric) => {
      const raw = entry[metric.Name];
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is number => typeof v === 'number');
      if (values.length === 0) return [];
      return sets.flatMap((set) => {
        const dimensions = set.map((name) => ({ Name: name, Value: String(entry[name] ?? '') }));
        const chunks: MetricDatum[] = [];
        for (let start = 0; start < values.length; start += MAX_VALUES) {
          chunks.push({
            MetricName: metric.Name,
            Dimensions: dimensions,
            Timestamp: timestamp,
            Values: values.slice(start, start + MAX_VALUES),
            ...(metric.Unit ? { Unit: metric.Unit as MetricDatum['Unit'] } : {}),
            ...(metric.StorageResolution ? { StorageResolution: metric.StorageResolution } : {}),
          });
        }
        return chunks;
      });
    });
    return { namespace: directive.Namespace, data };
  });
}

/** Puts the EMF lines it is handed into moto; `stop()` waits for the puts in flight. */
export interface MetricsForwarder {
  /** `true` when `line` was EMF (and is being put). */
  forward(line: string): boolean;
  stop(): Promise<void>;
}

/**
 * A forwarder of EMF lines to the CloudWatch at `endpoint`. A failed put is
 * reported through `onError` and otherwise ignored: metrics are best effort,
 * as they are on Lambda.
 */
export function createMetricsForwarder(options: {
  endpoint: string;
  region: string;
  onError: (message: string) => void;
}): MetricsForwarder {
  const cloudwatch = new CloudWatchClient(localClientConfig(options.endpoint, options.region));
  const pending = new Set<Promise<unknown>>();
  return {
    forward(line) {
      const metrics = parseEmfLine(line);
      if (!metrics) return false;
      for (const { namespace, data } of metrics) {
        if (data.length === 0) continue;
        const put = cloudwatch
          .send(new PutMetricDataCommand({ Namespace: namespace, MetricData: data }))
          .catch((error: Error) => options.onError(`could not put ${namespace} metrics: ${error.message}`))
          .finally(() => pending.delete(put));
        pending.add(put);
      }
      return true;
    },
    async stop() {
      await Promise.allSettled([...pending]);
      cloudwatch.destroy();
    },
  };
}
