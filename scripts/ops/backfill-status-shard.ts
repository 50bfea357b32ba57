/**
 * One-off backfill for the byStatusShard index: gives every image item
 * written before `statusShard` existed its `<status>#<n>` value, so the
 * moderation listing and `make status` see it. Idempotent and safe beside
 * live traffic: each write is conditional on the status it read (a status
 * change in between already wrote the right shard and wins).
 *
 *   npx tsx scripts/ops/backfill-status-shard.ts                 # the `make dev` stack
 *   AWS_REGION=eu-west-1 npx tsx scripts/ops/backfill-status-shard.ts --table <images table>   # AWS
 *
 * Cost: one Scan of the table (eventually consistent, projection of three
 * attributes) plus one UpdateItem per item that lacks the attribute.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isImageStatus, statusShardOf } from '@pipeline/domain';
import { localClientConfig } from '@pipeline/local-aws/credentials';
import { readDevStack, runCommand } from './dev-stack.ts';

/** How many items a backfill looked at and how many it wrote. */
export interface BackfillResult {
  scanned: number;
  updated: number;
  /** Items whose status changed between the scan and the write (already right). */
  skipped: number;
}

/** Sets `statusShard` on every image item of `table` that lacks it or holds a stale one. */
export async function backfillStatusShards(
  dynamo: DynamoDBDocumentClient,
  table: string,
): Promise<BackfillResult> {
  const result: BackfillResult = { scanned: 0, updated: 0, skipped: 0 };
  const pages = paginateScan(
    { client: dynamo },
    {
      TableName: table,
      ProjectionExpression: 'imageId, #status, statusShard',
      ExpressionAttributeNames: { '#status': 'status' },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      result.scanned += 1;
      const { imageId, status } = item;
      if (typeof imageId !== 'string' || !isImageStatus(status)) continue; // not an image (rate windows)
      const shard = statusShardOf(status, imageId);
      if (item.statusShard === shard) continue;
      try {
        await dynamo.send(
          new UpdateCommand({
            TableName: table,
            Key: { imageId },
            UpdateExpression: 'SET statusShard = :shard',
            ConditionExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':shard': shard, ':status': status },
          }),
        );
        result.updated += 1;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        result.skipped += 1;
      }
    }
  }
  return result;
}

async function main() {
  const flag = process.argv.indexOf('--table');
  let client: DynamoDBClient;
  let table: string;
  if (flag >= 0 && process.argv[flag + 1]) {
    table = process.argv[flag + 1] as string;
    client = new DynamoDBClient({});
  } else {
    const { endpoint, outputs } = await readDevStack();
    table = outputs.images_table;
    client = new DynamoDBClient(localClientConfig(endpoint, outputs.region));
  }
  const result = await backfillStatusShards(DynamoDBDocumentClient.from(client), table);
  console.log(
    `✔ ${table}: scanned ${result.scanned}, set statusShard on ${result.updated}, ${result.skipped} changed meanwhile`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) runCommand(main);
