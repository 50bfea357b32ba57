import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeRenditions } from '@pipeline/imaging';
import { toRecord } from '@pipeline/store';
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

  it('adds an owned image to its owner index', async () => {
    dynamoMock.on(UpdateCommand).resolves({});

    await indexNearDuplicates(deps(), toRecord(storedItem('ACCEPTED')), hashes);

    const writes = dynamoMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((input) => input.UpdateExpression === 'ADD #members :member')).toBe(true);
    expect(writes.every((input) => String(input.Key?.imageId).startsWith('phash#alice#'))).toBe(true);
  });

  it('takes off the hashes of the upload it replaced', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    const replaced = toRecord(
      storedItem('ACCEPTED', { perceptualHashes: { full: 'ffffffffffffffff', centre: 'ffffffffffffffff' } }),
    );

    await indexNearDuplicates(deps(), replaced, hashes);

    const removals = dynamoMock
      .commandCalls(UpdateCommand)
      .map((call) => call.args[0].input)
      .filter((input) => input.UpdateExpression === 'DELETE #members :member');
    expect(removals.map((input) => input.ExpressionAttributeValues?.[':member'])).toContainEqual(
      new Set(['img-1:ffffffffffffffff:ffffffffffffffff']),
    );
  });

  it('leaves ownerless uploads out', async () => {
    await indexNearDuplicates(deps(), toRecord(storedItem('ACCEPTED', { owner: undefined })), hashes);

    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
