import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isPermanentError, UnknownImageError } from '@pipeline/domain';
import { EDIT_DETAILS_ANY_OWNER_CONDITION } from '@pipeline/store';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyMetadata } from '../src/apply-metadata.js';
import { ImageNotEditableError } from '../src/errors.js';
import { parseMetadataMessage } from '../src/metadata-message.js';
import { deps, metadataBody, storedItem } from './helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const ID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

/** The handler's two steps: parse the body and attribute, then apply. */
const apply = async (message: { body: string; metadataType: string }, d: ReturnType<typeof deps>) =>
  applyMetadata(parseMetadataMessage(message.body, message.metadataType), d);

beforeEach(() => dynamoMock.reset());

describe('applyMetadataMessage', () => {
  it('sets the named field on that image only, whoever owns it', async () => {
    dynamoMock
      .on(UpdateCommand)
      .resolves({ Attributes: storedItem(ID, 'PROCESSED', { takenAt: '2024-05-06' }) });

    await expect(
      apply({ body: metadataBody(ID, '2024-05-06'), metadataType: 'Date' }, deps()),
    ).resolves.toEqual({ imageId: ID, field: 'takenAt', value: '2024-05-06' });

    const calls = dynamoMock.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toMatchObject({
      TableName: 'images',
      Key: { imageId: ID },
      ConditionExpression: EDIT_DETAILS_ANY_OWNER_CONDITION,
      UpdateExpression: 'SET #updatedAt = :now, #takenAt = :takenAt',
      ExpressionAttributeValues: { ':takenAt': '2024-05-06', ':deleted': 'DELETED' },
    });
  });

  it('removes the field when the value is null', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem(ID, 'PROCESSED') });
    await apply({ body: metadataBody(ID, null), metadataType: 'Name' }, deps());
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input.UpdateExpression).toBe(
      'SET #updatedAt = :now REMOVE #photographer',
    );
  });

  it('refuses an unknown image as a permanent error', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({});
    const applying = apply({ body: metadataBody(ID, 'x'), metadataType: 'Caption' }, deps());
    await expect(applying).rejects.toBeInstanceOf(UnknownImageError);
    await expect(applying).rejects.toSatisfy(isPermanentError);
  });

  it('refuses a DELETED image as a permanent error', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: storedItem(ID, 'DELETED') });
    await expect(apply({ body: metadataBody(ID, 'x'), metadataType: 'Caption' }, deps())).rejects.toThrow(
      new ImageNotEditableError(ID, 'DELETED'),
    );
  });

  it('writes nothing for an invalid message', async () => {
    await expect(apply({ body: metadataBody(ID, 'x'), metadataType: 'Location' }, deps())).rejects.toSatisfy(
      isPermanentError,
    );
    await expect(apply({ body: metadataBody(ID, 'soon'), metadataType: 'Date' }, deps())).rejects.toSatisfy(
      isPermanentError,
    );
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('lets a DynamoDB failure through so the message is retried', async () => {
    dynamoMock.on(UpdateCommand).rejects(new Error('ThrottlingException'));
    const applying = apply({ body: metadataBody(ID, 'x'), metadataType: 'Caption' }, deps());
    await expect(applying).rejects.toThrow('ThrottlingException');
    await expect(applying).rejects.not.toSatisfy(isPermanentError);
  });
});
