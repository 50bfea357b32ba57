/**
 * The HTTP API stage's throttle, as API Gateway applies it: a token bucket
 * that holds `burstLimit` requests and refills at `rateLimit` per second; a
 * request that finds it empty is answered 429 without reaching the function.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */

/** The stage's default route settings (terraform output `api_throttling`). */
export interface StageThrottling {
  /** Steady-state requests per second. */
  rateLimit: number;
  /** Requests the bucket holds: how many may arrive at once. */
  burstLimit: number;
}

/** Takes one token per request; false when the stage would answer 429. */
export type StageThrottle = () => boolean;

/**
 * A token bucket for `settings`, full at the start.
 * @param now clock in ms (tests).
 * @throws RangeError when a limit is not a positive number.
 */
export function createStageThrottle(settings: StageThrottling, now: () => number = Date.now): StageThrottle {
  const { rateLimit, burstLimit } = settings;
  if (!(rateLimit > 0) || !(burstLimit > 0)) {
    throw new RangeError(
      `api_throttling: rate_limit and burst_limit must be positive, got ${rateLimit}/${burstLimit}`,
    );
  }
  let tokens = burstLimit;
  let last = now();
  return () => {
    const at = now();
    tokens = Math.min(burstLimit, tokens + ((at - last) / 1000) * rateLimit);
    last = at;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
