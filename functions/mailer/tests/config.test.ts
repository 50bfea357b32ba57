import { ConfigError } from '@pipeline/aws';
import { describe, expect, it } from 'vitest';
import { readMailerConfig } from '../src/config.js';
import { mailerEnv } from './helpers.js';

// The handler's environment, with a URL to trim and a table name of its own.
const env = mailerEnv({ WEB_APP_URL: 'http://localhost:4581/', IDEMPOTENCY_TABLE: 'images-idempotency' });

describe('readMailerConfig', () => {
  it('reads the environment, trimming the web app URL', () => {
    expect(readMailerConfig(env)).toEqual({
      mailFrom: 'no-reply@example.com',
      operationsEmail: 'ops@example.com',
      webAppUrl: 'http://localhost:4581',
      userPoolId: 'us-east-1_pool',
      notificationsTopicArn: env.NOTIFICATIONS_TOPIC_ARN,
      idempotencyTable: 'images-idempotency',
      configurationSet: null,
    });
  });

  it('reads MAIL_CONFIGURATION_SET, empty or missing meaning none', () => {
    expect(readMailerConfig({ ...env, MAIL_CONFIGURATION_SET: ' pipeline-mail ' }).configurationSet).toBe(
      'pipeline-mail',
    );
    expect(readMailerConfig({ ...env, MAIL_CONFIGURATION_SET: '' }).configurationSet).toBeNull();
  });

  it('reads an empty or missing OPERATIONS_EMAIL as nobody', () => {
    expect(readMailerConfig({ ...env, OPERATIONS_EMAIL: '' }).operationsEmail).toBeNull();
    expect(readMailerConfig({ ...env, OPERATIONS_EMAIL: undefined }).operationsEmail).toBeNull();
  });

  it('names every missing or invalid variable', () => {
    const read = () =>
      readMailerConfig({ ...env, MAIL_FROM: '', WEB_APP_URL: 'not a url', OPERATIONS_EMAIL: 'ops' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      /MAIL_FROM is required.*OPERATIONS_EMAIL must be an email address or empty.*WEB_APP_URL must be a URL/,
    );
  });
});
