/**
 * Fixtures for the API's unit tests: dependencies over real SDK clients
 * (mocked with aws-sdk-client-mock in the tests), API Gateway payload 2.0
 * events with JWT claims, and stored image items.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ImagesStore, UsageStore } from '@pipeline/store';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { vi } from 'vitest';
import type { ApiConfig } from '../src/config.js';
import type { ApiDeps } from '../src/deps.js';

export const ALICE = '11111111-1111-4111-8111-111111111111';
export const BOB = '22222222-2222-4222-8222-222222222222';
export const MOD = '33333333-3333-4333-8333-333333333333';
export const IMAGE_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const NEW_ID = '0f0e0d0c-0b0a-4908-8706-050403020100';
export const NOW = new Date('2024-05-06T07:08:09.000Z');

export const config: ApiConfig = {
  uploadsBucket: 'uploads',
  renditionsBucket: 'renditions',
  imagesTable: 'images',
  nearDuplicatesTable: 'near-duplicates',
  eventsTopicArn: 'arn:aws:sns:us-east-1:000000000000:image-events',
  maxUploadBytes: 52_428_800,
  maxInputPixels: 50_000_000,
  maxDirectUploadBytes: 1000,
  renditionsBaseUrl: 'https://cdn.example.com',
  moderatorsGroup: 'moderators',
  quotas: { maxImages: 1000, maxBytes: 5 * 1024 ** 3, uploadsPerMinute: 30 },
};

/** Static credentials: presigning signs locally and must not look for real ones. */
const clientConfig = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
};

export function quietLogger() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

/** Service dependencies over real SDK clients, a pinned clock and a fixed new imageId. */
export function apiDeps(
  overrides: Partial<ApiConfig> = {},
): ApiDeps & { logger: ReturnType<typeof quietLogger> } {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig));
  const merged = { ...config, ...overrides };
  return {
    clients: {
      s3: new S3Client(clientConfig),
      sns: new SNSClient(clientConfig),
      dynamo,
    },
    config: merged,
    logger: quietLogger(),
    store: new ImagesStore(dynamo, merged.imagesTable, () => NOW),
    usage: new UsageStore(dynamo, merged.imagesTable),
    now: () => NOW,
    newId: () => NEW_ID,
  };
}

export interface EventOptions {
  sub?: string | undefined;
  groups?: string | string[];
  email?: string;
  id?: string;
  query?: Record<string, string>;
  body?: string;
  json?: unknown;
  headers?: Record<string, string>;
  isBase64Encoded?: boolean;
  claims?: Record<string, string | number | boolean | string[]> | undefined;
}

/** An API Gateway HTTP API event (payload 2.0) for `routeKey` as the JWT authorizer passes it. */
export function apiEvent(
  routeKey: string,
  options: EventOptions = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method = 'GET', route = '/'] = routeKey.split(' ');
  const rawPath = options.id ? route.replace('{id}', options.id) : route;
  const claims =
    'claims' in options
      ? options.claims
      : {
          sub: options.sub ?? ALICE,
          ...(options.email ? { email: options.email } : {}),
          ...(options.groups !== undefined ? { 'cognito:groups': options.groups } : {}),
        };
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.id ? { pathParameters: { id: options.id } } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey,
      stage: '$default',
      time: '06/May/2024:07:08:09 +0000',
      timeEpoch: NOW.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: null } },
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** A moderator's event. */
export function moderatorEvent(routeKey: string, options: EventOptions = {}) {
  return apiEvent(routeKey, { sub: MOD, groups: '[moderators]', ...options });
}

/** The stored item of an image (as DynamoDB holds it), owned by alice unless overridden. */
export function storedImage(extra: Record<string, unknown> = {}) {
  return {
    imageId: IMAGE_ID,
    owner: ALICE,
    bucket: 'uploads',
    key: `uploads/${ALICE}/${IMAGE_ID}.jpg`,
    version: 'etag-1',
    orderKey: '2024-05-06T07:00:00.000000Z',
    contentType: 'image/jpeg',
    bytes: 1234,
    width: 640,
    height: 480,
    format: 'jpeg',
    status: 'PROCESSED',
    renditions: [
      rendition('thumb', 'jpeg', 150),
      rendition('thumb', 'webp', 150),
      rendition('small', 'jpeg', 480),
      rendition('small', 'webp', 480),
      rendition('medium', 'jpeg', 640),
      rendition('medium', 'webp', 640),
    ],
    createdAt: '2024-05-06T07:00:01.000Z',
    updatedAt: '2024-05-06T07:00:05.000Z',
    ...extra,
  };
}

function rendition(name: string, format: 'jpeg' | 'webp', width: number) {
  const ext = format === 'jpeg' ? 'jpg' : 'webp';
  return {
    name,
    key: `${IMAGE_ID}/etag-1/${name}.${ext}`,
    width,
    height: Math.round((width * 3) / 4),
    format,
    bytes: 100,
    contentType: `image/${format}`,
  };
}

/** The parsed JSON body of a response. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response fields.
export function bodyOf(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body ?? 'null');
}

/** The `{ error: { code } }` of an error response, with its status. */
export function errorOf(result: APIGatewayProxyStructuredResultV2) {
  return { status: result.statusCode, code: bodyOf(result)?.error?.code as string | undefined };
}
