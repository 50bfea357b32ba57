import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the gateway needs of moto's Cognito, for tests without moto: a JWKS at
 * `/<poolId>/.well-known/jwks.json` and tokens signed with its key, with the
 * issuer moto uses.
 */
export async function startFakeCognito(userPoolId: string, clientId: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = createServer((req, res) => {
    if (req.url !== `/${userPoolId}/.well-known/jwks.json`) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);

  return {
    endpoint,
    /** An ID token (or access token with `token_use: 'access'`), `claims` overriding the defaults. */
    token(claims: Record<string, unknown> = {}): string {
      const use = claims.token_use ?? 'id';
      const payload = {
        iss: `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`,
        sub: 'user-a',
        token_use: use,
        ...(use === 'id'
          ? { aud: clientId }
          : { client_id: clientId, scope: 'aws.cognito.signin.user.admin' }),
        iat: now,
        exp: now + 3600,
        'cognito:groups': ['moderators'],
        ...claims,
      };
      const unsigned = `${b64({ typ: 'JWT', kid: 'test-key', alg: 'RS256' })}.${b64(payload)}`;
      const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url');
      return `${unsigned}.${signature}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
