import {
  type CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/** Who gets the email about an image. */
export type Recipient =
  /** The owner, at the `email` attribute of their Cognito user. */
  | { kind: 'owner'; address: string }
  /** OPERATIONS_EMAIL: the upload has no owner, or its owner is no user of the pool. */
  | { kind: 'operations'; address: string; why: string }
  /** Nobody: the reason is logged. */
  | { kind: 'none'; why: string };

// Cognito subs are UUIDs; the owner segment of an `aws s3 cp` key can be anything.
const SUB = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves an image's owner (the Cognito `sub` the API puts in the upload
 * key) to an address:
 *
 * - a user of the pool with an `email` -> that address;
 * - a user without an `email` -> nobody (their image is not operations'
 *   business, and there is no one else to tell);
 * - no owner (`uploads/<file>`), or an owner that is no user of the pool
 *   (`uploads/somebody/...` copied in by hand, or a deleted user) ->
 *   OPERATIONS_EMAIL, or nobody when that is empty.
 *
 * Uses ListUsers with a `sub = "..."` filter: AdminGetUser takes a username,
 * and in this pool (email as username) the sub is not one.
 *
 * @throws the Cognito SDK error (throttling, 5xx, missing pool): transient, so the message is retried.
 */
export async function resolveRecipient(
  cognito: CognitoIdentityProviderClient,
  pool: { userPoolId: string; operationsEmail: string | null },
  owner: string | null,
): Promise<Recipient> {
  if (owner === null) return operations(pool.operationsEmail, 'the upload has no owner');
  if (!SUB.test(owner)) return operations(pool.operationsEmail, `owner "${owner}" is not a user of the pool`);
  const { Users = [] } = await cognito.send(
    new ListUsersCommand({
      UserPoolId: pool.userPoolId,
      Filter: `sub = "${owner}"`,
      AttributesToGet: ['email'],
      Limit: 1,
    }),
  );
  const user = Users[0];
  if (!user) return operations(pool.operationsEmail, `owner "${owner}" is not a user of the pool`);
  const email = user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value?.trim();
  if (!email) return { kind: 'none', why: `owner "${owner}" has no email address` };
  return { kind: 'owner', address: email };
}

function operations(address: string | null, why: string): Recipient {
  if (!address) return { kind: 'none', why: `${why} and OPERATIONS_EMAIL is empty` };
  return { kind: 'operations', address, why };
}
