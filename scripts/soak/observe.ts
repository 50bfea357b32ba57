/**
 * Reads what the pipeline left behind, for the invariants: image records
 * (strongly consistent), what the owner index lists, every rendition key,
 * dead letters per function, and the emails moto's SES kept.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { BatchGetCommand, type BatchGetCommandOutput, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readSentEmails } from '@pipeline/local-aws/mail';
import { OWNER_INDEX } from '@pipeline/store';
import type { StackOutputs } from '../local/stack/stack-outputs.ts';
import type { SoakClients } from './clients.ts';
import type { DeadLetterCount, EmailView, RecordView } from './invariants.ts';
import { type FunctionQueue, peekMessages } from './queues.ts';

/** The records of `imageIds` that exist, by imageId. */
export async function readRecords(
  clients: SoakClients,
  table: string,
  imageIds: Iterable<string>,
): Promise<Map<string, RecordView>> {
  const ids = [...new Set(imageIds)];
  const records = new Map<string, RecordView>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map((imageId) => ({ imageId }));
    while (keys && keys.length > 0) {
      const response: BatchGetCommandOutput = await clients.dynamo.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of response.Responses?.[table] ?? []) records.set(item.imageId, item as RecordView);
      keys = response.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return records;
}

/** imageIds the owner index lists for `owner` (one per item, so a duplicate record would show twice). */
export async function ownerImageIds(clients: SoakClients, table: string, owner: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await clients.dynamo.send(
      new QueryCommand({
        TableName: table,
        IndexName: OWNER_INDEX,
        KeyConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
        ExclusiveStartKey: start,
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => item.imageId as string));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

/** Every key in a bucket. */
export async function listAllKeys(clients: SoakClients, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((object) => object.Key as string));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/**
 * Dead letters per function queue: all, and those whose body names one of
 * `imageIds` (S3 events carry the key, which holds the imageId; domain events carry it).
 */
export async function countDeadLetters(
  clients: SoakClients,
  queues: readonly FunctionQueue[],
  imageIds: ReadonlySet<string>,
): Promise<DeadLetterCount[]> {
  const counts: DeadLetterCount[] = [];
  for (const queue of queues) {
    if (!queue.dlqUrl) continue;
    const messages = await peekMessages(clients.sqs, queue.dlqUrl);
    const ours = messages.filter((m) => mentionsAny(m.Body ?? '', imageIds)).length;
    counts.push({ queue: queue.name, total: messages.length, ours });
  }
  return counts;
}

/** True when `text` holds one of `imageIds`. */
export function mentionsAny(text: string, imageIds: ReadonlySet<string>): boolean {
  const candidates = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
  return candidates.some((id) => imageIds.has(id.toLowerCase()));
}

/** Emails to `recipient` that moto's SES accepted, as the email check reads them. */
export async function emailsTo(endpoint: string, recipient: string): Promise<EmailView[]> {
  const emails = await readSentEmails(endpoint);
  return emails
    .filter((email) => email.to.some((to) => to.toLowerCase() === recipient.toLowerCase()))
    .map((email) => ({ to: email.to, text: [email.subject, email.text ?? '', email.html ?? ''].join('\n') }));
}

/** Records of the imageIds that have renditions but are not the soak's (for the global orphan check). */
export async function recordsForRenditions(
  clients: SoakClients,
  outputs: StackOutputs,
  renditionKeys: readonly string[],
  known: ReadonlyMap<string, RecordView>,
): Promise<Map<string, RecordView>> {
  const others = new Set(
    renditionKeys.map((key) => key.split('/')[0] as string).filter((id) => !known.has(id)),
  );
  const records = await readRecords(clients, outputs.images_table, others);
  for (const [id, record] of known) records.set(id, record);
  return records;
}

/**
 * How many recipients moto's SES has sent to so far (SES v1 GetSendQuota,
 * SentLast24Hours: moto counts every recipient of every send). The fallback
 * when the messages themselves cannot be read: the soak compares the
 * difference over its run with the events.
 * @throws Error when moto does not answer.
 */
export async function sesSentCount(endpoint: string, region: string): Promise<number> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      // moto routes by the credential scope's service; it checks no signature.
      Authorization: `AWS4-HMAC-SHA256 Credential=test/20200101/${region}/ses/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: 'Action=GetSendQuota&Version=2010-12-01',
  });
  const text = await response.text();
  const sent = /<SentLast24Hours>([\d.]+)<\/SentLast24Hours>/.exec(text)?.[1];
  if (!response.ok || sent === undefined) throw new Error(`SES GetSendQuota answered ${response.status}`);
  return Number(sent);
}
