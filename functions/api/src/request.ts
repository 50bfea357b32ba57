import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { MalformedRequestError } from './errors.js';

/**
 * The request body as bytes: API Gateway base64-encodes binary bodies and
 * sets `isBase64Encoded`.
 */
export function bodyBytes(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): Buffer {
  if (!event.body) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * The request body parsed as JSON.
 *
 * @throws {MalformedRequestError} naming `body` when it is missing or not JSON.
 */
export function jsonBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): unknown {
  const text = bodyBytes(event).toString('utf8');
  if (text.trim() === '') throw new MalformedRequestError('body: a JSON object is required');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedRequestError('body: not valid JSON', { cause: error });
  }
}

/**
 * Validates `value` with `schema`.
 *
 * @throws {MalformedRequestError} whose message names each failing field (`caption: …; takenAt: …`).
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what = 'body'): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : what}: ${issue.message}`)
    .join('; ');
  throw new MalformedRequestError(detail, { cause: parsed.error });
}

/**
 * The `{id}` path parameter.
 *
 * @throws {MalformedRequestError} naming `id` when it is missing or could never be an imageId.
 */
export function imageIdParam(event: Pick<APIGatewayProxyEventV2, 'pathParameters'>): string {
  const id = event.pathParameters?.id;
  if (!id || !/^[A-Za-z0-9-]{1,64}$/.test(id)) {
    throw new MalformedRequestError('id: must be an image id (letters, digits and hyphens, at most 64)');
  }
  return id;
}

/** A request header, case-insensitively (payload 2.0 lower-cases them, a local gateway might not). */
export function header(event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
