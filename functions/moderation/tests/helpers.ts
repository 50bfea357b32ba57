export {
  config,
  deps,
  type QueueHandler,
  sqsEvent,
  storedItem,
  stubFunctionEnv,
} from '../../../tests/support/lambda-unit.ts';

/** A moderation message body as an integration publishes it; `overrides` replace top-level fields. */
export function moderationBody(
  id: string,
  update: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): string {
  return JSON.stringify({ id, date: '2024-05-06T07:08:09.000Z', update, ...overrides });
}
