import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { PermanentError } from '@pipeline/domain';
import { ImagesStore } from '@pipeline/store';
import { emfDuring, lambdaContext, sqsEvent, stubFunctionEnv } from '@pipeline/testing';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type QueueDeps, sqsBatchHandler } from '../src/index.js';

const context = lambdaContext('kit');

beforeAll(() => stubFunctionEnv());

/** A service that fails as its request says: 'transient', 'permanent', or succeeds with the request. */
async function echo(request: string): Promise<string> {
  if (request === 'transient') throw new Error('socket hang up');
  if (request === 'permanent') throw new PermanentError('Message::Malformed', 'body: unusable');
  return request;
}

describe('sqsBatchHandler', () => {
  it('lists only the messages that failed transiently; permanent errors are acknowledged', async () => {
    const handler = sqsBatchHandler({ serviceName: 'kit', parse: (record) => record.body, service: echo });
    const response = await handler(sqsEvent({ a: 'ok', b: 'transient', c: 'permanent' }), context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'b' }]);
  });

  it('hands the service its parsed request and the store, config and clients made at load', async () => {
    const service = vi.fn(async (_request: number, _deps: QueueDeps) => 'done');
    const handler = sqsBatchHandler({ serviceName: 'kit', parse: (record) => record.body.length, service });
    await handler(sqsEvent({ a: 'four' }), context);
    const [request, deps] = service.mock.calls[0] ?? [];
    expect(request).toBe(4);
    expect(deps?.store).toBeInstanceOf(ImagesStore);
    expect(deps?.config.imagesTable).toBe('images');
  });

  it('prints the counted outcomes as one EMF line per invocation, and nothing when none were counted', async () => {
    const handler = sqsBatchHandler({
      serviceName: 'kit',
      parse: (record) => record.body,
      service: echo,
      countOutcome: (outcome, _request, metrics) => {
        if (outcome === 'count') metrics.addMetric('Counted', MetricUnit.Count, 1);
      },
    });
    const emf = await emfDuring(() => handler(sqsEvent({ a: 'count', b: 'count', c: 'skip' }), context));
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ service: 'kit', Counted: [1, 1] });
    expect(await emfDuring(() => handler(sqsEvent({ a: 'skip' }), context))).toEqual([]);
  });

  it('gives each message the deps its batch scope binds, and lets the scope amend the response', async () => {
    const seen: string[] = [];
    const handler = sqsBatchHandler({
      serviceName: 'kit',
      parse: (record) => record.body,
      service: async (request: string, deps: QueueDeps & { tag?: string }) =>
        seen.push(`${request}:${deps.tag}`),
      onBatch: () => ({
        depsFor: (record, deps) => ({ ...deps, tag: record.messageId }),
        after: async (response) => ({
          batchItemFailures: [...response.batchItemFailures, { itemIdentifier: 'late' }],
        }),
      }),
    });
    const response = await handler(sqsEvent({ m1: 'x', m2: 'y' }), context);
    expect(seen.sort()).toEqual(['x:m1', 'y:m2']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'late' }]);
  });
});
