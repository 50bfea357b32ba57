import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { callerFrom } from './caller.js';
import type { ApiDeps, ApiResult, RouteService } from './deps.js';
import { RouteNotFoundError } from './errors.js';
import { errorResponse } from './responses.js';
import { createUpload } from './routes/create-upload.js';
import { deleteImage } from './routes/delete-image.js';
import { getImage } from './routes/get-image.js';
import { getOriginal } from './routes/get-original.js';
import { getThumbnail } from './routes/get-thumbnail.js';
import { listImages } from './routes/list-images.js';
import { reviewImage } from './routes/review-image.js';
import { updateImage } from './routes/update-image.js';
import { uploadImage } from './routes/upload-image.js';

/** Route keys (as in function.json's trigger.http.routes) and their services. */
export const ROUTES: Readonly<Record<string, RouteService>> = {
  'POST /uploads': createUpload,
  'POST /images': uploadImage,
  'GET /images': listImages,
  'GET /images/{id}': getImage,
  'PATCH /images/{id}': updateImage,
  'DELETE /images/{id}': deleteImage,
  'POST /images/{id}/review': reviewImage,
  'GET /images/{id}/original': getOriginal,
  'GET /images/{id}/thumbnail': getThumbnail,
};

/**
 * Serves one API Gateway (payload 2.0) request: picks the service by
 * `routeKey`, reads the caller from the JWT claims, and turns every error
 * into a response (see `errorResponse`). Never throws.
 */
export async function handleRequest(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  deps: ApiDeps,
): Promise<ApiResult> {
  try {
    const service = Object.hasOwn(ROUTES, event.routeKey) ? ROUTES[event.routeKey] : undefined;
    if (!service) throw new RouteNotFoundError(event.routeKey);
    const caller = callerFrom(event, deps.config.moderatorsGroup);
    return await service({ event, caller }, deps);
  } catch (error) {
    return errorResponse(error, deps.logger, {
      routeKey: event.routeKey,
      requestId: event.requestContext?.requestId,
    });
  }
}
