import { describe, expect, it, vi } from 'vitest';
import { createClients } from '../src/clients.js';
import { FAULT_MIDDLEWARE_OPTIONS } from '../src/faults.js';

const local = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_REGION: 'eu-west-1' };

function hasFaults(stack: { identify(): string[] }): boolean {
  return stack.identify().some((entry) => entry.startsWith(FAULT_MIDDLEWARE_OPTIONS.name));
}

describe('createClients', () => {
  it('points every client at AWS_ENDPOINT_URL and uses path-style S3 locally', async () => {
    const clients = createClients(local, { logger: { warn: vi.fn() } });
    expect(clients.s3.config.forcePathStyle).toBe(true);
    const endpoint = await clients.sns.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    expect(await clients.dynamo.config.region()).toBe('eu-west-1');
  });

  it('uses virtual-hosted S3 without an endpoint', () => {
    const clients = createClients({ AWS_REGION: 'eu-west-1' });
    expect(clients.s3.config.forcePathStyle).toBe(false);
  });

  it('injects faults only when AWS_ENDPOINT_URL is set, and warns', () => {
    const warn = vi.fn();
    const clients = createClients({ ...local, PIPELINE_FAULTS: 's3:GetObject=1' }, { logger: { warn } });
    for (const client of [clients.s3, clients.sns, clients.dynamo]) {
      expect(hasFaults(client.middlewareStack)).toBe(true);
    }
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Fault injection active'));
  });

  it('ignores PIPELINE_FAULTS against real AWS, with a warning', () => {
    const warn = vi.fn();
    const clients = createClients(
      { AWS_REGION: 'eu-west-1', PIPELINE_FAULTS: 'rate=1' },
      { logger: { warn } },
    );
    expect(hasFaults(clients.s3.middlewareStack)).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('ignored'));
  });

  it('rejects a malformed PIPELINE_FAULTS', () => {
    expect(() =>
      createClients({ ...local, PIPELINE_FAULTS: 'nonsense' }, { logger: { warn: vi.fn() } }),
    ).toThrow(/PIPELINE_FAULTS/);
  });
});
