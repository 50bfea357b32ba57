import { sqsBatchHandler } from '@pipeline/lambda-kit';
import { BucketCountersStore } from '@pipeline/store';
import { applyCounters } from './apply-counters.js';
import { readCountersConfig } from './config.js';
import { parseCounterMessage } from './counter-message.js';

/** SQS handler: each image event succeeds or is listed in `batchItemFailures`. */
export const handler = sqsBatchHandler({
  serviceName: 'bucket-counters',
  parse: (record) => parseCounterMessage(record.body),
  service: applyCounters,
  deps: (base) => ({
    ...base,
    counters: new BucketCountersStore(base.clients.dynamo, readCountersConfig().countersTable),
  }),
});
