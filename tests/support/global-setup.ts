import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMoto } from '../../scripts/local/moto/moto-server.ts';
import { applyLocal } from '../../scripts/local/stack/apply-stack.ts';
import type { StackOutputs } from '../../scripts/local/stack/stack-outputs.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackOutputs;
    endpoint: string;
    /** Port the HTTP API tests serve the local API gateway on; `stack.api_url` points there. */
    apiPort: number;
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Where the functions record their AWS calls during the suite (packages/aws,
 * PIPELINE_CALL_LOG), one directory per TEST_AWS_PORT. vitest.integration.config.ts
 * gives the same path to the test workers, which start the runtimes.
 */
function callLogDir(port: number): string {
  return path.join(repoRoot, '.local', `calls-${port}`);
}

/**
 * Starts a moto server of the suite's own (TEST_AWS_PORT, default 4567, so
 * the suite runs beside `make dev`) and applies terraform/envs/local to it:
 * every integration test meets the resources that Terraform really made.
 * Locally the HTTP API is the local gateway, which tests start themselves on
 * TEST_API_PORT (default 4590, beside `make dev`'s 4580); `stack.api_url` is
 * set to that URL, since terraform's api_url is informational against moto.
 * The web app (and the renditions it stands in for CloudFront for) is served
 * on TEST_WEB_PORT (default 4591, beside `make dev`'s 4581).
 *
 * Every AWS call the functions make is recorded under .local/calls-<port>/
 * (emptied here), beside stack.json, the outputs the calls' resource names
 * come from: the IAM evaluation maps them to the AWS plan's names with it.
 */
export default async function setup(project: TestProject) {
  const port = Number(process.env.TEST_AWS_PORT ?? 4567);
  const callLog = callLogDir(port);
  rmSync(callLog, { recursive: true, force: true });
  mkdirSync(callLog, { recursive: true });
  process.env.PIPELINE_CALL_LOG = callLog;
  const moto = await startMoto({ port });
  const apiPort = Number(process.env.TEST_API_PORT ?? 4590);
  process.env.TF_VAR_web_app_url = `http://localhost:${process.env.TEST_WEB_PORT ?? 4591}`;
  try {
    const stack = await applyLocal({
      endpoint: moto.endpoint,
      // One state per port, so suites on different ports (parallel checkouts, helpers) never share one.
      stateFile: path.join(repoRoot, '.local', `test-${port}`, 'terraform.tfstate'),
    });
    writeFileSync(path.join(callLog, 'stack.json'), `${JSON.stringify(stack, null, 2)}\n`);
    project.provide('stack', { ...stack, api_url: `http://127.0.0.1:${apiPort}` });
    project.provide('apiPort', apiPort);
    project.provide('endpoint', moto.endpoint);
  } catch (error) {
    await moto.stop();
    throw error;
  }
  return async () => {
    await moto.stop();
  };
}
