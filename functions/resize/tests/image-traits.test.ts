import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { makeRenditions } from '@pipeline/imaging';
import { bandKeys, toRecord } from '@pipeline/store';
import { mockPipelineClients } from '@pipeline/testing';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { describeImage, indexNearDuplicates } from '../src/image-traits.js';
import { deps, storedItem } from './helpers.js';

const { dynamo: dynamoMock } = mockPipelineClients();

/** A photo-like test image: a blue sky over green ground, with grain. */
function photo(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400">
    <rect width="600" height="260" fill="#3a7bd5"/><rect y="260" width="600" height="140" fill="#2d6a4f"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

describe('describeImage', () => {
  it('computes the placeholder and both hashes from the renditions', async () => {
    const traits = await describeImage(await makeRenditions(await photo()));

    expect(traits.placeholder?.thumbHash).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // Sky blue covers most of the picture.
    expect(traits.placeholder?.dominantColor).toMatch(/^#[0-9a-f]{4}[c-f][0-9a-f]$/);
    expect(traits.perceptualHashes?.full).toMatch(/^[0-9a-f]{16}$/);
    expect(traits.perceptualHashes?.centre).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the same traits whichever order the renditions come in', async () => {
    const renditions = await makeRenditions(await photo());

    expect(await describeImage([...renditions].reverse())).toEqual(await describeImage(renditions));
  });

  it('gives no traits without renditions', async () => {
    await expect(describeImage([])).resolves.toEqual({});
  });
});

describe('indexNearDuplicates', () => {
  const hashes = { full: '0123456789abcdef', centre: '0123456789abcdef' };
  const puts = () => dynamoMock.commandCalls(PutCommand).map((call) => call.args[0].input);
  const deletes = () => dynamoMock.commandCalls(DeleteCommand).map((call) => call.args[0].input);

  it('adds an owned image to its owner index, one item per band in the near-duplicates table', async () => {
    dynamoMock.on(PutCommand).resolves({});

    await indexNearDuplicates(deps(), toRecord(storedItem('ACCEPTED')), hashes);

    expect(
      puts()
        .map((input) => input.Item?.band)
        .sort(),
    ).toEqual(bandKeys('alice', hashes).sort());
    expect(puts().every((input) => input.TableName === 'near-duplicates')).toBe(true);
    expect(puts().every((input) => input.Item?.imageId === 'img-1')).toBe(true);
    expect(deletes()).toEqual([]);
  });

  it('takes off the bands of the upload it replaced, after writing the new ones', async () => {
    dynamoMock.on(PutCommand).resolves({});
    dynamoMock.on(DeleteCommand).resolves({});
    const old = { full: 'ffffffffffffffff', centre: 'ffffffffffffffff' };
    const replaced = toRecord(storedItem('ACCEPTED', { perceptualHashes: old }));

    await indexNearDuplicates(deps(), replaced, hashes);

    expect(puts()).toHaveLength(bandKeys('alice', hashes).length);
    expect(
      deletes()
        .map((input) => input.Key?.band)
        .sort(),
    ).toEqual(bandKeys('alice', old).sort());
    expect(deletes().every((input) => input.Key?.imageId === 'img-1')).toBe(true);
  });

  it('keeps the bands the old and new hashes share', async () => {
    dynamoMock.on(PutCommand).resolves({});
    dynamoMock.on(DeleteCommand).resolves({});
    const close = { full: '0123456789abcdee', centre: '0123456789abcdef' }; // 1 bit off: shares 8 bands
    const replaced = toRecord(storedItem('ACCEPTED', { perceptualHashes: close }));

    await indexNearDuplicates(deps(), replaced, hashes);

    const current = new Set(bandKeys('alice', hashes));
    expect(deletes()).toHaveLength(1);
    expect(deletes().some((input) => current.has(String(input.Key?.band)))).toBe(false);
  });

  it('only adds when the hashes did not change', async () => {
    dynamoMock.on(PutCommand).resolves({});

    await indexNearDuplicates(deps(), toRecord(storedItem('ACCEPTED', { perceptualHashes: hashes })), hashes);

    expect(puts().length).toBeGreaterThan(0);
    expect(deletes()).toEqual([]);
  });

  it('leaves ownerless uploads out', async () => {
    await indexNearDuplicates(deps(), toRecord(storedItem('ACCEPTED', { owner: undefined })), hashes);

    expect(puts()).toHaveLength(0);
  });
});
