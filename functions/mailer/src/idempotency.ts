import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * How long a finished unit is remembered, seconds: a day. SNS and SQS
 * redeliver within minutes; a day also covers a dead-lettered batch redriven
 * by hand after an outage, whose completed messages must not mail twice.
 */
export const IDEMPOTENCY_TTL_SECONDS = 86_400;

/** A persistence store and config for Powertools Idempotency; the handler registers each invocation's context. */
export interface Idempotency {
  persistenceStore: DynamoDBPersistenceLayer;
  config: IdempotencyConfig;
}

/**
 * Powertools Idempotency on the IDEMPOTENCY_TABLE (key attribute `id`, TTL
 * attribute `expiration`, as terraform/modules/table creates it).
 *
 * Call `config.registerLambdaContext(context)` on every invocation: an
 * in-progress record then expires with the invocation's deadline, so the
 * retry of a crashed or timed-out invocation is not refused as "in progress".
 */
export function createIdempotency(tableName: string, client: DynamoDBClient): Idempotency {
  return {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName,
      keyAttr: 'id',
      expiryAttr: 'expiration',
      awsSdkV3Client: client,
    }),
    config: new IdempotencyConfig({ expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS }),
  };
}
