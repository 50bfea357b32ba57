/** aws-sdk-client-mock mocks of the clients every function shares, and what tests read back from them. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach } from 'vitest';

/** The mocks {@link mockPipelineClients} returns. */
export type PipelineMocks = ReturnType<typeof createMocks>;

function createMocks() {
  return {
    s3: mockClient(S3Client),
    sns: mockClient(SNSClient),
    dynamo: mockClient(DynamoDBDocumentClient),
  };
}

/**
 * Mocks S3, SNS and the DynamoDB document client for the whole test file, and
 * resets them before each test, with SNS Publish answering success (every
 * service publishes). Call it once, at the top of the file.
 */
export function mockPipelineClients(): PipelineMocks {
  const mocks = createMocks();
  beforeEach(() => {
    mocks.s3.reset();
    mocks.sns.reset();
    mocks.dynamo.reset();
    mocks.sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  });
  return mocks;
}

/** The events published through the SNS mock, parsed, in order. */
export function publishedEvents(sns: PipelineMocks['sns']): Record<string, unknown>[] {
  return sns.commandCalls(PublishCommand).map((call) => JSON.parse(call.args[0].input.Message ?? '{}'));
}

/** What DynamoDB throws when a conditional write is refused. */
export function conditionFailed(): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });
}

/** An S3 error response: `PreconditionFailed` 412 (If-Match refused), `SlowDown` 503, … */
export function s3Error(name: string, httpStatusCode: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
  });
}

/** Answers every UpdateItem with `attributes`, except those of `throttledImageId`, which fail transiently. */
export function updatesThrottledFor(
  dynamo: PipelineMocks['dynamo'],
  throttledImageId: string,
  attributes: Record<string, unknown>,
): void {
  dynamo.on(UpdateCommand).resolves({ Attributes: attributes });
  dynamo.on(UpdateCommand, { Key: { imageId: throttledImageId } }).rejects(new Error('ThrottlingException'));
}
