import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cliEnv } from './aws.ts';

const run = promisify(execFile);

/** Runs the real `aws` CLI against moto and returns its stdout. */
export async function aws(endpoint: string, args: string[]): Promise<string> {
  const { stdout } = await run('aws', ['--endpoint-url', endpoint, ...args], {
    env: cliEnv(endpoint),
    maxBuffer: 32 * 1024 * 1024,
  });
  return stdout;
}
