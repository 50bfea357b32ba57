import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handleRequest } from '../../src/handle-request.js';
import {
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

const dynamoMock = mockImagesTable();
const route = 'GET /images/{id}/thumbnail';

describe('GET /images/{id}/thumbnail', () => {
  it('redirects to the thumb JPEG rendition URL', async () => {
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID }), apiDeps());
    expect(result.statusCode).toBe(302);
    expect(result.headers?.location).toBe(`https://cdn.example.com/${IMAGE_ID}/etag-1/thumb.jpg`);
  });

  it('answers the URL as JSON when asked for JSON', async () => {
    const result = await handleRequest(
      apiEvent(route, { id: IMAGE_ID, headers: { Accept: 'application/json, text/plain' } }),
      apiDeps(),
    );
    expect(bodyOf(result)).toEqual({ url: `https://cdn.example.com/${IMAGE_ID}/etag-1/thumb.jpg` });
  });

  it('redirects a moderator too', async () => {
    expect((await handleRequest(moderatorEvent(route, { id: IMAGE_ID }), apiDeps())).statusCode).toBe(302);
  });

  it.each(['ACCEPTED', 'REJECTED', 'DELETED'])('answers 404 Image::NotReady while %s', async (status) => {
    dynamoMock.on(GetCommand).resolves({ Item: storedImage({ status, renditions: [] }) });
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 404, code: 'Image::NotReady' });
  });

  it("answers 404 Image::NotFound for another user's image", async () => {
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID, sub: BOB }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 404, code: 'Image::NotFound' });
  });
});
