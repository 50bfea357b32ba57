/**
 * Reading every image's ledger at once, for bucket-metrics' daily reconcile:
 * it compares each image's share of the bucket listing with what the
 * counters hold for it (see bucket-counters-items.ts for the items).
 */
import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { readTallies } from './bucket-counters-items.js';
import type { Contribution } from './counter-contribution.js';

/** Prefix of a ledger's partition key: `image#<imageId>`. */
const LEDGER_PK_PREFIX = 'image#';

/** One image's ledger as the reconcile reads it. */
export interface LedgerEntry {
  imageId: string;
  /** What the counters hold for the image (its record's contribution at the last apply). */
  contribution: Contribution;
  revision: number;
  /** When the last apply wrote it (ISO 8601; '' on a ledger written before updatedAt existed). */
  updatedAt: string;
}

/**
 * Every ledger of the table, page by page (a paginated Scan; strongly
 * consistent, so an apply that returned before the Scan reached its item is
 * seen). The filter drops the `counters` partition, but a Scan is charged by
 * the data it reads, not by what the filter returns, so a reconcile pays for
 * the whole table: about 300 bytes a ledger, so about 75,000 read units per
 * million images at strong consistency (4 KB of data a unit), $0.01 on
 * demand, once a day.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html
 *
 * @throws the SDK error of a failed page.
 */
export async function* scanLedgers(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
): AsyncGenerator<LedgerEntry> {
  const pages = paginateScan(
    { client: dynamo },
    {
      TableName: tableName,
      FilterExpression: 'begins_with(#pk, :image)',
      ProjectionExpression: '#pk, #contribution, #revision, #updatedAt',
      ExpressionAttributeNames: {
        '#pk': 'pk',
        '#contribution': 'contribution',
        '#revision': 'revision',
        '#updatedAt': 'updatedAt',
      },
      ExpressionAttributeValues: { ':image': LEDGER_PK_PREFIX },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      yield {
        imageId: String(item.pk).slice(LEDGER_PK_PREFIX.length),
        contribution: readTallies(item.contribution),
        revision: Number(item.revision ?? 0),
        updatedAt: String(item.updatedAt ?? ''),
      };
    }
  }
}
