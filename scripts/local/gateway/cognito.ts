/**
 * Users of the local Cognito pool (moto): the demo and moderator accounts
 * `make dev` prints, users that tests make up, and signing in with
 * USER_PASSWORD_AUTH to get real ID and access tokens. Local only: the
 * passwords here are public, and nothing here runs against AWS.
 */
import { randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localClientConfig } from '@pipeline/local-aws/credentials';
import type { StackOutputs } from '../stack/stack-outputs.ts';

/** The group whose members may review and list everyone's images. */
export const MODERATORS_GROUP = 'moderators';

/** A user of the local pool. */
export interface LocalUser {
  email: string;
  password: string;
  /** The `sub` claim: the owner id the API uses. */
  sub: string;
  groups: string[];
}

/** What USER_PASSWORD_AUTH returns. */
export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string | undefined;
  /** Seconds the ID and access tokens are valid. */
  expiresIn: number;
}

/** The accounts `make dev` creates: fixed, printed, and only ever used against moto. */
export const DEMO_USERS = [
  { email: 'demo@example.com', password: 'Demo-passw0rd!', groups: [] as string[] },
  { email: 'moderator@example.com', password: 'Moderator-passw0rd!', groups: [MODERATORS_GROUP] },
] as const;

type PoolOutputs = Pick<StackOutputs, 'region' | 'user_pool_id' | 'user_pool_client_id'>;

const clients = new Map<string, CognitoIdentityProviderClient>();

function client(outputs: PoolOutputs, endpoint: string): CognitoIdentityProviderClient {
  const key = `${endpoint} ${outputs.region}`;
  let cached = clients.get(key);
  if (!cached) {
    cached = new CognitoIdentityProviderClient(localClientConfig(endpoint, outputs.region));
    clients.set(key, cached);
  }
  return cached;
}

function poolId(outputs: PoolOutputs): string {
  if (!outputs.user_pool_id)
    throw new Error('outputs: user_pool_id is missing (no Cognito pool in the stack)');
  return outputs.user_pool_id;
}

/**
 * Creates a confirmed user with a permanent password and its groups; when
 * the user exists, sets the password and groups again (idempotent).
 * `email` defaults to a fresh `user-<id>@example.com`, `password` to a random
 * one that meets Cognito's default policy.
 * @throws Error from Cognito (no pool, unknown group, password policy).
 */
export async function createUser(
  outputs: PoolOutputs,
  endpoint: string,
  user: { email?: string; password?: string; groups?: readonly string[] } = {},
): Promise<LocalUser> {
  const cognito = client(outputs, endpoint);
  const UserPoolId = poolId(outputs);
  const email = user.email ?? `user-${randomUUID().slice(0, 8)}@example.com`;
  const password = user.password ?? `Pw-${randomUUID()}-A1!`;
  const groups = [...(user.groups ?? [])];
  let attributes: { Name?: string | undefined; Value?: string | undefined }[] | undefined;
  try {
    const created = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    attributes = created.User?.Attributes;
  } catch (error) {
    if ((error as Error).name !== 'UsernameExistsException') throw error;
    attributes = (await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: email })))
      .UserAttributes;
  }
  await cognito.send(
    new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: password, Permanent: true }),
  );
  for (const GroupName of groups) {
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName }));
  }
  const sub = attributes?.find((a) => a.Name === 'sub')?.Value;
  if (!sub) throw new Error(`cognito: user ${email} has no sub attribute`);
  return { email, password, sub, groups };
}

/**
 * Creates (or resets) the demo user and the moderator of DEMO_USERS.
 * @throws Error from Cognito, e.g. when the pool lacks the moderators group.
 */
export async function ensureDemoUsers(outputs: PoolOutputs, endpoint: string): Promise<LocalUser[]> {
  const users: LocalUser[] = [];
  for (const user of DEMO_USERS) users.push(await createUser(outputs, endpoint, user));
  return users;
}

/**
 * Signs in with USER_PASSWORD_AUTH on the stack's app client.
 * @throws Error when Cognito refuses or answers with a challenge instead of tokens.
 */
export async function signIn(
  outputs: PoolOutputs,
  endpoint: string,
  email: string,
  password: string,
): Promise<Tokens> {
  if (!outputs.user_pool_client_id) throw new Error('outputs: user_pool_client_id is missing');
  const { AuthenticationResult: result, ChallengeName } = await client(outputs, endpoint).send(
    new InitiateAuthCommand({
      ClientId: outputs.user_pool_client_id,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  if (!result?.IdToken || !result.AccessToken) {
    throw new Error(`cognito: sign-in of ${email} answered ${ChallengeName ?? 'no tokens'}`);
  }
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: result.RefreshToken,
    expiresIn: result.ExpiresIn ?? 3600,
  };
}
