import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord, Rendition } from '@pipeline/domain';
import {
  BucketCountersStore,
  ConcurrentUpdateError,
  CountersTransactionError,
  ImagesStore,
} from '@pipeline/store';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyCounters, type CountersDeps, MAX_ROUNDS } from '../src/apply-counters.js';
import { COUNTERS_TABLE, IMAGES_TABLE, memoryTables } from './memory-tables.js';
import { aRecord, config, quietLogger } from './records.js';

const tables = memoryTables();
beforeEach(() => tables.install());

function deps(): CountersDeps {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  return {
    clients: { dynamo } as CountersDeps['clients'],
    config,
    logger: quietLogger(),
    store: new ImagesStore(dynamo, IMAGES_TABLE),
    counters: new BucketCountersStore(dynamo, COUNTERS_TABLE),
  };
}

const rendition = (name: Rendition['name'], bytes: number): Rendition => ({
  name,
  key: `img-1/v1/${name}.webp`,
  width: 10,
  height: 10,
  format: 'webp',
  bytes,
  contentType: 'image/webp',
});
const processed = (overrides: Partial<ImageRecord> = {}) =>
  aRecord({
    status: 'PROCESSED',
    renditions: [rendition('thumb', 10), rendition('large', 300)],
    ...overrides,
  });

/** The counters summed over the shards (what bucket-metrics reads). */
async function totals(d = deps()) {
  return (await new BucketCountersStore(d.clients.dynamo, COUNTERS_TABLE).read()).counters;
}

const event = (type = 'image.processed' as const) => ({ imageId: 'img-1', type });

describe('applyCounters: what an event adds', () => {
  it('adds an accepted upload to uploads/ with its bytes', async () => {
    tables.setRecord(aRecord({ status: 'ACCEPTED', bytes: 1234 }));
    await expect(applyCounters({ imageId: 'img-1', type: 'image.accepted' }, deps())).resolves.toBe(
      'applied',
    );
    expect((await totals())['uploads/']).toEqual({ objects: 1, bytes: 1234 });
    expect((await totals())['renditions/thumb']).toEqual({ objects: 0, bytes: 0 });
  });

  it('writes nothing for a duplicate: the ledger already holds what the record says', async () => {
    tables.setRecord(processed());
    await applyCounters(event(), deps());
    const writes = tables.mock.commandCalls(TransactWriteCommand).length;
    await expect(applyCounters(event(), deps())).resolves.toBe('unchanged');
    expect(tables.mock.commandCalls(TransactWriteCommand)).toHaveLength(writes);
    expect((await totals())['renditions/large']).toEqual({ objects: 1, bytes: 300 });
  });

  it('converges on the record whatever order the events come in', async () => {
    // The record went ACCEPTED -> PROCESSED -> DELETED; the events arrive deleted, accepted, processed.
    tables.setRecord(aRecord({ status: 'DELETED', renditions: [] }));
    for (const type of ['image.deleted', 'image.accepted', 'image.processed'] as const) {
      await applyCounters({ imageId: 'img-1', type }, deps());
    }
    expect(Object.values(await totals()).every((t) => t.objects === 0 && t.bytes === 0)).toBe(true);
  });

  it('takes the renditions out when a moderator rejects, and back when approved again', async () => {
    tables.setRecord(processed());
    await applyCounters(event(), deps());
    tables.setRecord(processed({ review: { decision: 'REJECTED', reason: 'no' } }));
    await applyCounters({ imageId: 'img-1', type: 'image.reviewed' }, deps());
    expect((await totals())['renditions/thumb']).toEqual({ objects: 0, bytes: 0 });
    expect((await totals())['uploads/']).toEqual({ objects: 1, bytes: 100 });
    tables.setRecord(processed({ review: { decision: 'APPROVED' } }));
    await applyCounters({ imageId: 'img-1', type: 'image.reviewed' }, deps());
    expect((await totals())['renditions/thumb']).toEqual({ objects: 1, bytes: 10 });
  });
});

describe('applyCounters: races and failures', () => {
  it('reads again and retries when another apply moved the ledger first', async () => {
    tables.setRecord(processed());
    const d = deps();
    // Another worker applies the same image between this one's read and its transaction.
    tables.hooks.beforeTransaction = () => {
      tables.counters.set('image#img-1|ledger', {
        pk: 'image#img-1',
        sk: 'ledger',
        revision: 1,
        contribution: { 'uploads/': { objects: 1, bytes: 100 } },
      });
      tables.counters.set('counters|shard#6', {
        pk: 'counters',
        sk: 'shard#6',
        changes: 1,
        'o#uploads/': 1,
        'b#uploads/': 100,
      });
    };
    await expect(applyCounters(event(), d)).resolves.toBe('applied');
    expect(tables.mock.commandCalls(TransactWriteCommand)).toHaveLength(2);
    expect((await totals())['uploads/']).toEqual({ objects: 1, bytes: 100 });
    expect((await totals())['renditions/large']).toEqual({ objects: 1, bytes: 300 });
  });

  it('corrects an apply that lost the race to a newer record change', async () => {
    tables.setRecord(processed());
    // The record is deleted just after this apply read it, before its transaction lands: the
    // delete's own event may already have found the ledger unchanged, so this apply must catch it.
    tables.hooks.beforeTransaction = () => tables.setRecord(aRecord({ status: 'DELETED', renditions: [] }));
    await expect(applyCounters(event(), deps())).resolves.toBe('applied');
    expect((await totals())['uploads/']).toEqual({ objects: 0, bytes: 0 });
  });

  it('gives up after MAX_ROUNDS lost races with a transient error, so SQS retries', async () => {
    tables.setRecord(processed());
    tables.mock.on(TransactWriteCommand).rejects({ name: 'TransactionCanceledException', message: 'x' });
    await expect(applyCounters(event(), deps())).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(tables.mock.commandCalls(TransactWriteCommand)).toHaveLength(MAX_ROUNDS);
  });

  it('fails at once, with the reasons, when a transaction is cancelled by something other than a race', async () => {
    tables.setRecord(processed());
    tables.mock.on(TransactWriteCommand).rejects({
      name: 'TransactionCanceledException',
      message: 'Transaction cancelled',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ValidationError', Message: 'bad ADD operand' }],
    } as Error);
    const failure = applyCounters(event(), deps());
    await expect(failure).rejects.toBeInstanceOf(CountersTransactionError);
    await expect(failure).rejects.toThrow('ValidationError: bad ADD operand');
    expect(tables.mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('reads again when the reasons say the ledger condition failed or a transaction conflicted', async () => {
    tables.setRecord(processed());
    tables.mock.on(TransactWriteCommand).rejects({
      name: 'TransactionCanceledException',
      message: 'Transaction cancelled',
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }],
    } as Error);
    await expect(applyCounters(event(), deps())).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(tables.mock.commandCalls(TransactWriteCommand)).toHaveLength(MAX_ROUNDS);
  });

  it('passes on a DynamoDB error other than a cancelled transaction', async () => {
    tables.setRecord(processed());
    tables.mock.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(applyCounters(event(), deps())).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
