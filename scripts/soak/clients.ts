/**
 * SDK clients of the soak itself (the uploader and the checker), pointed at
 * the local moto server with test credentials. No fault injection here: the
 * faults are the functions' (PIPELINE_FAULTS), never the observer's.
 */
import { type LocalClients, localClients } from '@pipeline/local-aws/clients';

export type SoakClients = LocalClients;

/** Clients for the moto server at `endpoint`. */
export function soakClients(endpoint: string, region: string): SoakClients {
  // The uploader runs several requests at once against a busy local server: retry what it drops.
  return localClients(endpoint, { region, maxAttempts: 5 });
}
