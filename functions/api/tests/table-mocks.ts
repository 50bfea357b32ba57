/** DynamoDB mocks the route tests share: set up once per file, reset before each test. */
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach } from 'vitest';
import { storedImage } from './helpers.js';

/** The images table: before each test, GetItem answers `item` (by default the stored image). */
export function mockImagesTable(item: () => Record<string, unknown> = () => storedImage()) {
  const dynamo = mockClient(DynamoDBDocumentClient);
  beforeEach(() => {
    dynamo.reset();
    dynamo.on(GetCommand).resolves({ Item: item() });
  });
  return dynamo;
}

/** The upload quotas read DynamoDB: before each test, a first upload in the minute by a user with no images. */
export function mockUsageTable() {
  const usage = mockClient(DynamoDBDocumentClient);
  beforeEach(() => {
    usage.reset();
    usage.on(UpdateCommand).resolves({ Attributes: { uploads: 1 } });
    usage.on(QueryCommand).resolves({ Items: [] });
  });
  return usage;
}
