import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handleRequest } from '../../src/handle-request.js';
import {
  ALICE,
  apiDeps,
  apiEvent,
  BOB,
  bodyOf,
  errorOf,
  IMAGE_ID,
  moderatorEvent,
  storedImage,
} from '../helpers.js';
import { mockImagesTable } from '../table-mocks.js';

const dynamoMock = mockImagesTable(() => storedImage({ caption: 'Elephants' }));
const route = 'GET /images/{id}';
const cdn = `https://cdn.example.com/${IMAGE_ID}/etag-1`;

describe('GET /images/{id}', () => {
  it('answers the owner with the ImageView: rendition URLs and a srcset per format', async () => {
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID }), apiDeps());

    expect(result.statusCode).toBe(200);
    const view = bodyOf(result);
    expect(view).toMatchObject({
      imageId: IMAGE_ID,
      owner: ALICE,
      status: 'PROCESSED',
      caption: 'Elephants',
      width: 640,
      format: 'jpeg',
      review: null,
    });
    expect(view.renditions[0]).toEqual({
      name: 'thumb',
      format: 'jpeg',
      width: 150,
      height: 113,
      url: `${cdn}/thumb.jpg`,
      crop: 'none',
    });
    expect(view.srcset).toEqual({
      jpeg: `${cdn}/thumb.jpg 150w, ${cdn}/small.jpg 480w, ${cdn}/medium.jpg 640w`,
      webp: `${cdn}/thumb.webp 150w, ${cdn}/small.webp 480w, ${cdn}/medium.webp 640w`,
    });
    for (const hidden of ['bucket', 'key', 'version', 'orderKey']) expect(view).not.toHaveProperty(hidden);
    expect(dynamoMock.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({ imageId: IMAGE_ID });
  });

  it("answers 404 for another user's image, exactly as for a missing one", async () => {
    const other = await handleRequest(apiEvent(route, { id: IMAGE_ID, sub: BOB }), apiDeps());
    dynamoMock.on(GetCommand).resolves({});
    const missing = await handleRequest(apiEvent(route, { id: IMAGE_ID, sub: BOB }), apiDeps());

    expect(errorOf(other)).toEqual({ status: 404, code: 'Image::NotFound' });
    expect(other.body).toBe(missing.body);
    expect(other.body).not.toContain(ALICE);
  });

  it('shows any image to a moderator', async () => {
    const result = await handleRequest(moderatorEvent(route, { id: IMAGE_ID }), apiDeps());
    expect(bodyOf(result).owner).toBe(ALICE);
  });

  it('answers 400 naming id for an id that cannot be an image id', async () => {
    const result = await handleRequest(apiEvent(route, { id: 'a.b' }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 400, code: 'Request::Malformed' });
    expect(bodyOf(result).error.message).toMatch(/^id: /);
  });
});
