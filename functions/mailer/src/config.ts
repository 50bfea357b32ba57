import { ConfigError } from '@pipeline/aws';
import * as z from 'zod';

/** What the mailer reads from its environment besides the pipeline's {@link PipelineConfig}. */
export interface MailerConfig {
  /** Verified SES sender (MAIL_FROM). */
  mailFrom: string;
  /** Where mail about uploads without a user goes (OPERATIONS_EMAIL); `null` = nowhere. */
  operationsEmail: string | null;
  /** Origin of the web app, without a trailing slash (WEB_APP_URL). */
  webAppUrl: string;
  /** Cognito user pool whose users own images (USER_POOL_ID). */
  userPoolId: string;
  /** Topic for one-line summaries (NOTIFICATIONS_TOPIC_ARN). */
  notificationsTopicArn: string;
  /** Powertools Idempotency table (IDEMPOTENCY_TABLE). */
  idempotencyTable: string;
  /** SES configuration set every email is sent through (MAIL_CONFIGURATION_SET); `null` = none. */
  configurationSet: string | null;
}

const required = z.string({ error: 'is required' }).trim().min(1, 'is required');

const EnvSchema = z.object({
  MAIL_FROM: required.pipe(z.email('must be an email address')),
  OPERATIONS_EMAIL: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(z.email('must be an email address or empty').nullable()),
  WEB_APP_URL: required.pipe(z.url('must be a URL')),
  USER_POOL_ID: required,
  NOTIFICATIONS_TOPIC_ARN: required,
  IDEMPOTENCY_TABLE: required,
  MAIL_CONFIGURATION_SET: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null)),
});

/**
 * Reads and validates the mailer's environment (Terraform sets it; see
 * docs/internals.md). OPERATIONS_EMAIL and MAIL_CONFIGURATION_SET may be empty.
 *
 * @throws {ConfigError} naming every missing or invalid variable.
 */
export function readMailerConfig(env: Record<string, string | undefined> = process.env): MailerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const variables = parsed.error.issues.map((issue) => String(issue.path[0] ?? 'environment'));
    const detail = parsed.error.issues
      .map((issue, index) => `${variables[index]} ${issue.message}`)
      .join('; ');
    throw new ConfigError(`Invalid environment: ${detail}`, variables, { cause: parsed.error });
  }
  const value = parsed.data;
  return {
    mailFrom: value.MAIL_FROM,
    operationsEmail: value.OPERATIONS_EMAIL,
    webAppUrl: value.WEB_APP_URL.replace(/\/+$/, ''),
    userPoolId: value.USER_POOL_ID,
    notificationsTopicArn: value.NOTIFICATIONS_TOPIC_ARN,
    idempotencyTable: value.IDEMPOTENCY_TABLE,
    configurationSet: value.MAIL_CONFIGURATION_SET,
  };
}
