/**
 * Per-user upload limits and the sharded moderation listing, end to end:
 * the local API gateway (with small QUOTA_* overrides in the function's
 * environment, as Terraform's upload_quotas would set them) against the
 * Terraform-made stack in moto. Image records are written the way ingest
 * writes them, so each limit is reached without a pipeline round trip.
 */
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type ImageStatus, STATUS_SHARD_COUNT, statusShardIndex, statusShardOf } from '@pipeline/domain';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiGateway, startApiGateway } from '../../scripts/local/gateway/api-gateway.ts';
import { createUser, type LocalUser, MODERATORS_GROUP, signIn } from '../../scripts/local/gateway/cognito.ts';
import { type ApiCall, type ApiResponse, apiClient, decodePostPolicy } from '../support/api.ts';
import { testClients } from '../support/aws.ts';
import { makeJpeg } from '../support/fixtures.ts';

const stack = inject('stack');
const endpoint = inject('endpoint');
const clients = testClients(endpoint);

type Who = LocalUser & { token: string };

const MAX_IMAGES = 2;
const MAX_BYTES = 1_000_000;
const RATE = 4;

function expectError(response: ApiResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.body?.error?.code, response.text).toBe(code);
}

let gateway: ApiGateway;
let call: ApiCall;
let small: Buffer;
const seeded: string[] = [];

const signedIn = async (groups?: string[]): Promise<Who> => {
  const user = await createUser(stack, endpoint, groups ? { groups } : undefined);
  return { ...user, token: (await signIn(stack, endpoint, user.email, user.password)).idToken };
};
const presign = (who: Who, bytes: number) =>
  call('POST', '/uploads', {
    token: who.token,
    json: { filename: 'a.jpg', contentType: 'image/jpeg', bytes },
  });
const direct = (who: Who, bytes: Buffer) =>
  call('POST', '/images', { token: who.token, body: bytes, headers: { 'content-type': 'image/jpeg' } });

/**
 * Stores image records for `owner` as ingest would (the quotas read records,
 * whatever S3 holds), so the test needs no pipeline round trip per image.
 */
async function recordImages(owner: string, images: Array<{ status: string; bytes: number }>) {
  const items = images.map(({ status, bytes }, i) => {
    const imageId = randomUUID();
    return {
      imageId,
      owner,
      status,
      statusShard: statusShardOf(status as ImageStatus, imageId),
      bucket: stack.uploads_bucket,
      key: `uploads/${owner}/${imageId}.jpg`,
      orderKey: '0',
      contentType: 'image/jpeg',
      bytes,
      createdAt: new Date(Date.now() - i * 1000).toISOString(),
    };
  });
  await seed(items);
}

async function seed(items: Array<Record<string, unknown> & { imageId: string }>) {
  seeded.push(...items.map((item) => item.imageId));
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await clients.dynamo.send(new BatchWriteCommand({ RequestItems: { [stack.images_table]: batch } }));
  }
}

beforeAll(async () => {
  small = await makeJpeg(40, 30);
  gateway = await startApiGateway({
    outputs: stack,
    endpoint,
    port: inject('apiPort'),
    // Read by the API per invocation; the Terraform variable upload_quotas sets the same names.
    env: {
      QUOTA_MAX_IMAGES: String(MAX_IMAGES),
      QUOTA_MAX_BYTES: String(MAX_BYTES),
      QUOTA_UPLOADS_PER_MINUTE: String(RATE),
    },
  });
  call = apiClient(gateway.url);
});

afterAll(async () => {
  for (let i = 0; i < seeded.length; i += 25) {
    const batch = seeded.slice(i, i + 25).map((imageId) => ({ DeleteRequest: { Key: { imageId } } }));
    await clients.dynamo.send(new BatchWriteCommand({ RequestItems: { [stack.images_table]: batch } }));
  }
  await gateway?.stop();
});

describe('upload limits (local API gateway + pipeline, against moto)', () => {
  it('answers 403 Quota::Images once the user has as many live images as the quota', async () => {
    const alice = await signedIn();
    // DELETED and REJECTED images count for nothing.
    await recordImages(alice.sub, [
      { status: 'DELETED', bytes: 1 },
      { status: 'REJECTED', bytes: 1 },
      { status: 'ACCEPTED', bytes: 1 },
    ]);
    const fits = await presign(alice, 1);
    expect(fits.status, fits.text).toBe(201);
    await recordImages(alice.sub, [{ status: 'PROCESSED', bytes: 1 }]);

    const overDirect = await direct(alice, small);
    const overPresigned = await presign(alice, 1);

    expectError(overDirect, 403, 'Quota::Images');
    expect(overDirect.body.error.message).toContain(`${MAX_IMAGES} images per user`);
    expectError(overPresigned, 403, 'Quota::Images');
  });

  it('answers 403 Quota::Bytes over the byte quota, and caps a presigned POST at what is left', async () => {
    const bob = await signedIn();
    await recordImages(bob.sub, [
      { status: 'PROCESSED', bytes: MAX_BYTES - 10 },
      { status: 'DELETED', bytes: MAX_BYTES },
    ]);

    const fits = await presign(bob, 10);
    const over = await presign(bob, 11);
    const overDirect = await direct(bob, small);

    expect(fits.status, fits.text).toBe(201);
    expect(decodePostPolicy(fits.body.upload.fields).conditions).toContainEqual([
      'content-length-range',
      1,
      10,
    ]);
    expectError(over, 403, 'Quota::Bytes');
    expect(over.body.error.message).toContain(`limit of ${MAX_BYTES} bytes per user`);
    expectError(overDirect, 403, 'Quota::Bytes');
  });

  it('answers 429 Quota::Rate with Retry-After past the uploads allowed in one minute', async () => {
    const carol = await signedIn();
    let outcome: ApiResponse[] = [];
    // A fixed window: if the minute turns during the burst, the counts split; try again in the new one.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const minute = Math.floor(Date.now() / 60_000);
      outcome = [];
      for (let i = 0; i <= RATE; i += 1) outcome.push(await presign(carol, 10));
      if (Math.floor(Date.now() / 60_000) === minute) break;
    }

    expect(outcome.slice(0, RATE).map((r) => r.status)).toEqual(Array(RATE).fill(201));
    const limited = outcome[RATE] as ApiResponse;
    expectError(limited, 429, 'Quota::Rate');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.error.message).toContain(`${RATE} per minute`);
  });
});

describe('the moderation listing (local API gateway + pipeline, against moto)', () => {
  it('lists everyone’s images in one status newest first across shards, page by page', async () => {
    const moderator = await signedIn([MODERATORS_GROUP]);
    // Newer than anything the pipeline writes, so these lead the DELETED listing; uneven over the shards.
    const tag = randomUUID();
    const items = Array.from({ length: 12 }, (_, i) => {
      const imageId = `limits-${tag}-${i}`;
      return {
        imageId,
        owner: `limits-e2e-${tag}`,
        status: 'DELETED',
        statusShard: statusShardOf('DELETED', imageId),
        orderKey: '0',
        createdAt: new Date(Date.UTC(2999, 0, 1) + i * 1000).toISOString(),
      };
    });
    await seed(items);
    const shards = new Set(items.map((item) => statusShardIndex(item.imageId)));
    expect(shards.size).toBeGreaterThan(1);
    expect(shards.size).toBeLessThanOrEqual(STATUS_SHARD_COUNT);

    const listed: string[] = [];
    const cursors: string[] = [];
    for (let page = 0; page < items.length / 4; page += 1) {
      const query = `?status=DELETED&limit=4${cursors.at(-1) ? `&cursor=${cursors.at(-1)}` : ''}`;
      const response = await call('GET', `/images${query}`, { token: moderator.token });
      expect(response.status, response.text).toBe(200);
      expect(response.body.items).toHaveLength(4);
      listed.push(...response.body.items.map((item: { imageId: string }) => item.imageId));
      if (page < items.length / 4 - 1)
        expect(response.body.nextCursor, 'a nextCursor while more follow').toBeTypeOf('string');
      cursors.push(response.body.nextCursor);
    }

    const newestFirst = [...items].reverse().map((item) => item.imageId);
    expect(listed).toEqual(newestFirst);
    // A cursor of the DELETED listing is refused by another one.
    const tampered = await call('GET', `/images?status=PROCESSED&limit=4&cursor=${cursors[0]}`, {
      token: moderator.token,
    });
    expectError(tampered, 400, 'Request::Malformed');
  });
});
