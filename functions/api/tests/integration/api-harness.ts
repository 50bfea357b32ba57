import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DEFAULT_MAX_UPLOAD_BYTES } from '@pipeline/domain';
import { expect, inject } from 'vitest';
import { type ApiGateway, startApiGateway } from '../../../../scripts/local/gateway/api-gateway.ts';
import {
  createUser,
  type LocalUser,
  MODERATORS_GROUP,
  signIn,
} from '../../../../scripts/local/gateway/cognito.ts';
import { type Runtime, startRuntime } from '../../../../scripts/local/lambda/runtime.ts';
import { type ApiCall, type ApiResponse, apiClient } from '../../../../tests/support/api.ts';
import { motoStack } from '../../../../tests/support/aws.ts';
import { waitFor } from '../../../../tests/support/wait.ts';
import { DEFAULT_MAX_DIRECT_UPLOAD_BYTES } from '../../src/config.ts';

export const { stack, endpoint, clients } = motoStack();
const apiEnv = stack.functions.api?.environment ?? {};
// What the deployed function runs with: its environment, else the code's defaults.
export const MAX_UPLOAD_BYTES = Number(apiEnv.MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES);
export const MAX_DIRECT_UPLOAD_BYTES = Number(
  apiEnv.MAX_DIRECT_UPLOAD_BYTES ?? DEFAULT_MAX_DIRECT_UPLOAD_BYTES,
);

export type Who = LocalUser & { token: string };

/** The pipeline's functions and the local API gateway in front of them, with three signed-in users. */
export interface LocalApi {
  gateway: ApiGateway;
  call: ApiCall;
  alice: Who;
  bob: Who;
  moderator: Who;
  stop(): Promise<void>;
}

/** Starts the runtime and the gateway on the suite's api port, then creates and signs in the users. */
export async function startLocalApi(): Promise<LocalApi> {
  let runtime: Runtime | undefined;
  let gateway: ApiGateway | undefined;
  const stop = async () => {
    await gateway?.stop();
    await runtime?.stop();
  };
  try {
    runtime = await startRuntime({ outputs: stack, endpoint });
    gateway = await startApiGateway({ outputs: stack, endpoint, port: inject('apiPort') });
    const signedIn = async (user: LocalUser): Promise<Who> => ({
      ...user,
      token: (await signIn(stack, endpoint, user.email, user.password)).idToken,
    });
    const alice = await signedIn(await createUser(stack, endpoint));
    const bob = await signedIn(await createUser(stack, endpoint));
    const moderator = await signedIn(await createUser(stack, endpoint, { groups: [MODERATORS_GROUP] }));
    return { gateway, call: apiClient(gateway.url), alice, bob, moderator, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The bytes behind a rendition URL, read from the renditions bucket. The URL
 * is RENDITIONS_BASE_URL + key: CloudFront on AWS; locally, whatever serves
 * the bucket, which these tests do not depend on.
 */
export async function renditionAt(url: string): Promise<Buffer> {
  const base = `${stack.renditions_base_url ?? apiEnv.RENDITIONS_BASE_URL}/`;
  expect(url.startsWith(base), `${url} is under ${base}`).toBe(true);
  const key = url.slice(base.length).split('/').map(decodeURIComponent).join('/');
  const { Body } = await clients.s3.send(new GetObjectCommand({ Bucket: stack.renditions_bucket, Key: key }));
  return Buffer.from(await (Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/** The ImageView of `imageId` once its status is `status`, read through the API. */
export function waitForView(call: ApiCall, who: Who, imageId: string, status: string, timeoutMs = 60_000) {
  return waitFor(
    `GET /images/${imageId} to say ${status}`,
    async () => {
      const { status: http, body } = await call('GET', `/images/${imageId}`, { token: who.token });
      if (http === 200 && body.status === status) return body;
      throw new Error(`HTTP ${http}, ${body?.status ?? JSON.stringify(body)}`);
    },
    { timeoutMs },
  );
}

export function expectError(response: ApiResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.body?.error?.code, response.text).toBe(code);
}
