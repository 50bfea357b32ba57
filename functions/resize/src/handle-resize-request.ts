import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { oneAtATimePerKey, RERENDER_REQUESTED } from '@pipeline/events';
import { DEFAULT_RENDITION_CONFIG } from './rendition-config.js';
import { type RerenderOutcome, rerenderToProfile } from './rerender-to-profile.js';
import { type ResizeDeps, type ResizeOutcome, resizeImage } from './resize-image.js';
import type { ResizeRequest } from './resize-message.js';
import { countResizeOutcome } from './resize-metrics.js';

/** Re-renders of one image in a batch run one after another (two copies of one request never race). */
const perImage = oneAtATimePerKey();

/** Sends each request to its service: image.accepted to resizeImage, image.rerender_requested to rerenderToProfile. */
export function handleResizeRequest(
  request: ResizeRequest,
  deps: ResizeDeps,
): Promise<ResizeOutcome | RerenderOutcome> {
  if (request.type !== RERENDER_REQUESTED) return resizeImage(request, deps);
  const withProfile = { ...deps, renditions: deps.renditions ?? DEFAULT_RENDITION_CONFIG };
  return perImage(`${request.imageId}#${request.version}`, () => rerenderToProfile(request, withProfile));
}

/** Counts one request into the function's metrics: resize's own, plus ImagesRerendered. */
export function countResizeRequest(
  outcome: ResizeOutcome | RerenderOutcome,
  request: ResizeRequest,
  metrics: Metrics,
  elapsedMs: number,
): void {
  if (request.type !== RERENDER_REQUESTED) {
    countResizeOutcome(outcome as ResizeOutcome, request, metrics, elapsedMs);
    return;
  }
  if (outcome === 'rerendered') {
    metrics.addMetric('ImagesRerendered', MetricUnit.Count, 1);
    metrics.addMetric('RerenderMilliseconds', MetricUnit.Milliseconds, Math.round(elapsedMs));
  }
}
