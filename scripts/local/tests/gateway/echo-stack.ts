import path from 'node:path';
import type { StackOutputs } from '../../stack/stack-outputs.ts';

/** The web app's origin in the gateway tests' outputs. */
export const WEB = 'http://localhost:4581';

/** The echo handler: answers with the event it got, and throws on GET /fail. */
export const ECHO_HANDLER = path.join(import.meta.dirname, 'fixtures', 'echo-handler.mjs');

/** Outputs of a stack whose only function is the http-triggered `api`; `extra` adds outputs. */
export function echoStackOutputs(extra: Partial<StackOutputs> = {}): StackOutputs {
  return {
    region: 'us-east-1',
    uploads_bucket: 'uploads',
    renditions_bucket: 'renditions',
    images_table: 'images',
    events_topic_arn: 'arn:aws:sns:us-east-1:123456789012:image-events',
    web_url: WEB,
    ...extra,
    functions: {
      api: {
        function_name: 'local-api',
        queue_url: null,
        dlq_url: null,
        batch_size: null,
        timeout_seconds: 10,
        environment: {},
      },
    },
  };
}
