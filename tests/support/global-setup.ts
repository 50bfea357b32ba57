import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMoto } from '../../scripts/local/moto.ts';
import { applyLocal, type StackOutputs } from '../../scripts/local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackOutputs;
    endpoint: string;
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Starts a moto server of the suite's own (TEST_AWS_PORT, default 4567, so
 * the suite runs beside `make dev`) and applies terraform/envs/local to it:
 * every integration test meets the resources that Terraform really made.
 */
export default async function setup(project: TestProject) {
  const port = Number(process.env.TEST_AWS_PORT ?? 4567);
  const moto = await startMoto({ port });
  try {
    const stack = await applyLocal({
      endpoint: moto.endpoint,
      stateFile: path.join(repoRoot, '.local', 'test', 'terraform.tfstate'),
    });
    project.provide('stack', stack);
    project.provide('endpoint', moto.endpoint);
  } catch (error) {
    await moto.stop();
    throw error;
  }
  return async () => {
    await moto.stop();
  };
}
