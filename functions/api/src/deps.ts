import type { Clients, Log } from '@pipeline/aws';
import type { ImagesStore, UsageStore } from '@pipeline/store';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Caller } from './caller.js';
import type { ApiConfig } from './config.js';

/** What every route service receives: created once by the handler (or by a test). */
export interface ApiDeps {
  clients: Clients;
  config: ApiConfig;
  logger: Log;
  store: ImagesStore;
  /** Per-user upload rate windows and quota usage. */
  usage: UsageStore;
  /** Clock (tests pin it). */
  now: () => Date;
  /** New imageIds: UUIDs, which `parseUploadKey` keeps as the id. */
  newId: () => string;
}

/** One request: the API Gateway event (payload 2.0) and who is calling. */
export interface ApiRequest {
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  caller: Caller;
}

/** What a route answers. */
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** A route's service. */
export type RouteService = (request: ApiRequest, deps: ApiDeps) => Promise<ApiResult>;
