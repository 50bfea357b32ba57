import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  COUNTER_SHARDS,
  COUNTERS_PK,
  counterAttributes,
  counterShardOf,
  ledgerKey,
  OFFSET_SK,
  readShard,
  readTallies,
  SNAPSHOT_SK,
  shardSk,
} from './bucket-counters-items.js';
import { addTo, type Contribution, isEmptyContribution } from './counter-contribution.js';

/** What the counters last applied for one image. */
export interface Ledger {
  revision: number;
  contribution: Contribution;
}

/** The last reconcile's listing of what the pipeline does not manage, per bucket. */
export interface CounterSnapshot {
  /** Prefix value -> tally, uploads bucket (bounded like the metrics). */
  uploads: Contribution;
  /** Prefix value -> tally, renditions bucket. */
  renditions: Contribution;
  listedAt: string;
}

/** Everything bucket-metrics reads, from one Query. */
export interface CounterState {
  /** The managed Prefix values summed over the shards (without the offset). */
  counters: Contribution;
  /** `changes` of each shard (0 for a shard never written): the change stamp. */
  stamps: number[];
  /** The last reconcile's correction of the managed values (empty before any). */
  offset: Contribution;
  snapshot: CounterSnapshot | undefined;
}

/** DynamoDB's TransactionCanceledException (a condition failed, or a concurrent transaction). */
function isTransactionCanceled(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'TransactionCanceledException';
}

/**
 * The cancellation reasons that mean "another writer got there first": a
 * condition that no longer holds, or a transaction on the same items in
 * flight. `None` marks the items that were fine. Any other code (e.g.
 * ValidationError) is not a race, and reading again will not help.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
const RACE_CODES = new Set(['None', 'ConditionalCheckFailed', 'TransactionConflict']);

/** A cancelled transaction whose reasons are not a race (see RACE_CODES): transient for SQS, but logged with the codes. */
export class CountersTransactionError extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(`bucket-counters transaction cancelled, not by a race: ${reasons.join('; ')}`);
    this.name = 'CountersTransactionError';
  }
}

/** The codes (and messages) of a TransactionCanceledException. */
function cancellationReasons(error: unknown): string[] {
  const reasons = (error as { CancellationReasons?: { Code?: string; Message?: string }[] })
    .CancellationReasons;
  return (reasons ?? []).map((r) => (r.Message ? `${r.Code ?? 'None'}: ${r.Message}` : (r.Code ?? 'None')));
}

/** Whether a cancelled transaction lost a race (every reason a RACE_CODES code, or none given). */
function lostRace(error: unknown): boolean {
  return cancellationReasons(error).every((reason) => RACE_CODES.has(reason.split(':')[0] ?? ''));
}

/**
 * The bucket-counters table (items: see bucket-counters-items.ts). Writes go
 * through TransactWriteItems so a ledger and the counters it accounts for
 * never disagree: both change or neither does.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html
 */
export class BucketCountersStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** An image's ledger (strongly consistent), or undefined before its first apply. */
  async getLedger(imageId: string): Promise<Ledger | undefined> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: ledgerKey(imageId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return { revision: Number(Item.revision ?? 0), contribution: readTallies(Item.contribution) };
  }

  /**
   * Records `next` as the image's contribution and adds `delta` (next minus
   * the ledger's) to its counter shard, in one transaction conditioned on the
   * ledger still being `previous` (same revision, or still absent).
   *
   * @returns false when the transaction was cancelled (the ledger moved, or a
   *   concurrent transaction on the same items): re-read and try again.
   * @throws {CountersTransactionError} when it was cancelled for another reason.
   * @throws other DynamoDB errors.
   */
  async apply(
    imageId: string,
    previous: Ledger | undefined,
    next: Contribution,
    delta: Contribution,
  ): Promise<boolean> {
    const revision = (previous?.revision ?? 0) + 1;
    const condition = previous ? '#revision = :previous' : 'attribute_not_exists(#revision)';
    const ledgerUpdate = 'SET #revision = :revision, #contribution = :contribution, #updatedAt = :now';
    const adds = ['#changes :one'];
    const names: Record<string, string> = { '#changes': 'changes' };
    const values: Record<string, unknown> = { ':one': 1 };
    Object.entries(delta).forEach(([group, tally], i) => {
      const attributes = counterAttributes(group);
      names[`#o${i}`] = attributes.objects;
      names[`#b${i}`] = attributes.bytes;
      values[`:o${i}`] = tally.objects;
      values[`:b${i}`] = tally.bytes;
      adds.push(`#o${i} :o${i}`, `#b${i} :b${i}`);
    });
    const input: TransactWriteCommandInput = {
      TransactItems: [
        {
          Update: {
            TableName: this.tableName,
            Key: ledgerKey(imageId),
            UpdateExpression: ledgerUpdate,
            ConditionExpression: condition,
            ExpressionAttributeNames: {
              '#revision': 'revision',
              '#contribution': 'contribution',
              '#updatedAt': 'updatedAt',
            },
            ExpressionAttributeValues: {
              ':revision': revision,
              ':contribution': next,
              ':now': this.now().toISOString(),
              ...(previous ? { ':previous': previous.revision } : {}),
            },
          },
        },
        {
          // ADD on a number starts from 0 when the attribute (or the item) does not exist yet.
          // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
          Update: {
            TableName: this.tableName,
            Key: { pk: COUNTERS_PK, sk: shardSk(counterShardOf(imageId)) },
            UpdateExpression: `ADD ${adds.join(', ')}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
      ],
    };
    try {
      await this.dynamo.send(new TransactWriteCommand(input));
      return true;
    } catch (error) {
      if (!isTransactionCanceled(error)) throw error;
      if (lostRace(error)) return false;
      throw new CountersTransactionError(cancellationReasons(error));
    }
  }

  /** The counters, their change stamp, the offset and the snapshot: one strongly consistent Query. */
  async read(): Promise<CounterState> {
    const counters: Contribution = {};
    const stamps = Array.from({ length: COUNTER_SHARDS }, () => 0);
    let offset: Contribution = {};
    let snapshot: CounterSnapshot | undefined;
    const pages = paginateQuery(
      { client: this.dynamo },
      {
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'pk' },
        ExpressionAttributeValues: { ':pk': COUNTERS_PK },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const sk = String(item.sk);
        if (sk === OFFSET_SK) offset = readTallies(item.offset);
        else if (sk === SNAPSHOT_SK) {
          snapshot = {
            uploads: readTallies(item.uploads),
            renditions: readTallies(item.renditions),
            listedAt: String(item.listedAt ?? ''),
          };
        } else if (sk.startsWith('shard#')) {
          const shard = Number(sk.slice('shard#'.length));
          if (shard >= 0 && shard < COUNTER_SHARDS) stamps[shard] = Number(item.changes ?? 0);
          for (const [group, tally] of Object.entries(readShard(item))) addTo(counters, group, tally);
        }
      }
    }
    return { counters, stamps, offset, snapshot };
  }

  /**
   * Stores a reconcile: always the snapshot; the offset only with `stamps`,
   * and then only if no shard changed since those stamps were read
   * (a ConditionCheck per shard in the same transaction).
   *
   * @returns whether the offset was stored (false: a counter moved; the snapshot is stored anyway).
   */
  async storeReconcile(
    snapshot: CounterSnapshot,
    correction?: { offset: Contribution; stamps: readonly number[] },
  ): Promise<boolean> {
    const snapshotUpdate = {
      Update: {
        TableName: this.tableName,
        Key: { pk: COUNTERS_PK, sk: SNAPSHOT_SK },
        UpdateExpression: 'SET #uploads = :uploads, #renditions = :renditions, #listedAt = :listedAt',
        ExpressionAttributeNames: {
          '#uploads': 'uploads',
          '#renditions': 'renditions',
          '#listedAt': 'listedAt',
        },
        ExpressionAttributeValues: {
          ':uploads': snapshot.uploads,
          ':renditions': snapshot.renditions,
          ':listedAt': snapshot.listedAt,
        },
      },
    };
    if (!correction) {
      await this.dynamo.send(new TransactWriteCommand({ TransactItems: [snapshotUpdate] }));
      return false;
    }
    const checks = correction.stamps.map((changes, shard) => ({
      ConditionCheck: {
        TableName: this.tableName,
        Key: { pk: COUNTERS_PK, sk: shardSk(shard) },
        ConditionExpression: changes === 0 ? 'attribute_not_exists(#changes)' : '#changes = :changes',
        ExpressionAttributeNames: { '#changes': 'changes' },
        ...(changes === 0 ? {} : { ExpressionAttributeValues: { ':changes': changes } }),
      },
    }));
    const offsetUpdate = {
      Update: {
        TableName: this.tableName,
        Key: { pk: COUNTERS_PK, sk: OFFSET_SK },
        UpdateExpression: 'SET #offset = :offset, #reconciledAt = :at',
        ExpressionAttributeNames: { '#offset': 'offset', '#reconciledAt': 'reconciledAt' },
        ExpressionAttributeValues: {
          ':offset': isEmptyContribution(correction.offset) ? {} : correction.offset,
          ':at': snapshot.listedAt,
        },
      },
    };
    try {
      await this.dynamo.send(
        new TransactWriteCommand({ TransactItems: [snapshotUpdate, offsetUpdate, ...checks] }),
      );
      return true;
    } catch (error) {
      if (!isTransactionCanceled(error)) throw error;
      return this.storeReconcile(snapshot);
    }
  }
}
