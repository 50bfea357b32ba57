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

const dynamoMock = mockImagesTable();
const route = 'GET /images/{id}/original';

describe('GET /images/{id}/original', () => {
  it('redirects the owner to a presigned GET of the original valid 300 s', async () => {
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID }), apiDeps());

    expect(result.statusCode).toBe(302);
    const location = new URL(String(result.headers?.location));
    expect(location.hostname).toBe('uploads.s3.us-east-1.amazonaws.com');
    expect(location.pathname).toBe(`/uploads/${ALICE}/${IMAGE_ID}.jpg`);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(result.headers?.['cache-control']).toBe('no-store');
  });

  it('answers the URL as JSON when asked for JSON', async () => {
    const result = await handleRequest(
      apiEvent(route, { id: IMAGE_ID, headers: { accept: 'application/json' } }),
      apiDeps(),
    );
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({
      url: expect.stringContaining('X-Amz-Signature='),
      expiresAt: '2024-05-06T07:13:09.000Z',
    });
  });

  it('redirects a moderator too', async () => {
    const result = await handleRequest(moderatorEvent(route, { id: IMAGE_ID }), apiDeps());
    expect(result.statusCode).toBe(302);
  });

  it("answers 404 for another user's image", async () => {
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID, sub: BOB }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 404, code: 'Image::NotFound' });
    expect(result.headers).not.toHaveProperty('location');
  });

  it.each(['DELETED', 'REJECTED'])('answers 404 when the original is gone (%s)', async (status) => {
    dynamoMock.on(GetCommand).resolves({ Item: storedImage({ status }) });
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 404, code: 'Image::NotFound' });
  });
});
