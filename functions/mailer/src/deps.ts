import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { ServiceDeps } from '@pipeline/aws';
import type { MailerConfig } from './mailer-config.js';

/** What the mailer's service receives: the shared deps plus SES, Cognito, metrics and its own config. */
export interface MailerDeps extends ServiceDeps {
  ses: SESv2Client;
  cognito: CognitoIdentityProviderClient;
  mail: MailerConfig;
  /** Where outcomes worth an alarm are counted (`MailRejected`); the handler flushes it per invocation. */
  metrics: Pick<Metrics, 'addMetric'>;
}
