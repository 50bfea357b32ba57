/**
 * Cognito user-pool sign-in with plain fetch (no SDK in the bundle): the
 * JSON 1.1 protocol is one POST per action with an X-Amz-Target header.
 */

/** Tokens from a successful sign-in. */
export interface AuthTokens {
  idToken: string;
  accessToken: string;
  expiresIn: number;
}

/** Cognito asks for something before it hands out tokens. */
export interface AuthChallenge {
  challenge: string;
  session: string;
}

export type SignInResult = { tokens: AuthTokens } | AuthChallenge;

/** A Cognito error: `code` is the exception name (e.g. NotAuthorizedException). */
export class CognitoError extends Error {
  override name = 'CognitoError';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What to tell a person for each Cognito error; the rest show Cognito's own message. */
const FRIENDLY: Record<string, string> = {
  NotAuthorizedException: 'Incorrect email or password.',
  UserNotFoundException: 'Incorrect email or password.',
  UserNotConfirmedException: 'This account is not confirmed yet.',
  PasswordResetRequiredException: 'This account needs a password reset.',
  TooManyRequestsException: 'Too many attempts. Wait a moment and try again.',
  InvalidPasswordException: 'That password does not meet the password policy.',
};

/** Builds the fetch arguments of one Cognito action (exported for tests). */
export function cognitoRequest(action: string, body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  };
}

/** Turns a Cognito response body into a sign-in result (exported for tests). */
export function parseAuthResponse(body: Record<string, unknown>): SignInResult {
  const result = body.AuthenticationResult as Record<string, unknown> | undefined;
  if (result && typeof result.IdToken === 'string') {
    return {
      tokens: {
        idToken: result.IdToken,
        accessToken: String(result.AccessToken ?? ''),
        expiresIn: Number(result.ExpiresIn ?? 3600),
      },
    };
  }
  if (typeof body.ChallengeName === 'string') {
    return { challenge: body.ChallengeName, session: String(body.Session ?? '') };
  }
  throw new CognitoError('UnexpectedResponse', 'Sign-in returned neither tokens nor a challenge.');
}

/** Reads a Cognito error body ({ __type, message }) into a CognitoError (exported for tests). */
export function cognitoErrorFrom(status: number, body: Record<string, unknown> | undefined): CognitoError {
  const rawType = String(body?.__type ?? body?.code ?? `HTTP${status}`);
  const code = rawType.split('#').pop() ?? rawType;
  const message =
    FRIENDLY[code] ?? String(body?.message ?? body?.Message ?? `Sign-in failed (HTTP ${status}).`);
  return new CognitoError(code, message);
}

async function call(endpoint: string, action: string, body: unknown): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch(endpoint, cognitoRequest(action, body));
  } catch (error) {
    throw new CognitoError('NetworkError', 'Cannot reach the sign-in service.', { cause: error });
  }
  const json = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok) throw cognitoErrorFrom(response.status, json);
  return parseAuthResponse(json ?? {});
}

/**
 * Signs in with email and password (USER_PASSWORD_AUTH).
 * @throws CognitoError with a message fit to show.
 */
export function initiateAuth(
  endpoint: string,
  clientId: string,
  email: string,
  password: string,
): Promise<SignInResult> {
  return call(endpoint, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
}

/**
 * Answers NEW_PASSWORD_REQUIRED (an account created with a temporary password).
 * @throws CognitoError with a message fit to show.
 */
export function setNewPassword(
  endpoint: string,
  clientId: string,
  email: string,
  newPassword: string,
  session: string,
): Promise<SignInResult> {
  return call(endpoint, 'RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ClientId: clientId,
    Session: session,
    ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
  });
}
