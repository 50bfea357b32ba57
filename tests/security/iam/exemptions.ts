/**
 * Grants the integration and e2e suites do not exercise, each with the path
 * that needs it. Only grants the code does use belong here; a grant no code
 * path uses is a finding to fix in the Terraform, not to exempt.
 */

/** A grant the suites do not exercise, and why it is still needed. */
export interface Exemption {
  /** Function folder name. */
  function: string;
  /** The granted action, as the policy spells it (case-insensitive). */
  action: string;
  /** A pattern over the granted resource pattern (`*` matches anything). */
  resource: string;
  reason: string;
}

/** Reviewed exemptions (grant patterns are the plan's ARNs; `*` stands for the stack-specific parts). */
export const EXEMPTIONS: Exemption[] = [
  {
    function: 'ingest',
    action: 's3:ListBucket',
    resource: 'arn:aws:s3:::*uploads*',
    reason:
      'uploads:list (docs/internals.md): without s3:ListBucket, S3 answers a GetObject/HeadObject of a ' +
      'missing key with 403 instead of 404, and packages/aws s3-objects.ts treats only 404 as "gone". ' +
      'S3 evaluates it only when the key is missing, which the recorder cannot see.',
  },
  {
    function: 'resize',
    action: 's3:ListBucket',
    resource: 'arn:aws:s3:::*uploads*',
    reason: 'As for ingest: a vanished upload must read as 404 (NoSuchKey), not 403.',
  },
  {
    function: 'resize',
    action: 's3:DeleteObject',
    resource: 'arn:aws:s3:::*uploads*/uploads/*',
    reason:
      'resize-image.ts finishRejection: an image found unprocessable while resizing is rejected and its ' +
      'upload deleted; the suites send resize only images it can process.',
  },
  {
    function: 'delete',
    action: 's3:DeleteObject',
    resource: 'arn:aws:s3:::*uploads*/uploads/*',
    reason:
      'delete-image.ts deleteRequestedImage removes the original for an image.delete_requested event. ' +
      'The delete queue filter passes only ObjectRemoved events today (moto 5.2.1 mishandles $or in ' +
      'body-scope filters, docs/internals.md), so no suite can deliver that event to it.',
  },
  {
    function: 'mailer',
    action: 'dynamodb:GetItem',
    resource: 'arn:aws:dynamodb:*:table/*-idempotency',
    reason:
      'Powertools Idempotency reads an existing record with GetItem when its conditional PutItem fails ' +
      'without returning the item (a duplicate delivery racing the first); the suites deliver each message once.',
  },
  {
    function: 'mailer',
    action: 'dynamodb:DeleteItem',
    resource: 'arn:aws:dynamodb:*:table/*-idempotency',
    reason:
      'Powertools Idempotency deletes the in-progress record when the handler throws, so a retry can run; ' +
      'used only when a send fails.',
  },
  {
    function: 'resize',
    action: 'dynamodb:DeleteItem',
    resource: 'arn:aws:dynamodb:*:table/*-near-duplicates',
    reason:
      'image-traits.ts indexNearDuplicates: when a replaced upload is PROCESSED with other perceptual ' +
      'hashes, the bands of the old hashes the new ones do not share are deleted; only an overwrite of ' +
      'an owned image with a different picture reaches it.',
  },
];
