/** Shape shared by AWS SDK v3 service exceptions. */
interface AwsErrorLike {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

function asAwsError(error: unknown): AwsErrorLike | undefined {
  return typeof error === 'object' && error !== null ? (error as AwsErrorLike) : undefined;
}

/** `true` when S3 says the object (or its bucket) is not there: NoSuchKey, NotFound, 404. */
export function isMissingObject(error: unknown): boolean {
  const e = asAwsError(error);
  if (!e) return false;
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

/** `true` for a failed `If-Match` (412): the object was replaced by another version. */
export function isPreconditionFailed(error: unknown): boolean {
  const e = asAwsError(error);
  if (!e) return false;
  return (
    e.name === 'PreconditionFailed' || e.Code === 'PreconditionFailed' || e.$metadata?.httpStatusCode === 412
  );
}

/**
 * `true` for S3's InvalidRange (416): the requested range starts at or past
 * the end of the object, which for `bytes=0-N` means the object is empty
 * (RFC 9110 section 14.1.2; preconditions are evaluated before the range, section 13.2.2).
 */
export function isInvalidRange(error: unknown): boolean {
  const e = asAwsError(error);
  if (!e) return false;
  return e.name === 'InvalidRange' || e.Code === 'InvalidRange' || e.$metadata?.httpStatusCode === 416;
}

/** `true` for DynamoDB's ConditionalCheckFailedException: a normal outcome of a guarded write. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return asAwsError(error)?.name === 'ConditionalCheckFailedException';
}
