import { type LocalClients, localCliEnv, localClients } from '@pipeline/local-aws';
import { inject } from 'vitest';

export { LOCAL_CREDENTIALS } from '@pipeline/local-aws/credentials';

/** SDK clients pointed at the suite's moto server. */
export function testClients(endpoint: string, region?: string): LocalClients {
  return localClients(endpoint, region ? { region } : {});
}

export type TestClients = LocalClients;

/** Environment for the real `aws` CLI against moto. */
export const cliEnv = localCliEnv;

/**
 * The moto stack the integration suite's global setup provisioned: its
 * terraform outputs, its endpoint, and SDK clients pointed at it.
 */
export function motoStack() {
  const endpoint = inject('endpoint');
  return { stack: inject('stack'), endpoint, clients: testClients(endpoint) };
}
