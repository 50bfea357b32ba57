import {
  CloudFrontClient,
  CreateInvalidationCommand,
  TooManyInvalidationsInProgress,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  imagePath,
  invalidateImages,
  MAX_WILDCARD_PATHS_PER_INVALIDATION,
} from '../src/invalidate-images.js';
import { InvalidationBatch } from '../src/invalidation-batch.js';
import { DISTRIBUTION_ID, deliveryDeps } from './helpers.js';

const cloudfrontMock = mockClient(CloudFrontClient);
const throttled = () => new TooManyInvalidationsInProgress({ message: 'too many', $metadata: {} });

function sentPaths(): string[][] {
  return cloudfrontMock
    .commandCalls(CreateInvalidationCommand)
    .map((call) => call.args[0].input.InvalidationBatch?.Paths?.Items ?? []);
}

beforeEach(() => {
  cloudfrontMock.reset();
  cloudfrontMock.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I1' } as never });
});

describe('invalidateImages', () => {
  it('sends one wildcard path per image, each once, in one request', async () => {
    const { cdn } = deliveryDeps();
    await invalidateImages(cdn.cloudfront, DISTRIBUTION_ID, ['a', 'b', 'a'], 'ref');
    expect(sentPaths()).toEqual([['/a/*', '/b/*']]);
    const input = cloudfrontMock.commandCalls(CreateInvalidationCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      DistributionId: DISTRIBUTION_ID,
      InvalidationBatch: { CallerReference: 'ref-0', Paths: { Quantity: 2 } },
    });
  });

  it('splits more images than the wildcard limit into requests of at most 15 paths', async () => {
    const { cdn } = deliveryDeps();
    const ids = Array.from({ length: 40 }, (_, i) => `img-${i}`);
    await invalidateImages(cdn.cloudfront, DISTRIBUTION_ID, ids, 'ref');
    expect(sentPaths().map((paths) => paths.length)).toEqual([15, 15, 10]);
    expect(sentPaths().flat()).toEqual(ids.map(imagePath));
    expect(MAX_WILDCARD_PATHS_PER_INVALIDATION).toBe(15);
    const references = cloudfrontMock
      .commandCalls(CreateInvalidationCommand)
      .map((call) => call.args[0].input.InvalidationBatch?.CallerReference);
    expect(new Set(references).size).toBe(3);
  });
});

describe('InvalidationBatch', () => {
  const logger = deliveryDeps().logger;

  it('purges every image of a batch with one CreateInvalidation', async () => {
    const batch = new InvalidationBatch();
    batch.add('m1', 'a');
    batch.add('m2', 'b');
    batch.add('m3', 'a');
    const response = await batch.flush(deliveryDeps().cdn, { batchItemFailures: [] }, 'req-1', logger);
    expect(response.batchItemFailures).toEqual([]);
    expect(sentPaths()).toEqual([['/a/*', '/b/*']]);
  });

  it('leaves out the images of messages that failed: SQS brings them back anyway', async () => {
    const batch = new InvalidationBatch();
    batch.add('m1', 'a');
    batch.add('m2', 'b');
    const response = await batch.flush(
      deliveryDeps().cdn,
      { batchItemFailures: [{ itemIdentifier: 'm2' }] },
      'req-1',
      logger,
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }]);
    expect(sentPaths()).toEqual([['/a/*']]);
  });

  it('reports the messages behind a refused invalidation (TooManyInvalidationsInProgress) for a retry', async () => {
    cloudfrontMock.on(CreateInvalidationCommand).rejects(throttled());
    const batch = new InvalidationBatch();
    batch.add('m1', 'a');
    batch.add('m2', 'b');
    const response = await batch.flush(
      deliveryDeps().cdn,
      { batchItemFailures: [{ itemIdentifier: 'm3' }] },
      'req-1',
      logger,
    );
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: 'm3' },
      { itemIdentifier: 'm1' },
      { itemIdentifier: 'm2' },
    ]);
  });

  it('calls nothing when no image was purged or there is no distribution', async () => {
    const empty = await new InvalidationBatch().flush(
      deliveryDeps().cdn,
      { batchItemFailures: [] },
      'r',
      logger,
    );
    const batch = new InvalidationBatch();
    batch.add('m1', 'a');
    const noCdn = await batch.flush(deliveryDeps(null).cdn, { batchItemFailures: [] }, 'r', logger);
    expect([empty, noCdn]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(cloudfrontMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });
});
