import { CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bodies,
  idempotencyTable,
  lambdaContext,
  type QueueHandler,
  sentEmails,
  sqsEvent,
  stubFunctionEnv,
  stubMailerEnv,
} from './helpers.js';

const sesMock = mockClient(SESv2Client);
const cognitoMock = mockClient(CognitoIdentityProviderClient);
const snsMock = mockClient(SNSClient);
const documentMock = mockClient(DynamoDBDocumentClient);
const idempotencyMock = mockClient(DynamoDBClient);

// One owner per outcome: SES answers by recipient.
const OWNERS = {
  fine: '11111111-1111-4111-8111-111111111111',
  slow: '22222222-2222-4222-8222-222222222222',
  bounced: '33333333-3333-4333-8333-333333333333',
};

let handler: QueueHandler;

beforeAll(async () => {
  stubFunctionEnv();
  stubMailerEnv();
  ({ handler } = await import('../src/handler.js'));
});

beforeEach(() => {
  for (const mock of [sesMock, cognitoMock, snsMock, documentMock, idempotencyMock]) mock.reset();
  idempotencyTable(idempotencyMock);
  documentMock.on(GetCommand).resolves({});
  snsMock.on(PublishCommand).resolves({ MessageId: 'sns-1' });
  cognitoMock.on(ListUsersCommand).callsFake((input: { Filter: string }) => {
    const name = Object.entries(OWNERS).find(([, sub]) => input.Filter.includes(sub))?.[0];
    return { Users: [{ Username: name, Attributes: [{ Name: 'email', Value: `${name}@example.com` }] }] };
  });
  sesMock.on(SendEmailCommand).callsFake((input: { Content: { Raw: { Data: Uint8Array } } }) => {
    const raw = new TextDecoder().decode(input.Content.Raw.Data);
    if (raw.includes('To: slow@'))
      throw Object.assign(new Error('Slow down'), { name: 'TooManyRequestsException' });
    if (raw.includes('To: bounced@'))
      throw new MessageRejected({ message: 'Address blacklisted.', $metadata: {} });
    return { MessageId: 'ses-1' };
  });
});

const about = (owner: string) => ({
  owner,
  key: `uploads/${owner}/3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f.jpg`,
});

describe('mailer handler', () => {
  it('retries transient failures only: malformed, unknown and SES-rejected messages are acknowledged', async () => {
    const response = await handler(
      sqsEvent({
        fine: bodies.processed(about(OWNERS.fine)),
        slow: bodies.deleted(about(OWNERS.slow)),
        bounced: bodies.reviewed(about(OWNERS.bounced)),
        junk: 'not json at all',
        unknown: JSON.stringify({ ...JSON.parse(bodies.deleted()), type: 'image.exploded' }),
        accepted: JSON.stringify({ ...JSON.parse(bodies.deleted()), type: 'image.accepted' }),
      }),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'slow' }]);
    expect(sentEmails(sesMock).map((email) => email.to[0])).toEqual(
      expect.arrayContaining(['fine@example.com', 'slow@example.com', 'bounced@example.com']),
    );
  });

  it('sends nothing when the same event is delivered again in a later batch', async () => {
    const body = bodies.processed(about(OWNERS.fine));
    await handler(sqsEvent({ first: body }), lambdaContext());
    const again = await handler(sqsEvent({ again: body }), lambdaContext());

    expect(again.batchItemFailures).toEqual([]);
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });
});
