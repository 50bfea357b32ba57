import type { PerceptualHashes } from '@pipeline/domain';
import { NearDuplicateIndex } from '@pipeline/store';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, postToPresignedUrl } from '../../../../tests/support/api.ts';
import { getImage, waitForStatus } from '../../../../tests/support/pipeline.ts';
import { waitFor } from '../../../../tests/support/wait.ts';
import { clients, type LocalApi, stack, startLocalApi, type Who, waitForView } from './api-harness.ts';

// Placeholders and near-duplicates end to end: resize stores them, GET /images/{id} serves them.
let api: LocalApi;
let call: ApiCall;
let alice: Who;
let moderator: Who;

/** A landscape "photo": a sky gradient, a sun, a hill line (`hill` moves it), with grain. */
async function scene(hill: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1e3c72"/><stop offset="1" stop-color="#f6d365"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#s)"/><circle cx="${300 + hill}" cy="300" r="90" fill="#fff3c4"/>
    <path d="M0 ${500 + hill / 4} Q 300 ${300 + hill / 2} 600 560 T 1200 ${480 - hill / 3} V 800 H 0 Z" fill="#2d4a3e"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/** Uploads `bytes` as alice through a presigned POST and waits for its view to say `status`. */
async function upload(bytes: Buffer, contentType: string, status = 'PROCESSED') {
  const created = await call('POST', '/uploads', {
    token: alice.token,
    json: { filename: 'photo', contentType, bytes: bytes.length },
  });
  expect(created.status, created.text).toBe(201);
  expect((await postToPresignedUrl(created.body.upload, bytes, 'photo', contentType)).ok).toBe(true);
  return waitForView(call, alice, created.body.imageId, status, 90_000);
}

/** The stack's near-duplicates table (NEAR_DUPLICATES_TABLE). */
function nearDuplicatesTable(): string {
  const table = stack.near_duplicates_table ?? stack.functions.api?.environment?.NEAR_DUPLICATES_TABLE;
  if (!table) throw new Error('the stack has no near-duplicates table (output near_duplicates_table)');
  return table;
}

const view = async (imageId: string) =>
  (await call('GET', `/images/${imageId}`, { token: alice.token })).body;

beforeAll(async () => {
  api = await startLocalApi();
  ({ call, alice, moderator } = api);
});
afterAll(() => api?.stop());

describe('placeholders and near-duplicates against moto', () => {
  let first: string;
  let again: string;

  it('stores a placeholder and the perceptual hashes when resize marks PROCESSED', async () => {
    const processed = await upload(await scene(0), 'image/jpeg');
    first = processed.imageId;

    expect(processed.placeholder).toEqual({
      thumbHash: expect.stringMatching(/^[A-Za-z0-9+/]{20,}=*$/),
      dominantColor: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
    expect(processed.duplicateOf).toBeNull();
    const item = await getImage(clients, stack, first);
    expect(item?.perceptualHashes).toEqual({
      full: expect.stringMatching(/^[0-9a-f]{16}$/),
      centre: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it('names the earlier upload as duplicateOf for the same photo re-encoded as WebP', async () => {
    const webp = await sharp(await scene(0))
      .webp({ quality: 60 })
      .toBuffer();

    const processed = await upload(webp, 'image/webp');
    again = processed.imageId;

    // On failure, say what the index and the records hold.
    const index = new NearDuplicateIndex(clients.dynamo, nearDuplicatesTable());
    const mine = (await getImage(clients, stack, again))?.perceptualHashes as PerceptualHashes;
    const found = await index.candidates(alice.sub, again, mine);
    const theirs = (await getImage(clients, stack, first))?.perceptualHashes;
    const why = JSON.stringify({ mine, theirs, found });
    expect(processed.duplicateOf, why).toEqual({ imageId: first, distance: expect.any(Number) });
    expect(processed.duplicateOf.distance).toBeLessThanOrEqual(8);
    // Only the later upload points at the earlier one.
    expect((await view(first)).duplicateOf).toBeNull();
  });

  it('does not call a different photo a duplicate', async () => {
    const processed = await upload(await scene(400), 'image/jpeg');

    expect(processed.duplicateOf).toBeNull();
  });

  it('stops naming the earlier upload once it is deleted', async () => {
    expect((await call('DELETE', `/images/${first}`, { token: alice.token })).status).toBe(202);
    await waitForStatus(clients, stack, first, 'DELETED', 60_000);

    const after = await waitFor('the duplicate note to go', async () => {
      const current = await view(again);
      if (current.duplicateOf !== null) throw new Error(`still ${JSON.stringify(current.duplicateOf)}`);
      return current;
    });
    expect(after.status).toBe('PROCESSED');
  });

  it('never names an upload a moderator rejected', async () => {
    const original = await upload(await scene(800), 'image/jpeg');
    const copy = await upload(
      await sharp(await scene(800))
        .webp({ quality: 60 })
        .toBuffer(),
      'image/webp',
    );
    expect(copy.duplicateOf).toEqual({ imageId: original.imageId, distance: expect.any(Number) });

    const review = await call('POST', `/images/${original.imageId}/review`, {
      token: moderator.token,
      json: { decision: 'REJECTED', reason: 'not allowed' },
    });
    expect(review.status, review.text).toBe(200);

    // Another earlier upload may still look like it; the rejected one is never named.
    expect((await view(copy.imageId)).duplicateOf?.imageId ?? null).not.toBe(original.imageId);
  });
});
