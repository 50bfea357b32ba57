import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMoto } from '../../scripts/local/moto.ts';
import { applyLocal, type StackOutputs } from '../../scripts/local/stack.ts';

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
 * Starts a moto server of the suite's own (TEST_AWS_PORT, default 4567, so
 * the suite runs beside `make dev`) and applies terraform/envs/local to it:
 * every integration test meets the resources that Terraform really made.
 * Locally the HTTP API is the local gateway, which tests start themselves on
 * TEST_API_PORT (default 4590, beside `make dev`'s 4580); `stack.api_url` is
 * set to that URL, since terraform's api_url is informational against moto.
 * The web app (and the renditions it stands in for CloudFront for) is served
 * on TEST_WEB_PORT (default 4591, beside `make dev`'s 4581).
 */
export default async function setup(project: TestProject) {
  const port = Number(process.env.TEST_AWS_PORT ?? 4567);
  const moto = await startMoto({ port });
  const apiPort = Number(process.env.TEST_API_PORT ?? 4590);
  process.env.TF_VAR_web_app_url = `http://localhost:${process.env.TEST_WEB_PORT ?? 4591}`;
  try {
    const stack = await applyLocal({
      endpoint: moto.endpoint,
      // One state per port, so suites on different ports (parallel checkouts, helpers) never share one.
      stateFile: path.join(repoRoot, '.local', `test-${port}`, 'terraform.tfstate'),
    });
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
