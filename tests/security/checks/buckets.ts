/**
 * Every bucket of the plan is private and encrypted: a public access block
 * with all four switches on, default server-side encryption, and object
 * ownership enforced (which turns ACLs off, so no ACL can make an object public).
 */
import { block, ofType, type PlanView, str } from '../plan-model.ts';

const PUBLIC_ACCESS_SWITCHES = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
] as const;

const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** Every finding about the plan's buckets, one readable line each. */
export function bucketViolations(plan: PlanView): string[] {
  const found: string[] = [];
  const buckets = ofType(plan, 'aws_s3_bucket');
  for (const bucket of buckets) {
    const name = str(bucket, 'bucket');
    const at = `${bucket.address} (${name})`;
    const forBucket = (type: string) => ofType(plan, type).filter((r) => r.values.bucket === name);

    const blocks = forBucket('aws_s3_bucket_public_access_block');
    if (blocks.length === 0) found.push(`${at}: no aws_s3_bucket_public_access_block`);
    for (const pab of blocks) {
      for (const flag of PUBLIC_ACCESS_SWITCHES) {
        if (pab.values[flag] !== true)
          found.push(`${at}: public access block ${pab.address} has ${flag} off`);
      }
    }

    const sse = forBucket('aws_s3_bucket_server_side_encryption_configuration');
    if (sse.length === 0) found.push(`${at}: no aws_s3_bucket_server_side_encryption_configuration`);
    for (const config of sse) {
      const algorithm = block(
        block(config.values, 'rule'),
        'apply_server_side_encryption_by_default',
      )?.sse_algorithm;
      if (typeof algorithm !== 'string' || !SSE_ALGORITHMS.includes(algorithm)) {
        found.push(`${at}: default encryption ${config.address} has sse_algorithm ${String(algorithm)}`);
      }
    }

    const ownership = forBucket('aws_s3_bucket_ownership_controls');
    const enforced = ownership.some(
      (o) => block(o.values, 'rule')?.object_ownership === 'BucketOwnerEnforced',
    );
    if (!enforced) found.push(`${at}: object ownership is not BucketOwnerEnforced (ACLs stay on)`);

    for (const acl of forBucket('aws_s3_bucket_acl')) {
      found.push(`${at}: ${acl.address} sets an ACL (ACLs are off; public ones must never come back)`);
    }
    for (const website of forBucket('aws_s3_bucket_website_configuration')) {
      found.push(`${at}: ${website.address} serves the bucket as a public website`);
    }
  }
  return found;
}
