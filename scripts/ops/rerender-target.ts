/**
 * Which stack `make rerender` works on: `make dev`'s (the default), or a
 * deployed one whose `terraform output -json` is in STACK_OUTPUTS (AWS
 * credentials from the usual chain: AWS_PROFILE, SSO, environment).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRenditionProfile, type RenditionProfile, renditionProfileDigest } from '@pipeline/domain';
import { parseStackOutputs, type StackOutputs } from '@pipeline/local/stack/stack-outputs.ts';
import { localClientConfig } from '@pipeline/local-aws/credentials';
import { readDevStack } from './dev-stack.ts';

/** The stack, the SDK client settings to reach it, and the profile its resize function renders. */
export interface RerenderTarget {
  where: 'local' | 'aws';
  outputs: StackOutputs;
  clientConfig: {
    region: string;
    endpoint?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
  };
  resize: { queueUrl: string; memoryMb: number; profile: RenditionProfile; digest: string };
}

const RESIZE_MANIFEST = path.join(import.meta.dirname, '..', '..', 'functions', 'resize', 'function.json');

/**
 * Reads the target from STACK_OUTPUTS (a file) or the running `make dev`.
 *
 * @throws Error when the stack has no resize queue, or its RENDITION_PROFILE is invalid.
 */
export async function readRerenderTarget(env: Record<string, string | undefined>): Promise<RerenderTarget> {
  if (env.STACK_OUTPUTS) {
    const outputs = parseStackOutputs(JSON.parse(readFileSync(env.STACK_OUTPUTS, 'utf8')));
    return { where: 'aws', outputs, clientConfig: { region: outputs.region }, resize: resizeOf(outputs) };
  }
  const { endpoint, outputs } = await readDevStack();
  return {
    where: 'local',
    outputs,
    clientConfig: localClientConfig(endpoint, outputs.region),
    resize: resizeOf(outputs),
  };
}

function resizeOf(outputs: StackOutputs): RerenderTarget['resize'] {
  const resize = outputs.functions.resize;
  if (!resize?.queue_url) throw new Error('the stack has no resize queue (functions.resize.queue_url)');
  // The profile the deployed resize renders: what its environment holds (unset: the default).
  const profile = parseRenditionProfile(resize.environment?.RENDITION_PROFILE);
  const manifest = JSON.parse(readFileSync(RESIZE_MANIFEST, 'utf8')) as { memoryMb: number };
  return {
    queueUrl: resize.queue_url,
    memoryMb: resize.memory_mb ?? manifest.memoryMb,
    profile,
    digest: renditionProfileDigest(profile),
  };
}
