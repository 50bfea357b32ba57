/**
 * The bucket-counters and images tables behind the DynamoDB mock, as a
 * reconcile sees them: the counters partition (one Query), the ledgers (a
 * Scan, served in pages), the records (GetItem). The offset a reconcile
 * stores is kept, so the next reconcile reads it back.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  QueryCommand,
  ScanCommand,
  type ScanCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Contribution } from '@pipeline/store';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** One image's ledger. */
export interface LedgerFixture {
  imageId: string;
  contribution: Contribution;
  updatedAt: string;
}

/** What the tables hold; `offset` is what the last reconcile stored (it changes as reconciles store theirs). */
export interface TablesFixture {
  /** What the counters hold in all (on one shard). */
  counters: Contribution;
  ledgers: LedgerFixture[];
  /** Image records, as the images table holds them. */
  records: Array<Record<string, unknown>>;
  offset?: Contribution;
}

/** Ledgers per Scan page: small, so the tests page through them. */
const SCAN_PAGE = 2;

/** Serves `tables` through the mock; a reconcile's stored offset lands in `tables.offset`. */
export function serveTables(dynamo: AwsClientStub<DynamoDBDocumentClient>, tables: TablesFixture): void {
  dynamo.on(QueryCommand).callsFake(() => {
    const shard: Record<string, unknown> = { pk: 'counters', sk: 'shard#0', changes: 1 };
    for (const [group, tally] of Object.entries(tables.counters)) {
      shard[`o#${group}`] = tally.objects;
      shard[`b#${group}`] = tally.bytes;
    }
    const offset = tables.offset ? [{ pk: 'counters', sk: 'offset', offset: tables.offset }] : [];
    return { Items: [shard, ...offset] };
  });
  dynamo.on(ScanCommand).callsFake((input: ScanCommandInput) => {
    const from = Number(input.ExclusiveStartKey?.at ?? 0);
    const Items = tables.ledgers.slice(from, from + SCAN_PAGE).map((ledger) => ({
      pk: `image#${ledger.imageId}`,
      contribution: ledger.contribution,
      revision: 1,
      updatedAt: ledger.updatedAt,
    }));
    const more = from + SCAN_PAGE < tables.ledgers.length;
    return { Items, ...(more ? { LastEvaluatedKey: { at: from + SCAN_PAGE } } : {}) };
  });
  dynamo.on(GetCommand).callsFake((input: GetCommandInput) => ({
    Item: tables.records.find((record) => record.imageId === input.Key?.imageId),
  }));
  dynamo.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
    const offset = input.TransactItems?.find((item) => item.Update?.Key?.sk === 'offset')?.Update;
    if (offset) tables.offset = offset.ExpressionAttributeValues?.[':offset'] as Contribution;
    return {};
  });
}

/** The offset each reconcile stored, in order (undefined: that reconcile stored none). */
export function storedOffsets(
  dynamo: AwsClientStub<DynamoDBDocumentClient>,
): Array<Contribution | undefined> {
  return dynamo.commandCalls(TransactWriteCommand).map((call) => {
    const offset = call.args[0].input.TransactItems?.find((item) => item.Update?.Key?.sk === 'offset');
    return offset?.Update?.ExpressionAttributeValues?.[':offset'] as Contribution | undefined;
  });
}
