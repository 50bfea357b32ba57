import { CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  bodies,
  emfDuring,
  idempotencyTable,
  lambdaContext,
  OWNER,
  type QueueHandler,
  sqsEvent,
  stubFunctionEnv,
  stubMailerEnv,
} from './helpers.js';

const sesMock = mockClient(SESv2Client);
const cognitoMock = mockClient(CognitoIdentityProviderClient);
const snsMock = mockClient(SNSClient);
const documentMock = mockClient(DynamoDBDocumentClient);
const idempotencyMock = mockClient(DynamoDBClient);
let handler: QueueHandler;

beforeAll(async () => {
  stubFunctionEnv();
  stubMailerEnv();
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'mailer');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', '');
  ({ handler } = await import('../src/handler.js'));
});

beforeEach(() => {
  for (const mock of [sesMock, cognitoMock, snsMock, documentMock, idempotencyMock]) mock.reset();
  idempotencyTable(idempotencyMock);
  documentMock.on(GetCommand).resolves({});
  snsMock.on(PublishCommand).resolves({ MessageId: 'sns-1' });
  cognitoMock.on(ListUsersCommand).resolves({
    Users: [{ Username: 'u', Attributes: [{ Name: 'email', Value: 'alice@example.com' }] }],
  });
});

// A new event each time (reviewedAt is part of its identity), so idempotency never replays one.
const review = (reviewedAt: string) => bodies.reviewed({ owner: OWNER, reviewedAt });

describe('mailer handler metrics', () => {
  it('prints one MailRejected EMF line when SES rejects an email for good', async () => {
    sesMock
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Address blacklisted.', $metadata: {} }));

    const emf = await emfDuring(() =>
      handler(sqsEvent({ bounced: review('2026-01-01T00:00:00.000Z') }), lambdaContext()),
    );

    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'ImagePipeline',
            Dimensions: [['service']],
            Metrics: [{ Name: 'MailRejected', Unit: 'Count' }],
          },
        ],
      },
      service: 'mailer',
      MailRejected: 1,
    });
  });

  it('prints no metrics when the email is sent', async () => {
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });

    const emf = await emfDuring(() =>
      handler(sqsEvent({ fine: review('2026-01-02T00:00:00.000Z') }), lambdaContext()),
    );

    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(emf).toEqual([]);
  });
});
