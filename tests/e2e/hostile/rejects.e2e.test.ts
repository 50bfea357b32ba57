import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseUploadKey } from '@pipeline/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg } from '../../support/fixtures.ts';
import {
  corruptPixels,
  htmlPage,
  minimalPdf,
  paddedTo,
  plainText,
  pngBomb,
  svgWithExternalReferences,
  truncated,
} from '../../support/hostile-fixtures.ts';
import { listRenditionKeys } from '../../support/pipeline.ts';
import {
  clients,
  cp,
  eventsFor,
  type Harness,
  LogWindow,
  put,
  stack,
  startHarness,
  uploadExists,
  waitForSettledRecord,
} from './harness.ts';

/** ingest's MAX_UPLOAD_BYTES (functions/ingest/function.json): 50 MiB. */
const MAX_UPLOAD_BYTES = Number(stack.functions.ingest?.environment.MAX_UPLOAD_BYTES ?? 52_428_800);

function imageIdOf(key: string): string {
  const parsed = parseUploadKey(key);
  if (!parsed) throw new Error(`not an upload key: ${key}`);
  return parsed.imageId;
}

let harness: Harness;
let photo: Buffer;

beforeAll(async () => {
  harness = await startHarness();
  photo = await makeJpeg(800, 600);
});
afterAll(async () => {
  await harness?.close();
});

/** The handler line each deciding function logs when it rejects an upload. */
const REJECTED_LINE = { ingest: 'Upload rejected', resize: 'Image rejected while resizing' } as const;

/**
 * Uploads `body`, then checks the documented end state of a rejected upload:
 * REJECTED with `reason`, the size recorded, the upload removed, no
 * renditions, exactly one image.rejected, and a clean run (no retry, DLQs empty).
 * `decidedBy` is the function that rejects it: ingest from the header (the
 * image is never announced accepted), or resize when the body fails to decode
 * (image.accepted, then image.rejected).
 */
async function expectRejected(
  body: Buffer,
  reason: string,
  options: { ext?: string; viaCli?: boolean; decidedBy?: 'ingest' | 'resize' } = {},
) {
  const decidedBy = options.decidedBy ?? 'ingest';
  const key = `uploads/hostile-rejects/${randomUUID()}.${options.ext ?? 'jpg'}`;
  const imageId = imageIdOf(key);
  const window = new LogWindow(harness);
  if (options.viaCli) await cp(key, body);
  else await put(key, body);

  const record = await waitForSettledRecord(imageId, 'REJECTED');
  await window.expectSettledCleanly(imageId);

  expect(record).toMatchObject({ status: 'REJECTED', statusReason: reason, key, bytes: body.length });
  expect(record.statusMessage, 'a message people can read').toEqual(expect.any(String));
  expect(await uploadExists(key), 'the rejected upload is removed').toBe(false);
  expect(await listRenditionKeys(clients, stack, imageId)).toEqual([]);
  const announced = decidedBy === 'ingest' ? ['image.rejected'] : ['image.accepted', 'image.rejected'];
  expect((await eventsFor(harness, imageId)).map((event) => event.type)).toEqual(announced);
  const rejectedBy = window
    .mentioning(imageId)
    .filter((line) => line.json?.message === REJECTED_LINE[decidedBy]);
  expect(
    rejectedBy.map((line) => line.fn),
    `${decidedBy} decides\n${window.dump()}`,
  ).toEqual([decidedBy]);
  return { key, imageId, record, window };
}

describe('hostile input: uploads that must end REJECTED', () => {
  it('rejects a zero-byte upload as Image::Empty', async () => {
    await expectRejected(Buffer.alloc(0), 'Image::Empty');
  });

  it('rejects a JPEG truncated at 60% as Image::Corrupt: its header passes ingest, resize rejects it', async () => {
    await expectRejected(truncated(photo, 0.6), 'Image::Corrupt', { decidedBy: 'resize' });
  });

  it('rejects a PNG whose pixel data is garbage as Image::Corrupt: resize rejects it', async () => {
    await expectRejected(corruptPixels(), 'Image::Corrupt', { ext: 'png', decidedBy: 'resize' });
  });

  it('rejects a JPEG cut inside its header (its first 64 bytes) as Image::Corrupt at ingest', async () => {
    await expectRejected(Buffer.from(photo.subarray(0, 64)), 'Image::Corrupt');
  });

  it('rejects a text file named .jpg as Image::NotAnImage', async () => {
    await expectRejected(plainText(), 'Image::NotAnImage');
  });

  it('rejects an HTML page named .jpg as Image::NotAnImage', async () => {
    await expectRejected(htmlPage(), 'Image::NotAnImage');
  });

  it('rejects a PDF named .jpg as Image::NotAnImage', async () => {
    await expectRejected(minimalPdf(), 'Image::NotAnImage');
  });

  describe('SVG with external references', () => {
    let server: Server;
    let requests: string[];
    let baseUrl: string;

    beforeAll(async () => {
      requests = [];
      server = createServer((request, response) => {
        requests.push(`${request.method} ${request.url}`);
        response.writeHead(200, { 'content-type': 'image/png' }).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // The probe counts requests: prove it does before trusting a zero.
      await fetch(`${baseUrl}/self-check`);
      expect(requests).toEqual(['GET /self-check']);
      requests.length = 0;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
    });

    it.each([
      ['named .jpg', 'jpg'],
      ['named .svg', 'svg'],
    ])(
      'rejects an SVG %s as Image::UnsupportedFormat without fetching anything it references',
      async (_name, ext) => {
        await expectRejected(svgWithExternalReferences(baseUrl), 'Image::UnsupportedFormat', { ext });
        expect(requests, 'requests to the URLs the SVG references').toEqual([]);
      },
    );
  });

  it('rejects a PNG declaring 30000 x 30000 (a decompression bomb) at ingest, from its header, as Image::TooManyPixels', async () => {
    const bomb = pngBomb(30_000, 30_000);
    expect(bomb.length, 'the bomb is tiny').toBeLessThan(1024);
    const { record } = await expectRejected(bomb, 'Image::TooManyPixels', { ext: 'png' });
    expect(record.statusMessage).toContain('30000x30000');
  });

  it('rejects an upload one byte over MAX_UPLOAD_BYTES (aws s3 cp, multipart) as Image::TooLarge', async () => {
    // A valid JPEG padded with zeros: only the size can be what rejects it.
    const body = paddedTo(photo, MAX_UPLOAD_BYTES + 1);
    const { record } = await expectRejected(body, 'Image::TooLarge', { viaCli: true });
    expect(record.statusMessage).toContain(String(MAX_UPLOAD_BYTES));
  });
});
