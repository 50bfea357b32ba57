import { lambdaContext, stubLambdaEnv } from '@pipeline/testing';
import type { ScheduledEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { scheduledHandler } from '../src/index.js';

beforeAll(() => stubLambdaEnv({}));

describe('scheduledHandler', () => {
  it('makes the deps once at load and runs the service with them on every invocation', async () => {
    const makeDeps = vi.fn(() => ({ answer: 42 }));
    const handler = scheduledHandler({
      serviceName: 'scheduled',
      deps: makeDeps,
      service: async (deps) => deps.answer,
    });
    const event = { time: '2024-05-06T07:05:00Z', resources: [] } as unknown as ScheduledEvent;
    await expect(handler(event, lambdaContext('scheduled'))).resolves.toBe(42);
    await expect(handler(event, lambdaContext('scheduled'))).resolves.toBe(42);
    expect(makeDeps).toHaveBeenCalledTimes(1);
  });
});
