import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { MessageRejected, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  bodies,
  emfDuring,
  lambdaContext,
  mockMailerAws,
  type QueueHandler,
  sentEmails,
  sqsEvent,
  stubFunctionEnv,
  stubMailerEnv,
} from './helpers.js';

const aws = mockMailerAws();
const { ses: sesMock, sns: snsMock } = aws;

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
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'mailer');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', '');
  ({ handler } = await import('../src/handler.js'));
});

beforeEach(() => {
  aws.cognito.on(ListUsersCommand).callsFake((input: { Filter: string }) => {
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

// A new event each time (reviewedAt is part of its identity), so idempotency never replays one.
const review = (reviewedAt: string) => bodies.reviewed({ ...about(OWNERS.fine), reviewedAt });

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
