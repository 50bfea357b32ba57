/**
 * Messages and records are encrypted at rest: every queue (SQS-managed SSE or
 * a KMS key), every topic (a KMS key: SNS has no unkeyed encryption), every
 * table (a KMS key, AWS-managed or not), and every customer-managed key rotates.
 */
import { block, ofType, type PlanView, str } from '../plan-model.ts';

/** Every finding about encryption at rest, one readable line each. */
export function encryptionViolations(plan: PlanView): string[] {
  const found: string[] = [];
  for (const queue of ofType(plan, 'aws_sqs_queue')) {
    if (queue.values.sqs_managed_sse_enabled !== true && !str(queue, 'kms_master_key_id')) {
      found.push(
        `${queue.address} (${str(queue, 'name')}): neither sqs_managed_sse_enabled nor kms_master_key_id`,
      );
    }
  }
  for (const topic of ofType(plan, 'aws_sns_topic')) {
    if (!str(topic, 'kms_master_key_id'))
      found.push(`${topic.address} (${str(topic, 'name')}): no kms_master_key_id`);
  }
  for (const table of ofType(plan, 'aws_dynamodb_table')) {
    // Without the block DynamoDB still encrypts, but with a key nobody can audit or rotate.
    if (block(table.values, 'server_side_encryption')?.enabled !== true) {
      found.push(`${table.address} (${str(table, 'name')}): server_side_encryption is not enabled`);
    }
  }
  for (const key of ofType(plan, 'aws_kms_key')) {
    if (key.values.enable_key_rotation !== true) found.push(`${key.address}: enable_key_rotation is off`);
  }
  return found;
}
