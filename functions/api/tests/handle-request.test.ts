import { readFileSync } from 'node:fs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleRequest, ROUTES } from '../src/handle-request.js';
import { apiDeps, apiEvent, bodyOf, type EventOptions, errorOf, IMAGE_ID } from './helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const manifest = JSON.parse(readFileSync(new URL('../function.json', import.meta.url), 'utf8'));

beforeEach(() => dynamoMock.reset());

describe('handleRequest', () => {
  it('serves exactly the routes function.json declares', () => {
    expect(Object.keys(ROUTES).sort()).toEqual([...manifest.trigger.http.routes].sort());
  });

  it('answers 404 Route::NotFound for a route it does not serve', async () => {
    for (const routeKey of ['GET /nope', 'constructor', '$default']) {
      expect(errorOf(await handleRequest(apiEvent(routeKey), apiDeps()))).toEqual({
        status: 404,
        code: 'Route::NotFound',
      });
    }
  });

  it('answers 401 when the claims carry no usable sub', async () => {
    for (const claims of [undefined, {}, { sub: 'a/b' }, { sub: 42 }] as EventOptions['claims'][]) {
      const result = await handleRequest(apiEvent('GET /images', { claims }), apiDeps());
      expect(errorOf(result)).toEqual({ status: 401, code: 'Auth::Unauthorized' });
    }
    expect(dynamoMock.calls()).toHaveLength(0);
  });

  it('answers 500 Internal::Error for an unexpected error, logging it and leaking nothing', async () => {
    dynamoMock.on(GetCommand).rejects(new Error('table images-xyz is on fire'));
    const deps = apiDeps();
    const result = await handleRequest(apiEvent('GET /images/{id}', { id: IMAGE_ID }), deps);

    expect(result.statusCode).toBe(500);
    expect(bodyOf(result)).toEqual({ error: { code: 'Internal::Error', message: 'Internal error' } });
    expect(deps.logger.error).toHaveBeenCalledWith(
      'Request failed',
      expect.objectContaining({ routeKey: 'GET /images/{id}', requestId: 'req-1', error: expect.any(Error) }),
    );
  });

  it('answers JSON that no shared cache may keep', async () => {
    const result = await handleRequest(apiEvent('GET /nope'), apiDeps());
    expect(result.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
  });
});
