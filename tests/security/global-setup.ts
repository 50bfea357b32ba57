import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMoto } from '../../scripts/local/moto/moto-server.ts';
import { planAwsEnv, REPO_ROOT } from './aws-plan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `terraform show -json` of the envs/aws plan the security tests read. */
    awsPlanFile: string;
    /** The functions/ folder the plan was made from (its manifests), not the live one. */
    awsFunctionsDir: string;
    /**
     * The moto endpoint the copy of envs/aws is applied to; it runs until the
     * suite's teardown. Empty when SECURITY_PLAN_JSON reuses a plan.
     */
    awsEndpoint: string;
    /**
     * The applied copy of envs/aws (its terraform.tfstate is the stack on
     * awsEndpoint), e.g. for a destroy test. Empty when SECURITY_PLAN_JSON
     * reuses a plan.
     */
    awsEnvDir: string;
  }
}

/**
 * Makes the plan of terraform/envs/aws the security tests assert on: a moto
 * server of its own (TEST_SECURITY_AWS_PORT, default 4568, beside the
 * integration suite's 4567), the env applied to it and planned again. moto
 * keeps running, with the stack applied, until the suite's teardown.
 * SECURITY_PLAN_JSON=<file> skips all that and reads a plan made before
 * (the last run leaves one in .local/security-<port>/plan.json, with the
 * manifests it was made from in .local/security-<port>/stack/functions).
 * @returns the teardown, which stops moto.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const reuse = process.env.SECURITY_PLAN_JSON;
  if (reuse) {
    const copied = path.join(path.dirname(path.resolve(reuse)), 'stack', 'functions');
    project.provide('awsPlanFile', path.resolve(reuse));
    project.provide('awsFunctionsDir', existsSync(copied) ? copied : path.join(REPO_ROOT, 'functions'));
    project.provide('awsEndpoint', '');
    project.provide('awsEnvDir', '');
    return undefined;
  }
  const port = Number(process.env.TEST_SECURITY_AWS_PORT ?? 4568);
  const workDir = path.join(REPO_ROOT, '.local', `security-${port}`);
  const moto = await startMoto({ port });
  try {
    const started = Date.now();
    const stackDir = path.join(workDir, 'stack');
    const { json, envDir } = await planAwsEnv({
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
    project.provide('awsEndpoint', moto.endpoint);
    project.provide('awsEnvDir', envDir);
  } catch (error) {
    await moto.stop();
    throw error;
  }
  return () => moto.stop();
}
