/**
 * `make status`: with `make dev` running, prints every queue function's
 * queue (messages visible, in flight, delayed) and dead-letter depth, then
 * how many images are in each status (the images table's byStatusShard
 * index: every shard of each status counted).
 *
 * DEV_STACK_FILE=<file> reads another stack than `make dev`'s (the e2e test).
 */
import { DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { IMAGE_STATUSES, type ImageStatus, statusShardKeys } from '@pipeline/domain';
import { localClientConfig } from '@pipeline/local-aws/credentials';
import { readDevStack, runCommand } from './dev-stack.ts';
import {
  DEPTH_ATTRIBUTES,
  depthOf,
  formatQueueTable,
  formatStatusCounts,
  type QueueDepth,
} from './status-report.ts';

/** The table's index of everyone's images by status shard (terraform/modules/table). */
const STATUS_SHARD_INDEX = 'byStatusShard';

async function queueDepths(
  sqs: SQSClient,
  functions: Record<string, { queue_url: string | null; dlq_url: string | null }>,
) {
  const attributes = async (url: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...DEPTH_ATTRIBUTES] })))
      .Attributes;
  const queues = Object.entries(functions).flatMap(([name, f]) =>
    f.queue_url ? [{ name, queueUrl: f.queue_url, dlqUrl: f.dlq_url }] : [],
  );
  return Promise.all(
    queues.map(async ({ name, queueUrl, dlqUrl }): Promise<QueueDepth> => {
      const [queue, dlq] = await Promise.all([attributes(queueUrl), dlqUrl ? attributes(dlqUrl) : undefined]);
      return { name, ...depthOf(queue), deadLetters: depthOf(dlq).visible };
    }),
  );
}

/** Counts one status's images: Select COUNT over every page (a page stops at 1 MB of items read) of every shard. */
async function countStatus(dynamo: DynamoDBClient, table: string, status: ImageStatus): Promise<number> {
  const counts = await Promise.all(
    statusShardKeys(status).map(async (shard) => {
      let total = 0;
      const pages = paginateQuery(
        { client: dynamo },
        {
          TableName: table,
          IndexName: STATUS_SHARD_INDEX,
          KeyConditionExpression: '#statusShard = :shard',
          ExpressionAttributeNames: { '#statusShard': 'statusShard' },
          ExpressionAttributeValues: { ':shard': { S: shard } },
          Select: 'COUNT',
        },
      );
      for await (const page of pages) total += page.Count ?? 0;
      return total;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function main() {
  const { endpoint, outputs } = await readDevStack();
  const common = localClientConfig(endpoint, outputs.region);
  const sqs = new SQSClient(common);
  const dynamo = new DynamoDBClient(common);

  const [depths, counts] = await Promise.all([
    queueDepths(sqs, outputs.functions),
    Promise.all(
      IMAGE_STATUSES.map(async (s) => [s, await countStatus(dynamo, outputs.images_table, s)] as const),
    ),
  ]);

  console.log(`Queues (moto at ${endpoint})`);
  for (const line of formatQueueTable(depths)) console.log(line);
  console.log(`\nImages by status (${outputs.images_table})`);
  for (const line of formatStatusCounts(IMAGE_STATUSES, Object.fromEntries(counts))) console.log(line);
}

runCommand(main);
