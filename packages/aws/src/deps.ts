import type { Clients } from './clients.js';
import type { PipelineConfig } from './config.js';
import type { Log } from './log.js';

/** What a function's service receives: created once by the handler, or by an integration test. */
export interface ServiceDeps {
  clients: Clients;
  config: PipelineConfig;
  logger: Log;
}
