import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { RENDITION_SPECS } from '@pipeline/domain';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startRuntime } from '../../scripts/local/lambda/runtime.ts';
import { testClients } from '../support/aws.ts';
import { aws } from '../support/cli.ts';
import { makeJpeg, makePngWithAlpha } from '../support/fixtures.ts';
import { listRenditionKeys, waitForStatus } from '../support/pipeline.ts';
import { waitFor } from '../support/wait.ts';

/** Displayed size of a rendition of a 4000x6000 portrait: the profile's width, or a square of that side. */
function expectedSize(name: string): { width: number; height: number } {
  const spec = RENDITION_SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`${name} is not a rendition of the active profile`);
  if (spec.crop === 'square-attention') return { width: spec.width, height: spec.width };
  return { width: spec.width, height: Math.round((spec.width * 6000) / 4000) };
}

const stack = inject('stack');
const endpoint = inject('endpoint');
const clients = testClients(endpoint);

async function renditionMetadata(key: string) {
  const { Body, ContentType, CacheControl } = await clients.s3.send(
    new GetObjectCommand({ Bucket: stack.renditions_bucket, Key: key }),
  );
  const bytes = Buffer.from(
    await (Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
  );
  return { meta: await sharp(bytes).metadata(), contentType: ContentType, cacheControl: CacheControl };
}

describe('the pipeline end to end (aws CLI -> S3 -> SNS -> SQS -> local runtime -> DynamoDB/S3)', () => {
  let runtime: Awaited<ReturnType<typeof startRuntime>>;
  let workDir: string;

  beforeAll(async () => {
    runtime = await startRuntime({ outputs: stack, endpoint });
    workDir = await mkdtemp(path.join(tmpdir(), 'pipeline-e2e-'));
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('turns a rotated 24 MP JPEG into its upright renditions (the default profile: 8 + the square crop), then cascades its deletion', async () => {
    const imageId = randomUUID();
    const file = path.join(workDir, 'portrait.jpg');
    // Stored landscape 6000x4000 with EXIF orientation 6: displayed as 4000x6000 portrait.
    await writeFile(file, await makeJpeg(6000, 4000, 6));
    const key = `uploads/e2e-user/${imageId}.jpg`;

    await aws(endpoint, ['s3', 'cp', file, `s3://${stack.uploads_bucket}/${key}`]);
    const record = await waitForStatus(clients, stack, imageId, 'PROCESSED', 60_000);

    expect(record).toMatchObject({ owner: 'e2e-user', format: 'jpeg', width: 4000, height: 6000 });
    const keys = await listRenditionKeys(clients, stack, imageId);
    expect(keys).toHaveLength(RENDITION_SPECS.length);
    expect(record.renditions).toHaveLength(RENDITION_SPECS.length);
    for (const key of keys) {
      const { meta, contentType, cacheControl } = await renditionMetadata(key);
      const expected = expectedSize(path.basename(key).split('.')[0] ?? '');
      expect(meta.width, key).toBe(expected.width);
      expect(meta.height, key).toBe(expected.height);
      expect(meta.orientation, `${key} keeps no orientation tag`).toBeUndefined();
      expect(meta.exif, `${key} keeps no EXIF`).toBeUndefined();
      expect(contentType).toBe(key.endsWith('.webp') ? 'image/webp' : 'image/jpeg');
      expect(cacheControl).toContain('immutable');
    }

    await aws(endpoint, ['s3', 'rm', `s3://${stack.uploads_bucket}/${key}`]);
    await waitForStatus(clients, stack, imageId, 'DELETED');
    await waitFor('the renditions to be removed', async () => {
      const left = await listRenditionKeys(clients, stack, imageId);
      if (left.length === 0) return true;
      throw new Error(`${left.length} renditions left`);
    });
  });

  it('keeps the alpha channel of a PNG in WebP and flattens it in JPEG', async () => {
    const imageId = randomUUID();
    const file = path.join(workDir, 'logo.png');
    await writeFile(file, await makePngWithAlpha(1200, 800));

    await aws(endpoint, ['s3', 'cp', file, `s3://${stack.uploads_bucket}/uploads/e2e-user/${imageId}.png`]);
    const record = await waitForStatus(clients, stack, imageId, 'PROCESSED', 60_000);

    expect(record).toMatchObject({ format: 'png', width: 1200, height: 800 });
    const keys = await listRenditionKeys(clients, stack, imageId);
    expect(keys).toHaveLength(RENDITION_SPECS.length);
    const large = keys.filter((key) => key.includes('/large.'));
    for (const key of large) {
      const { meta } = await renditionMetadata(key);
      // Never upscaled: the original is 1200 wide, so "large" (2048) stays 1200.
      expect(meta.width).toBe(1200);
      expect(meta.hasAlpha).toBe(key.endsWith('.webp'));
    }
  });
});
