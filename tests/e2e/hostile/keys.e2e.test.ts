import { randomUUID } from 'node:crypto';
import { derivedImageId, orderKeyFor } from '@pipeline/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg } from '../../support/fixtures.ts';
import { getImage, listRenditionKeys } from '../../support/pipeline.ts';
import {
  clients,
  cp,
  deliver,
  eventsFor,
  type Harness,
  LogWindow,
  put,
  readObject,
  stack,
  startHarness,
  uploadExists,
  waitForSettledRecord,
} from './harness.ts';

interface S3Body {
  Records: { eventTime: string; s3: { object: { key: string; eTag?: string } } }[];
}

/** A file name of exactly `bytes` UTF-8 bytes: a tag, two-byte letters, padding, `.jpg`. */
function nameOfBytes(bytes: number, tag: string): string {
  const ext = '.jpg';
  let name = `long ${tag} `;
  while (Buffer.byteLength(`${name}é${ext}`) <= bytes) name += 'é';
  while (Buffer.byteLength(`${name}${ext}`) < bytes) name += 'x';
  return `${name}${ext}`;
}

/** What S3 (and moto) put in `Records[].s3.object.key`, read back the way the S3 docs define it. */
function decodeEventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

let harness: Harness;
let photo: Buffer;
let otherPhoto: Buffer;
const tag = randomUUID().slice(0, 8);

beforeAll(async () => {
  harness = await startHarness();
  [photo, otherPhoto] = await Promise.all([makeJpeg(640, 480), makeJpeg(800, 600)]);
});
afterAll(async () => {
  await harness?.close();
});

/** The S3 event bodies the topic carried for `key` (any version). */
async function s3EventsFor(key: string): Promise<{ raw: string; body: S3Body }[]> {
  return (await harness.tap.rawBodies()).flatMap((raw) => {
    const body = JSON.parse(raw) as Partial<S3Body>;
    const record = body.Records?.[0];
    return record && decodeEventKey(record.s3.object.key) === key ? [{ raw, body: body as S3Body }] : [];
  });
}

describe('hostile input: keys, objects outside uploads/ and overwrites', () => {
  describe('awkward keys: the record holds the real key and the original reads back through it', () => {
    it.each([
      ['spaces', `uploads/hostile-keys/summer holiday ${tag} photo.jpg`],
      ['plus signs', `uploads/hostile-keys/a+b=c ${tag}+.jpg`],
      ['percent signs and escape look-alikes', `uploads/hostile-keys/100% real %20 %2F %zz ${tag}.jpg`],
      ['unicode in the owner and the name', `uploads/zoë-${tag}/Ünïcødé 日本 🌅 ${tag}.jpg`],
      ['a 1,000-byte name', `uploads/hostile-keys/${nameOfBytes(1000, tag)}`],
    ])('processes a key with %s (uploaded with aws s3 cp)', async (_case, key) => {
      const imageId = derivedImageId(key);
      const window = new LogWindow(harness);
      await cp(key, photo);

      const record = await waitForSettledRecord(imageId, 'PROCESSED');
      await window.expectSettledCleanly(imageId);

      expect(record.key).toBe(key);
      expect(record.owner).toBe(key.split('/')[1]);
      expect(await readObject(stack.uploads_bucket, record.key as string)).toEqual(photo);
      expect(await listRenditionKeys(clients, stack, imageId)).toHaveLength(10);
      const [event] = await s3EventsFor(key);
      const eventKey = event?.body.Records[0]?.s3.object.key;
      expect(eventKey, 'the key arrived URL-encoded').not.toBe(key);
      if (key.includes(' ')) expect(eventKey, 'spaces arrive as +').toContain('+');
    });

    it("finds the same record from an S3 event in AWS's own encoding ('+' for spaces, '/' left bare)", async () => {
      const key = `uploads/hostile-keys/aws encoded ${tag} a+b.jpg`;
      const imageId = derivedImageId(key);
      const version = await put(key, photo);
      await waitForSettledRecord(imageId, 'PROCESSED', version);
      const [moto] = await s3EventsFor(key);
      if (!moto) throw new Error(`the tap saw no S3 event for ${key}`);

      // moto encodes '/' as %2F; AWS leaves it. A later eventTime makes the redelivery newer, so a
      // match on key and version is visible: the record remembers the newer order key.
      const awsBody = structuredClone(moto.body);
      const record = awsBody.Records[0] as S3Body['Records'][number];
      record.s3.object.key = encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
      record.eventTime = new Date().toISOString();
      expect(record.s3.object.key).toContain('uploads/hostile-keys/aws+encoded+');
      const window = new LogWindow(harness);
      await deliver('ingest', JSON.stringify(awsBody));
      await window.expectSettledCleanly(imageId);

      const after = await getImage(clients, stack, imageId);
      expect(after).toMatchObject({ status: 'PROCESSED', key, version });
      expect(after?.orderKey).toBe(orderKeyFor({ eventTime: record.eventTime }));
      expect((await eventsFor(harness, imageId)).map((e) => e.type)).toEqual([
        'image.accepted',
        'image.processed',
      ]);
    });
  });
});

describe('hostile input: keys, objects outside uploads/ and overwrites', () => {
  describe('objects that are not uploads', () => {
    it.each([
      ['another prefix', (id: string) => `incoming/${id}.jpg`],
      ['a differently cased prefix', (id: string) => `Uploads/${id}.jpg`],
      ['a prefix that only starts like uploads', (id: string) => `uploads-archive/${id}.jpg`],
    ])('ignores an object under %s: no event, no record, object untouched', async (_case, keyFor) => {
      const id = randomUUID();
      const key = keyFor(id);
      const window = new LogWindow(harness);
      await put(key, photo);
      // moto publishes S3 notifications while answering the PUT, so once a later upload's
      // event is through the pipeline, any event for `key` would have been too.
      const sentinel = randomUUID();
      await put(`uploads/hostile-keys/${sentinel}.jpg`, photo);
      await waitForSettledRecord(sentinel, 'PROCESSED');
      await window.expectSettledCleanly(sentinel);

      expect(await s3EventsFor(key), 'S3 events for the object').toEqual([]);
      expect(window.mentioning(id), 'handler lines about the object').toEqual([]);
      expect(await getImage(clients, stack, id)).toBeUndefined();
      expect(await getImage(clients, stack, derivedImageId(key))).toBeUndefined();
      expect(await uploadExists(key), 'the object is left alone').toBe(true);
    });

    it('acknowledges and ignores an S3 event for a key outside uploads/ that reaches ingest anyway', async () => {
      const id = randomUUID();
      const key = `incoming/${id}.jpg`;
      const version = await put(key, photo);
      // What S3 would send if the bucket notification were ever widened beyond uploads/.
      const forged = {
        Records: [
          {
            eventTime: new Date().toISOString(),
            eventName: 'ObjectCreated:Put',
            s3: {
              bucket: { name: stack.uploads_bucket },
              object: { key: encodeURIComponent(key), size: photo.length, eTag: version },
            },
          },
        ],
      };
      const window = new LogWindow(harness);
      await deliver('ingest', JSON.stringify(forged));
      await window.expectSettledCleanly(id);

      expect(window.invocations('ingest')).toBe(1);
      expect(await getImage(clients, stack, id)).toBeUndefined();
      expect(await getImage(clients, stack, derivedImageId(key))).toBeUndefined();
      expect(await uploadExists(key), 'the object is left alone').toBe(true);
      expect(await eventsFor(harness, id)).toEqual([]);
    });

    it('ignores a folder marker under uploads/ (a zero-byte key ending in /) instead of rejecting it', async () => {
      const key = `uploads/hostile-keys/folder-${tag}/`;
      const window = new LogWindow(harness);
      await put(key, Buffer.alloc(0), 'application/x-directory');
      await window.expectSettledCleanly(`folder-${tag}`);

      expect(window.invocations('ingest'), 'the event reached ingest').toBe(1);
      expect(await getImage(clients, stack, derivedImageId(key))).toBeUndefined();
      expect(await uploadExists(key), 'the marker is left alone').toBe(true);
    });
  });
});

describe('hostile input: keys, objects outside uploads/ and overwrites', () => {
  describe('overwrites of the same key', () => {
    it('uploads A then B at once: B wins, with renditions only under B', async () => {
      const imageId = randomUUID();
      const key = `uploads/hostile-keys/${imageId}.jpg`;
      const window = new LogWindow(harness);
      const versionA = await put(key, photo);
      const versionB = await put(key, otherPhoto);
      expect(versionB).not.toBe(versionA);

      const record = await waitForSettledRecord(imageId, 'PROCESSED', versionB);
      await window.expectSettledCleanly(imageId);

      expect(record).toMatchObject({ version: versionB, width: 800, height: 600 });
      const keys = await listRenditionKeys(clients, stack, imageId);
      expect(keys).toHaveLength(10);
      expect(
        keys.filter((k) => !k.startsWith(`${imageId}/${versionB}/`)),
        'renditions of A',
      ).toEqual([]);
      const processed = (await eventsFor(harness, imageId)).filter((e) => e.type === 'image.processed');
      expect(processed.map((e) => e.version).at(-1)).toBe(versionB);
    });

    it("uploads B after A was processed: A's renditions go, and A's events delivered again change nothing", async () => {
      const imageId = randomUUID();
      const key = `uploads/hostile-keys/${imageId}.jpg`;
      const versionA = await put(key, photo);
      await waitForSettledRecord(imageId, 'PROCESSED', versionA);
      expect(await listRenditionKeys(clients, stack, imageId)).toHaveLength(10);

      const window = new LogWindow(harness);
      const versionB = await put(key, otherPhoto);
      const processedB = await waitForSettledRecord(imageId, 'PROCESSED', versionB);
      await window.expectSettledCleanly(imageId);
      const bKeys = await listRenditionKeys(clients, stack, imageId);
      expect(
        bKeys.filter((k) => !k.startsWith(`${imageId}/${versionB}/`)),
        'renditions of A',
      ).toEqual([]);
      expect(bKeys).toHaveLength(10);

      // The older upload's S3 event and its image.accepted, delivered again after B.
      const eventA = (await s3EventsFor(key)).find((e) => e.body.Records[0]?.s3.object.eTag === versionA);
      const acceptedA = (await eventsFor(harness, imageId)).find(
        (e) => e.type === 'image.accepted' && e.version === versionA,
      );
      if (!eventA || !acceptedA) throw new Error("the tap did not see A's S3 event and image.accepted");
      const typesBefore = (await eventsFor(harness, imageId)).map((e) => e.type);
      const redelivery = new LogWindow(harness);
      await deliver('ingest', eventA.raw);
      await deliver('resize', JSON.stringify(acceptedA));
      await redelivery.expectSettledCleanly(imageId);

      expect(redelivery.invocations('ingest') + redelivery.invocations('resize')).toBeGreaterThanOrEqual(2);
      expect(await getImage(clients, stack, imageId)).toEqual(processedB);
      expect(await listRenditionKeys(clients, stack, imageId)).toEqual(bKeys);
      expect(
        (await eventsFor(harness, imageId)).map((e) => e.type),
        'nothing new announced',
      ).toEqual(typesBefore);
      expect(await readObject(stack.uploads_bucket, key)).toEqual(otherPhoto);
    });
  });
});
