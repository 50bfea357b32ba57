import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenditionSource } from '../../web/renditions-source.ts';
import { serveWeb, type WebServer, webConfigFromOutputs } from '../../web/web-server.ts';

const config = {
  apiUrl: 'http://localhost:4580',
  region: 'us-east-1',
  userPoolId: 'us-east-1_pool',
  userPoolClientId: 'client',
  cognitoEndpoint: 'http://127.0.0.1:4566',
};

describe('webConfigFromOutputs', () => {
  const outputs = {
    region: 'eu-west-1',
    api_url: 'https://api.example.com/',
    user_pool_id: 'eu-west-1_x',
    user_pool_client_id: 'abc',
  };

  it('maps the terraform outputs, defaulting Cognito to the regional endpoint', () => {
    expect(webConfigFromOutputs(outputs)).toEqual({
      apiUrl: 'https://api.example.com',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_x',
      userPoolClientId: 'abc',
      cognitoEndpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
    });
  });

  it('lets overrides win (the local gateway instead of api_url)', () => {
    const local = webConfigFromOutputs(
      { ...outputs, cognito_endpoint: 'http://127.0.0.1:4566' },
      { apiUrl: 'http://localhost:4580' },
    );
    expect(local).toMatchObject({
      apiUrl: 'http://localhost:4580',
      cognitoEndpoint: 'http://127.0.0.1:4566',
    });
  });

  it('names the output that is missing', () => {
    expect(() => webConfigFromOutputs({ ...outputs, user_pool_client_id: null })).toThrow(
      'terraform output "user_pool_client_id" is missing',
    );
  });
});

describe('serveWeb', () => {
  let server: WebServer;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'web-dist-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(path.join(dir, 'assets', 'app-123.js'), 'console.log(1)');
    const renditions: RenditionSource = async (key) =>
      key === 'img-1/v1/thumb.jpg'
        ? {
            body: Readable.from([Buffer.from('jpeg-bytes')]),
            contentType: 'image/jpeg',
            contentLength: 10,
            cacheControl: 'public, max-age=31536000, immutable',
            etag: '"abc"',
          }
        : undefined;
    server = await serveWeb({ dir, port: 0, config, renditions });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('serves /config.json from memory, never cached', async () => {
    const response = await fetch(`${server.url}/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(config);
  });

  it('serves fingerprinted assets as immutable', async () => {
    const response = await fetch(`${server.url}/assets/app-123.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers app routes with index.html and a missing asset with 404', async () => {
    const route = await fetch(`${server.url}/images/abc`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>app</title>');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('serves renditions from the rendition source, with their headers', async () => {
    const response = await fetch(`${server.url}/renditions/img-1/v1/thumb.jpg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('jpeg-bytes');
    expect((await fetch(`${server.url}/renditions/img-1/v1/large.jpg`)).status).toBe(404);
  });

  it('never serves files outside its directory', async () => {
    const response = await fetch(`${server.url}/%2e%2e/%2e%2e/etc/passwd.txt`);
    expect(response.status).toBe(404);
  });

  it('refuses to start without a built app', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'web-empty-'));
    await expect(serveWeb({ dir: empty, port: 0, config })).rejects.toThrow('build the app first');
  });
});
