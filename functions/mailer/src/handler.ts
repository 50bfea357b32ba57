import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createClient } from '@pipeline/aws';
import { sqsBatchHandler } from '@pipeline/lambda-kit';
import { readMailerConfig } from './config.js';
import { createIdempotency, mailImageEvent } from './mail-image-event.js';
import { parseMailerMessage } from './mailer-message.js';

/** SQS handler: each message succeeds or is listed in `batchItemFailures`. */
export const handler = sqsBatchHandler({
  serviceName: 'mailer',
  parse: (record) => parseMailerMessage(record.body),
  service: mailImageEvent,
  deps: (base) => {
    const mail = readMailerConfig();
    const options = { logger: base.logger };
    const dynamodb = createClient(DynamoDBClient, 'dynamodb', process.env, options);
    return {
      ...base,
      mail,
      ses: createClient(SESv2Client, 'ses', process.env, options),
      cognito: createClient(CognitoIdentityProviderClient, 'cognito', process.env, options),
      idempotency: createIdempotency(mail.idempotencyTable, dynamodb),
    };
  },
  onBatch: (context, deps) => {
    // In-progress idempotency records then expire with this invocation's deadline (see createIdempotency).
    deps.idempotency.config.registerLambdaContext(context);
    return {};
  },
});
