import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMoto } from '../../scripts/local/moto.ts';
import { planAwsEnv, REPO_ROOT } from './aws-plan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `terraform show -json` of the envs/aws plan the security tests read. */
    awsPlanFile: string;
    /** The functions/ folder the plan was made from (its manifests), not the live one. */
    awsFunctionsDir: string;
  }
}

/**
 * Makes the plan of terraform/envs/aws the security tests assert on: a moto
 * server of its own (TEST_SECURITY_AWS_PORT, default 4568, beside the
 * integration suite's 4567), the env applied to it and planned again.
 * SECURITY_PLAN_JSON=<file> skips all that and reads a plan made before
 * (the last run leaves one in .local/security-<port>/plan.json, with the
 * manifests it was made from in .local/security-<port>/stack/functions).
 */
export default async function setup(project: TestProject) {
  const reuse = process.env.SECURITY_PLAN_JSON;
  if (reuse) {
    const copied = path.join(path.dirname(path.resolve(reuse)), 'stack', 'functions');
    project.provide('awsPlanFile', path.resolve(reuse));
    project.provide('awsFunctionsDir', existsSync(copied) ? copied : path.join(REPO_ROOT, 'functions'));
    return;
  }
  const port = Number(process.env.TEST_SECURITY_AWS_PORT ?? 4568);
  const workDir = path.join(REPO_ROOT, '.local', `security-${port}`);
  const moto = await startMoto({ port });
  try {
    const started = Date.now();
    const stackDir = path.join(workDir, 'stack');
    const json = await planAwsEnv({
      endpoint: moto.endpoint,
      workDir: stackDir,
      logFile: path.join(workDir, 'terraform.log'),
    });
    const planFile = path.join(workDir, 'plan.json');
    writeFileSync(planFile, json);
    process.stderr.write(
      `security: envs/aws applied to moto and planned in ${Math.round((Date.now() - started) / 1000)} s (${planFile})\n`,
    );
    project.provide('awsPlanFile', planFile);
    // The manifests as they were planned: other work may edit functions/ meanwhile.
    project.provide('awsFunctionsDir', path.join(stackDir, 'functions'));
  } finally {
    await moto.stop();
  }
}
