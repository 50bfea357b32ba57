import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { createClients } from '@pipeline/aws';
import { ImagesStore, UsageStore } from '@pipeline/store';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { readApiConfig } from './config.js';
import type { ApiDeps } from './deps.js';
import { handleRequest } from './handle-request.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'api' });
const clients = createClients(process.env, { logger });
const config = readApiConfig();
const deps: ApiDeps = {
  clients,
  config,
  logger,
  store: new ImagesStore(clients.dynamo, config.imagesTable),
  usage: new UsageStore(clients.dynamo, config.imagesTable),
  now: () => new Date(),
  newId: randomUUID,
};

/** API Gateway HTTP API handler (payload format 2.0, JWT authorizer). */
export const handler = async (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> => {
  logger.addContext(context);
  return handleRequest(event, deps);
};
