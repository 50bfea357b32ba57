import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiGateway, startApiGateway } from '../../gateway/api-gateway.ts';
import { ECHO_HANDLER, echoStackOutputs } from './echo-stack.ts';

describe('startApiGateway with the stage throttle of the outputs', () => {
  let gateway: ApiGateway;

  beforeAll(async () => {
    gateway = await startApiGateway({
      // A bucket of 2 that refills once in 1,000 s: nothing refills during the test, however slow.
      outputs: echoStackOutputs({ api_throttling: { rate_limit: 0.001, burst_limit: 2 } }),
      endpoint: 'http://127.0.0.1:9',
      port: 0,
      handlers: { api: ECHO_HANDLER },
      triggers: { api: { routes: ['GET /ping'] } },
      allowedOrigins: [],
      log: () => {},
      style: { color: false, format: 'pretty' },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers 429 Too Many Requests once the burst is spent, like API Gateway', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${gateway.url}/ping`)).status);
    const last = await fetch(`${gateway.url}/ping`);

    expect(statuses).toEqual([200, 200, 429]);
    expect(last.status).toBe(429);
    expect(await last.json()).toEqual({ message: 'Too Many Requests' });
  });
});
