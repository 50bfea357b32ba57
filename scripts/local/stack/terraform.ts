/**
 * terraform/envs/local through scripts/terraform.sh: the child process, its
 * environment (test credentials only) and reading the outputs back.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_CREDENTIAL_ENV } from '@pipeline/local-aws/credentials';
import { lineSplitter } from '../log-format.ts';
import { REPO_ROOT } from '../tools.ts';
import { parseStackOutputs, type StackOutputs } from './stack-outputs.ts';

/** The Terraform root module of the local stack. */
export const ENV_DIR = 'terraform/envs/local';
const TERRAFORM_SH = path.join(REPO_ROOT, 'scripts', 'terraform.sh');

/** The environment terraform runs with: the caller's, minus any profile or session, plus test credentials. */
export function terraformEnv(stateFile: string): NodeJS.ProcessEnv {
  // Test credentials keep a misconfigured provider from ever reaching a real account.
  const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _token, ...inherited } = process.env;
  return {
    ...inherited,
    TF_STATE: stateFile,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    ...LOCAL_CREDENTIAL_ENV,
  };
}

/** The last `lines` lines of `file`, for an error message. */
export function tail(file: string, lines = 25): string {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs `scripts/terraform.sh terraform/envs/local <args>`, handing every output line to `onLine`. */
export function run(args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void) {
  const child = spawn(TERRAFORM_SH, [ENV_DIR, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const splitter = lineSplitter(onLine);
  child.stdout.on('data', (chunk) => splitter.push(chunk));
  child.stderr.on('data', (chunk) => splitter.push(chunk));
  const exit = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      splitter.flush();
      resolve(code ?? 1);
    });
  });
  return { exit, kill: (signal: NodeJS.Signals) => child.kill(signal) };
}

/**
 * Reads the local stack's outputs from `stateFile`.
 * @throws Error when terraform fails or the outputs break the contract.
 */
export async function readStackOutputs(stateFile: string): Promise<StackOutputs> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(TERRAFORM_SH, [ENV_DIR, 'output', '-json'], {
      cwd: REPO_ROOT,
      env: terraformEnv(stateFile),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => stdout.push(chunk.toString()));
    child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  if (code !== 0) throw new Error(`terraform output failed (exit ${code}):\n${stderr.join('')}`);
  return parseStackOutputs(JSON.parse(stdout.join('')));
}
