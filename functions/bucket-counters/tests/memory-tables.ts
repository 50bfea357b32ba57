/**
 * The images and bucket-counters tables in memory, behind aws-sdk-client-mock:
 * GetItem on either, TransactWriteItems on the counters (each Update's
 * revision condition checked, ADD applied, all or nothing) and the Query
 * bucket-metrics makes. Enough DynamoDB semantics to race applies against
 * each other and see where the counters end up.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ImageRecord } from '@pipeline/domain';
import { toItem } from '@pipeline/store';
import { mockClient } from 'aws-sdk-client-mock';

export const IMAGES_TABLE = 'images';
export const COUNTERS_TABLE = 'bucket-counters';

type Item = Record<string, unknown>;

/** The two tables and the mock that serves them. */
export function memoryTables() {
  const images = new Map<string, Item>();
  const counters = new Map<string, Item>();
  const mock = mockClient(DynamoDBDocumentClient);
  const key = (k: Record<string, unknown>) => `${String(k.pk)}|${String(k.sk)}`;
  /** Runs before each transaction is applied (a test's chance to race it). */
  const hooks: { beforeTransaction?: () => void } = {};

  const install = () => {
    mock.reset();
    images.clear();
    counters.clear();
    mock.on(GetCommand).callsFake((input: { TableName: string; Key: Record<string, unknown> }) => {
      const item =
        input.TableName === IMAGES_TABLE
          ? images.get(String(input.Key.imageId))
          : counters.get(key(input.Key));
      return { Item: item ? structuredClone(item) : undefined };
    });
    mock.on(QueryCommand).callsFake(() => ({
      Items: [...counters.values()].filter((item) => item.pk === 'counters').map((i) => structuredClone(i)),
    }));
    mock.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
      const hook = hooks.beforeTransaction;
      hooks.beforeTransaction = undefined;
      hook?.();
      const staged = new Map<string, Item>();
      for (const entry of input.TransactItems ?? []) {
        const update = entry.Update;
        if (!update) continue;
        const id = key(update.Key as Item);
        const item: Item = structuredClone(counters.get(id) ?? { ...(update.Key as Item) });
        const values = update.ExpressionAttributeValues ?? {};
        const names = update.ExpressionAttributeNames ?? {};
        if (update.ConditionExpression === 'attribute_not_exists(#revision)' && item.revision !== undefined)
          throw canceled();
        if (update.ConditionExpression === '#revision = :previous' && item.revision !== values[':previous'])
          throw canceled();
        applyUpdate(item, update.UpdateExpression ?? '', names, values);
        staged.set(id, item);
      }
      for (const [id, item] of staged) counters.set(id, item);
      return {};
    });
  };

  return {
    mock,
    hooks,
    counters,
    install,
    setRecord(record: ImageRecord | undefined, imageId = record?.imageId ?? '') {
      if (record) images.set(record.imageId, toItem(record));
      else images.delete(imageId);
    },
  };
}

function canceled(): TransactionCanceledException {
  return new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {} });
}

/** SET a = :v, ... or ADD a :v, ... (the two shapes the counters write). */
function applyUpdate(item: Item, expression: string, names: Record<string, string>, values: Item): void {
  const [action, rest] = [expression.slice(0, 4).trim(), expression.slice(4)];
  for (const part of rest.split(',').map((p) => p.trim())) {
    if (action === 'SET') {
      const [name, value] = part.split('=').map((p) => p.trim()) as [string, string];
      item[names[name] ?? name] = structuredClone(values[value]);
    } else {
      const [name, value] = part.split(' ') as [string, string];
      const attribute = names[name] ?? name;
      item[attribute] = Number(item[attribute] ?? 0) + Number(values[value]);
    }
  }
}
