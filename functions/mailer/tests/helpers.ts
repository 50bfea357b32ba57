import type { Metrics } from '@aws-lambda-powertools/metrics';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { fromRaw } from '@pipeline/local-aws/mail';
import { deps as baseDeps, domainEventBody } from '@pipeline/testing';
import type { Context } from 'aws-lambda';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { beforeEach, type Mock, vi } from 'vitest';
import type { MailerConfig } from '../src/config.js';
import { createIdempotency, type MailerDeps } from '../src/mail-image-event.js';

export {
  domainEventBody,
  emfDuring,
  type QueueHandler,
  sqsEvent,
  stubFunctionEnv,
} from '@pipeline/testing';

export const IMAGE_ID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
/** A Cognito sub (the owner segment of API uploads). */
export const OWNER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export const mailConfig: MailerConfig = {
  mailFrom: 'no-reply@example.com',
  operationsEmail: 'ops@example.com',
  webAppUrl: 'https://photos.example.com',
  userPoolId: 'us-east-1_pool',
  notificationsTopicArn: 'arn:aws:sns:us-east-1:000000000000:image-notifications',
  idempotencyTable: 'idempotency',
  configurationSet: null,
};

/** The mailer's own environment (what Terraform sets) for `mailConfig`, with `overrides`. */
export function mailerEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    MAIL_FROM: mailConfig.mailFrom,
    OPERATIONS_EMAIL: mailConfig.operationsEmail ?? '',
    WEB_APP_URL: mailConfig.webAppUrl,
    USER_POOL_ID: mailConfig.userPoolId,
    NOTIFICATIONS_TOPIC_ARN: mailConfig.notificationsTopicArn,
    IDEMPOTENCY_TABLE: mailConfig.idempotencyTable,
    ...overrides,
  };
}

/** The environment the handler reads at import, beyond `stubFunctionEnv`. */
export function stubMailerEnv(): void {
  for (const [name, value] of Object.entries(mailerEnv())) vi.stubEnv(name, value);
}

/**
 * Mailer deps over real SDK clients (mocked by the tests), with Powertools
 * Idempotency over a (mocked) DynamoDBClient and an invocation context registered.
 */
export function mailerDeps(mail: Partial<MailerConfig> = {}): MailerDeps & {
  logger: ReturnType<typeof baseDeps>['logger'];
  metrics: { addMetric: Mock<Metrics['addMetric']> };
} {
  const region = 'us-east-1';
  const idempotency = createIdempotency(mailConfig.idempotencyTable, new DynamoDBClient({ region }));
  idempotency.config.registerLambdaContext(lambdaContext());
  return {
    ...baseDeps(),
    ses: new SESv2Client({ region }),
    cognito: new CognitoIdentityProviderClient({ region }),
    mail: { ...mailConfig, ...mail },
    idempotency,
    // The service only counts; a full Metrics would print EMF lines into the test output.
    metrics: { addMetric: vi.fn<Metrics['addMetric']>() } as Partial<Metrics> as Metrics & {
      addMetric: Mock<Metrics['addMetric']>;
    },
  };
}

/**
 * Stubs every AWS client the mailer calls (aws-sdk-client-mock) and, before
 * each test, resets them to a working default: the idempotency table of
 * {@link idempotencyTable}, no image record, SES and SNS accepting everything.
 * A test file's own `beforeEach` runs after this one and may override it.
 */
export function mockMailerAws() {
  const aws = {
    ses: mockClient(SESv2Client),
    cognito: mockClient(CognitoIdentityProviderClient),
    sns: mockClient(SNSClient),
    document: mockClient(DynamoDBDocumentClient),
    idempotency: mockClient(DynamoDBClient),
  };
  beforeEach(() => {
    for (const mock of Object.values(aws)) mock.reset();
    idempotencyTable(aws.idempotency);
    aws.document.on(GetCommand).resolves({});
    aws.ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    aws.sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
  });
  return aws;
}

/** A Lambda context with 30 s left. */
export function lambdaContext(): Context {
  return { functionName: 'mailer', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 30_000 } as Context;
}

type Item = Record<string, AttributeValue>;

/**
 * Makes the mocked DynamoDBClient behave like the idempotency table for the
 * four calls Powertools makes: a conditional PutItem that fails while a live
 * record holds the key, UpdateItem `SET` on it, DeleteItem, GetItem.
 *
 * @returns the items by id, for assertions.
 */
export function idempotencyTable(mock: AwsClientStub<DynamoDBClient>): Map<string, Item> {
  const items = new Map<string, Item>();
  const idOf = (key: Item | undefined) => key?.id?.S ?? '';
  mock.on(PutItemCommand).callsFake((input: { Item: Item }) => {
    const existing = items.get(idOf(input.Item));
    if (existing && isLive(existing)) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: existing,
      });
    }
    items.set(idOf(input.Item), input.Item);
    return {};
  });
  mock
    .on(UpdateItemCommand)
    .callsFake(
      (input: {
        Key: Item;
        UpdateExpression: string;
        ExpressionAttributeNames: Record<string, string>;
        ExpressionAttributeValues: Item;
      }) => {
        const item = { ...(items.get(idOf(input.Key)) ?? input.Key) };
        for (const assignment of input.UpdateExpression.replace(/^SET\s+/, '').split(',')) {
          const [name = '', value = ''] = assignment.split('=').map((part) => part.trim());
          const attribute = input.ExpressionAttributeNames[name];
          const attributeValue = input.ExpressionAttributeValues[value];
          if (attribute && attributeValue) item[attribute] = attributeValue;
        }
        items.set(idOf(input.Key), item);
        return {};
      },
    );
  mock.on(DeleteItemCommand).callsFake((input: { Key: Item }) => {
    items.delete(idOf(input.Key));
    return {};
  });
  mock.on(GetItemCommand).callsFake((input: { Key: Item }) => ({ Item: items.get(idOf(input.Key)) }));
  return items;
}

/** Powertools' PutItem condition, inverted: the record still holds its key. */
function isLive(item: Item): boolean {
  const now = Date.now();
  if (Number(item.expiration?.N ?? 0) < now / 1000) return false;
  const inProgressUntil = item.in_progress_expiration?.N;
  return !(item.status?.S === 'INPROGRESS' && inProgressUntil !== undefined && Number(inProgressUntil) < now);
}

/** Event bodies about IMAGE_ID owned by OWNER. */
export const bodies = {
  processed: (overrides: Record<string, unknown> = {}) =>
    domainEventBody('image.processed', IMAGE_ID, {
      owner: OWNER,
      key: `uploads/${OWNER}/${IMAGE_ID}.jpg`,
      renditions: [
        rendition('thumb', 150, 113, 'jpeg'),
        rendition('thumb', 150, 113, 'webp'),
        rendition('small', 480, 360, 'jpeg'),
        rendition('small', 480, 360, 'webp'),
      ],
      ...overrides,
    }),
  rejected: (overrides: Record<string, unknown> = {}) =>
    domainEventBody('image.rejected', IMAGE_ID, {
      owner: OWNER,
      key: `uploads/${OWNER}/${IMAGE_ID}.jpg`,
      reason: 'Image::NotAnImage',
      message: 'The file is not an image <script>alert(1)</script>',
      ...overrides,
    }),
  reviewed: (overrides: Record<string, unknown> = {}) =>
    domainEventBody('image.reviewed', IMAGE_ID, {
      owner: OWNER,
      key: `uploads/${OWNER}/${IMAGE_ID}.jpg`,
      decision: 'REJECTED',
      reason: 'Blurry & "dark"',
      reviewer: 'mod-sub',
      reviewedAt: '2024-05-08T10:11:12.000Z',
      ...overrides,
    }),
  deleted: (overrides: Record<string, unknown> = {}) =>
    domainEventBody('image.deleted', IMAGE_ID, {
      owner: OWNER,
      key: `uploads/${OWNER}/${IMAGE_ID}.jpg`,
      ...overrides,
    }),
};

function rendition(name: string, width: number, height: number, format: 'jpeg' | 'webp') {
  const ext = format === 'jpeg' ? 'jpg' : 'webp';
  return {
    name,
    key: `${IMAGE_ID}/v1/${name}.${ext}`,
    width,
    height,
    format,
    bytes: 1000,
    contentType: `image/${format}`,
  };
}

/** The emails a mocked SESv2Client was asked to send, parsed as `make mail` reads them from moto. */
export function sentEmails(sesMock: AwsClientStub<SESv2Client>) {
  return sesMock.commandCalls(SendEmailCommand).map((call, index) => {
    const input = call.args[0].input;
    const raw = new TextDecoder().decode(input.Content?.Raw?.Data);
    return fromRaw({
      id: `m${index}`,
      source: input.FromEmailAddress ?? null,
      destinations: [],
      raw_data: raw,
    });
  });
}
