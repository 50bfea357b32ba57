import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { MessageRejected, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { MalformedMessageError, UnexpectedMessageError } from '@pipeline/events';
import { storedItem } from '@pipeline/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { mailImageEvent } from '../src/mail-image-event.js';
import { parseMailerMessage } from '../src/mailer-message.js';
import { bodies, IMAGE_ID, mailerDeps, mockMailerAws, OWNER, sentEmails } from './helpers.js';

const aws = mockMailerAws();
const { ses: sesMock, cognito: cognitoMock, sns: snsMock } = aws;

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });

function userWithEmail(email: string | undefined) {
  cognitoMock.on(ListUsersCommand).resolves({
    Users: [{ Username: 'u', Attributes: email ? [{ Name: 'email', Value: email }] : [] }],
  });
}

/** The service with its deps, fed message bodies as the handler feeds it: parse, then mail. */
function setup(mail: Parameters<typeof mailerDeps>[0] = {}) {
  const deps = mailerDeps(mail);
  return { deps, mailer: async (body: string) => mailImageEvent(parseMailerMessage(body), deps) };
}

beforeEach(() => {
  aws.document.on(GetCommand).resolves({ Item: storedItem(IMAGE_ID, 'PROCESSED', { owner: OWNER }) });
  userWithEmail('alice@example.com');
});

describe('mailImageEvent: recipients', () => {
  it("emails the owner at their Cognito user's email, looked up by sub", async () => {
    const { mailer } = setup();
    const result = await mailer(bodies.processed());

    expect(result.mail).toEqual({ status: 'sent', recipient: 'owner', messageId: 'ses-1' });
    expect(cognitoMock.commandCalls(ListUsersCommand)[0]?.args[0].input).toMatchObject({
      UserPoolId: 'us-east-1_pool',
      Filter: `sub = "${OWNER}"`,
    });
    const [email] = sentEmails(sesMock);
    expect(email?.to).toEqual(['alice@example.com']);
    expect(email?.from).toBe('no-reply@example.com');
  });

  it('emails OPERATIONS_EMAIL about an upload without an owner, without asking Cognito', async () => {
    const { mailer } = setup();
    const result = await mailer(bodies.processed({ owner: null, key: `uploads/${IMAGE_ID}.jpg` }));

    expect(result.mail).toMatchObject({ status: 'sent', recipient: 'operations' });
    expect(cognitoMock.commandCalls(ListUsersCommand)).toHaveLength(0);
    const [email] = sentEmails(sesMock);
    expect(email?.to).toEqual(['ops@example.com']);
    expect(email?.text).toContain('operations address because the upload has no owner');
  });

  it('emails OPERATIONS_EMAIL when the owner is no user of the pool', async () => {
    cognitoMock.on(ListUsersCommand).resolves({ Users: [] });
    const { mailer } = setup();
    await mailer(bodies.deleted());
    expect(sentEmails(sesMock).map((email) => email.to)).toEqual([['ops@example.com']]);
  });

  it('does not ask Cognito about an owner that cannot be a sub (a hand-made key)', async () => {
    const { mailer } = setup();
    await mailer(bodies.deleted({ owner: 'somebody', key: `uploads/somebody/${IMAGE_ID}.jpg` }));
    expect(cognitoMock.commandCalls(ListUsersCommand)).toHaveLength(0);
    expect(sentEmails(sesMock).map((email) => email.to)).toEqual([['ops@example.com']]);
  });

  it('sends nothing, but still publishes the summary, when OPERATIONS_EMAIL is empty', async () => {
    const { deps, mailer } = setup({ operationsEmail: null });
    const result = await mailer(bodies.processed({ owner: null }));

    expect(result.mail).toEqual({
      status: 'skipped',
      why: 'the upload has no owner and OPERATIONS_EMAIL is empty',
    });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(deps.logger.warn).toHaveBeenCalledWith('Nobody to email about this image', expect.anything());
  });

  it('sends nothing when the owner exists but has no email address', async () => {
    userWithEmail(undefined);
    const { mailer } = setup();
    const result = await mailer(bodies.deleted());
    expect(result.mail).toEqual({ status: 'skipped', why: `owner "${OWNER}" has no email address` });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});

describe('mailImageEvent: summaries', () => {
  it('publishes one line about a processed image to the notifications topic', async () => {
    const { mailer } = setup();
    await mailer(bodies.processed());
    const input = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:image-notifications',
      Subject: 'Image processed',
      Message: `PROCESSED "${IMAGE_ID}.jpg" (${IMAGE_ID}) owner ${OWNER}: thumb, small`,
    });
  });

  it('publishes the reason of a rejected image', async () => {
    const { mailer } = setup();
    await mailer(bodies.rejected({ message: 'not an image' }));
    expect(snsMock.commandCalls(PublishCommand)[0]?.args[0].input.Message).toBe(
      `REJECTED "${IMAGE_ID}.jpg" (${IMAGE_ID}) owner ${OWNER}: Image::NotAnImage: not an image`,
    );
  });

  it('publishes nothing about reviews and deletes', async () => {
    const { mailer } = setup();
    await mailer(bodies.reviewed());
    await mailer(bodies.deleted());
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(2);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });
});

describe('mailImageEvent: idempotency', () => {
  it('sends nothing for a second delivery of the same event', async () => {
    const { deps, mailer } = setup();
    const first = await mailer(bodies.processed());
    const second = await mailer(bodies.processed({ occurredAt: '2024-05-06T07:09:00.000Z' }));

    expect(second.mail).toEqual(first.mail);
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(deps.logger.info).toHaveBeenLastCalledWith(
      'Mailer event already handled',
      expect.objectContaining({ mail: 'already sent', summary: 'already published' }),
    );
  });

  it('mails each review of the same version (reviewedAt is part of the identity)', async () => {
    const { mailer } = setup();
    await mailer(bodies.reviewed({ decision: 'REJECTED' }));
    await mailer(
      bodies.reviewed({ decision: 'APPROVED', reason: null, reviewedAt: '2024-05-09T00:00:00.000Z' }),
    );
    expect(sentEmails(sesMock).map((email) => email.subject)).toEqual([
      `Your image "${IMAGE_ID}.jpg" was not approved`,
      `Your image "${IMAGE_ID}.jpg" was approved`,
    ]);
  });

  it('mails a new upload of the same image again (a new version)', async () => {
    const { mailer } = setup();
    await mailer(bodies.processed());
    await mailer(bodies.processed({ version: 'v2' }));
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(2);
  });

  it('does not mark a failed send done, so the retry sends it', async () => {
    sesMock.on(SendEmailCommand).rejectsOnce(throttled()).resolves({ MessageId: 'ses-2' });
    const { mailer } = setup();

    await expect(mailer(bodies.processed())).rejects.toThrow('Rate exceeded');
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    const retry = await mailer(bodies.processed());

    expect(retry.mail).toEqual({ status: 'sent', recipient: 'owner', messageId: 'ses-2' });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(2);
  });

  it('retries only the summary when publishing it fails after the email went out', async () => {
    snsMock.on(PublishCommand).rejectsOnce(throttled()).resolves({ MessageId: 'sns-2' });
    const { mailer } = setup();

    await expect(mailer(bodies.rejected())).rejects.toThrow('Rate exceeded');
    const retry = await mailer(bodies.rejected());

    expect(retry.summary).toEqual({ messageId: 'sns-2' });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
  });
});

describe('mailImageEvent: SES options', () => {
  it('sends through MAIL_CONFIGURATION_SET when one is configured', async () => {
    const { mailer } = setup({ configurationSet: 'pipeline-mail' });
    await mailer(bodies.processed());
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input.ConfigurationSetName).toBe(
      'pipeline-mail',
    );
  });

  it('names no configuration set when none is configured', async () => {
    const { deps, mailer } = setup();
    await mailer(bodies.processed());
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input).not.toHaveProperty(
      'ConfigurationSetName',
    );
    expect(deps.metrics.addMetric).not.toHaveBeenCalled();
  });
});

describe('mailImageEvent: errors', () => {
  it('leaves Cognito errors to the retry (transient)', async () => {
    cognitoMock.on(ListUsersCommand).rejects(throttled());
    const { mailer } = setup();
    await expect(mailer(bodies.processed())).rejects.toThrow('Rate exceeded');
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('records a recipient SES rejects (MessageRejected) as done, logged, not retried', async () => {
    sesMock
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));
    const { deps, mailer } = setup();

    const result = await mailer(bodies.processed());
    await mailer(bodies.processed());

    expect(result.mail).toEqual({
      status: 'rejected',
      recipient: 'owner',
      error: 'Email address is not verified.',
    });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(deps.logger.error).toHaveBeenCalledWith(
      'SES rejected the email; not retrying it',
      expect.anything(),
    );
    // Once: the redelivery replays the stored result.
    expect(deps.metrics.addMetric).toHaveBeenCalledTimes(1);
    expect(deps.metrics.addMetric).toHaveBeenCalledWith('MailRejected', 'Count', 1);
  });

  it('refuses a malformed body and other event types as permanent errors', async () => {
    const { mailer } = setup();
    await expect(mailer('not json')).rejects.toBeInstanceOf(MalformedMessageError);
    await expect(mailer(bodies.processed({ renditions: 'many' }))).rejects.toBeInstanceOf(
      MalformedMessageError,
    );
    await expect(
      mailer(JSON.stringify({ ...JSON.parse(bodies.deleted()), type: 'image.accepted' })),
    ).rejects.toBeInstanceOf(UnexpectedMessageError);
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});
