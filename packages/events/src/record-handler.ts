import type { Log } from '@pipeline/aws';
import { isPermanentError } from '@pipeline/domain';
import type { SQSRecord } from 'aws-lambda';

/**
 * Wraps a per-message service for Powertools' `BatchProcessor`: permanent
 * errors (malformed message, not ours, unusable key) are logged and
 * acknowledged; anything else is rethrown so the message is reported in
 * `batchItemFailures`, retried by SQS, and finally dead-lettered.
 *
 * This is the one place where errors become results.
 */
export function sqsRecordHandler(
  service: (body: string, logger: Log) => Promise<unknown>,
  logger: Log & { createChild?: (options: { persistentKeys?: Record<string, unknown> }) => Log },
): (record: SQSRecord) => Promise<void> {
  return async (record) => {
    const keys = { messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount };
    // A child logger per message: records of one batch run in parallel.
    const log = logger.createChild ? logger.createChild({ persistentKeys: keys }) : logger;
    try {
      await service(record.body, log);
    } catch (error) {
      if (isPermanentError(error)) {
        log.warn('Acknowledging a message that can never succeed', { error, code: error.code, ...keys });
        return;
      }
      log.error('Message failed; SQS will retry it', { error, ...keys });
      throw error;
    }
  };
}
