/**
 * `make dev`: the whole pipeline on this machine. Checks tools, builds and
 * packages the functions, starts moto, applies terraform/envs/local to it,
 * runs the local Lambda service, and prints what to try. Ctrl-C stops
 * everything it started. moto keeps state in memory: every run starts empty.
 *
 * When the stack has an http-triggered function, it also serves the HTTP API
 * the way API Gateway does (gateway/api-gateway.ts) and creates the demo users
 * in the local Cognito pool (gateway/cognito.ts).
 *
 * Scheduled functions (bucket-metrics) run on their schedule, and once a few
 * seconds after start (LOCAL_SCHEDULES=0 turns that off; `make metrics` runs one now).
 * The handlers' metric (EMF) lines are put into moto's CloudWatch.
 *
 * Environment: LOCAL_AWS_PORT (default 4566), LOCAL_API_PORT (default 4580),
 * ALLOWED_ORIGINS, LOCAL_RETRY_DELAY_SECONDS, LOCAL_SCHEDULES,
 * LOCAL_LOG_FORMAT=json, LOCAL_SKIP_BUILD=1 (reuse existing dist/),
 * PIPELINE_* and POWERTOOLS_* are passed to every handler.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SAMPLE, makeSample } from '@pipeline/sample/make-sample.ts';
import { type ApiGateway, httpFunctions, startApiGateway } from '../gateway/api-gateway.ts';
import { ensureDemoUsers, type LocalUser } from '../gateway/cognito.ts';
import { type Runtime, startRuntime } from '../lambda/runtime.ts';
import { type MotoServer, startMoto } from '../moto/moto-server.ts';
import { applyLocalStack } from '../stack/apply-stack.ts';
import { DEV_STACK_FILE, DEV_STATE_FILE, type DevStack } from '../stack/dev-stack.ts';
import type { StackOutputs } from '../stack/stack-outputs.ts';
import { REPO_ROOT } from '../tools.ts';
import { s3RenditionSource } from '../web/renditions-source.ts';
import { serveWeb, type WebServer, webConfigFromOutputs } from '../web/web-server.ts';
import { apiLines, banner, DEMO_KEY, imageIdFor, writeEnvFile } from './banner.ts';
import { bold, record, startedAt, step, timed } from './timings.ts';

// Lambda runs the bundles on node22; the SDK's warning about an older local Node is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const port = Number(process.env.LOCAL_AWS_PORT ?? 4566);
// Terraform bakes the web origin into CORS rules and RENDITIONS_BASE_URL: keep it on the port we serve.
process.env.TF_VAR_web_app_url ??= `http://localhost:${process.env.LOCAL_WEB_PORT ?? 4581}`;

/** What is running (or starting), for shutdown to stop. */
const running: {
  moto?: Promise<MotoServer>;
  runtime?: Promise<Runtime>;
  gateway?: Promise<ApiGateway>;
  web?: Promise<WebServer>;
} = {};
/** moto once it answers: a second Ctrl-C kills it without waiting for anything. */
let motoServer: MotoServer | undefined;
let stopping = false;
/** Aborted on shutdown: stops a build or terraform apply still running. */
const aborter = new AbortController();

function runCommand(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    aborter.signal.addEventListener('abort', () => child.kill('SIGINT'), { once: true });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** Stops `what` once it has started (or failed to); reports a failure to stop and goes on. */
async function stopStarted(name: string, what: Promise<{ stop(): Promise<void> }> | undefined) {
  const started = await what?.catch(() => undefined);
  await started?.stop().catch((error) => console.error(`${name}: ${(error as Error).message}`));
}

async function shutdown(code: number): Promise<void> {
  if (stopping) {
    // Second Ctrl-C: do not wait for in-flight batches; workers exit when we do.
    if (motoServer?.pid) process.kill(motoServer.pid, 'SIGKILL');
    process.exit(code);
  }
  stopping = true;
  aborter.abort();
  console.log(
    bold(
      '\n▸ stopping: API gateway, local runtime (waits for in-flight batches; Ctrl-C again to force), moto',
    ),
  );
  await stopStarted('web app', running.web);
  await stopStarted('API gateway', running.gateway);
  await stopStarted('runtime', running.runtime);
  await stopStarted('moto', running.moto);
  rmSync(DEV_STACK_FILE, { force: true });
  console.log('▸ stopped; local state discarded');
  process.exit(code);
}

/** Phase: the tools scripts/ensure-tools.sh installs (node_modules, moto, terraform). */
async function checkTools(): Promise<void> {
  step('tools (scripts/ensure-tools.sh)');
  await timed('tools', () => runCommand(path.join(REPO_ROOT, 'scripts', 'ensure-tools.sh'), []));
}

/** Phase: build and package every function and the web app, unless LOCAL_SKIP_BUILD=1. */
async function buildFunctions(): Promise<void> {
  if (process.env.LOCAL_SKIP_BUILD === '1') {
    step('build: skipped (LOCAL_SKIP_BUILD=1), using existing functions/*/dist');
    return;
  }
  step('build + package functions (npx turbo run package)');
  await timed('build', () => runCommand('npx', ['turbo', 'run', 'package', '--output-logs=errors-only']));
}

/** Phase (beside the build): terraform init of envs/local when it needs one (a fresh clone). */
async function initTerraform(): Promise<void> {
  await timed('init', () =>
    runCommand(path.join(REPO_ROOT, 'scripts', 'terraform.sh'), ['terraform/envs/local']),
  );
}

/** Phase (beside the build): the sample photo the banner suggests uploading (make sample). */
async function ensureSamplePhoto(): Promise<string> {
  if (!existsSync(DEFAULT_SAMPLE)) await timed('sample', () => makeSample(DEFAULT_SAMPLE));
  return path.relative(process.cwd(), DEFAULT_SAMPLE);
}

/** Phase: moto on LOCAL_AWS_PORT. */
async function startMotoServer(): Promise<MotoServer> {
  step(`moto server on port ${port}`);
  running.moto = startMoto({ port });
  motoServer = await timed('moto', () => running.moto as Promise<MotoServer>);
  return motoServer;
}

/** Phase: terraform/envs/local applied to moto at `endpoint`, from a fresh state. */
async function applyStack(endpoint: string): Promise<StackOutputs> {
  step('terraform apply terraform/envs/local (fresh state: moto starts empty)');
  const { outputs } = await timed('terraform', () =>
    applyLocalStack({ endpoint, stateFile: DEV_STATE_FILE, signal: aborter.signal }),
  );
  return outputs;
}

/** PIPELINE_* and POWERTOOLS_* of this shell, passed to every handler. */
function passthroughEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key, value]) => /^(PIPELINE_|POWERTOOLS_)/.test(key) && value !== undefined,
    ),
  ) as Record<string, string>;
}

/** Phase: the local Lambda service for the queue-triggered and scheduled functions. */
async function startLambdaRuntime(outputs: StackOutputs, endpoint: string): Promise<Runtime> {
  step('local Lambda runtime');
  running.runtime = startRuntime({
    outputs,
    endpoint,
    env: passthroughEnv(),
    schedules: process.env.LOCAL_SCHEDULES !== '0',
    forwardMetrics: true,
  });
  return timed('runtime', () => running.runtime as Promise<Runtime>);
}

/** Phase: the HTTP API and the demo users, when the stack has an http-triggered function. */
async function startGateway(
  outputs: StackOutputs,
  endpoint: string,
): Promise<{ gateway: ApiGateway | undefined; users: LocalUser[] }> {
  if (httpFunctions(outputs).length === 0) return { gateway: undefined, users: [] };
  step(`local API gateway on port ${process.env.LOCAL_API_PORT ?? 4580} + demo users in the Cognito pool`);
  running.gateway = startApiGateway({ outputs, endpoint, env: passthroughEnv() });
  const gateway = await timed('api', () => running.gateway as Promise<ApiGateway>);
  if (stopping || !outputs.user_pool_id) return { gateway, users: [] };
  const users = await timed('users', () => ensureDemoUsers(outputs, endpoint));
  return { gateway, users };
}

/**
 * Phase: the built web app (turbo's package task builds web/dist too), talking to the local gateway; it
 * also stands in for CloudFront and serves /renditions/<key> from the private bucket (RENDITIONS_BASE_URL).
 */
async function startWeb(outputs: StackOutputs, endpoint: string, gateway: ApiGateway): Promise<WebServer> {
  step(`web app on ${outputs.web_url}`);
  running.web = serveWeb({
    port: Number(new URL(outputs.web_url as string).port),
    config: webConfigFromOutputs(outputs, { apiUrl: gateway.url, cognitoEndpoint: endpoint }),
    renditions: s3RenditionSource({
      endpoint,
      region: outputs.region,
      bucket: outputs.renditions_bucket,
      // Deleted and moderator-rejected images answer 404 at once (docs/delivery.md).
      imagesTable: outputs.images_table,
    }),
  });
  return timed('web', () => running.web as Promise<WebServer>);
}

/** Writes .local/env and the dev stack file for scripts/ops, and prints the banner. */
async function announce(
  endpoint: string,
  outputs: StackOutputs,
  runtime: Runtime,
  served: { gateway: ApiGateway | undefined; users: LocalUser[]; web: WebServer | undefined },
  samplePhoto: string,
): Promise<void> {
  const { gateway, users, web } = served;
  const { envFile, imageId } = await timed('files', async () => {
    const envFile = writeEnvFile(endpoint, outputs, gateway?.url);
    const devStack: DevStack = { endpoint, outputs, ...(gateway ? { apiUrl: gateway.url } : {}) };
    writeFileSync(DEV_STACK_FILE, `${JSON.stringify(devStack, null, 2)}\n`);
    return { envFile, imageId: await imageIdFor(DEMO_KEY) };
  });
  const api = gateway ? apiLines(outputs, endpoint, gateway, users, web) : [];
  banner(outputs, endpoint, envFile, runtime, { imageId, samplePhoto }, api);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // Everything before this line: scripts/dev.sh (a fresh clone's install), node and tsx loading this file.
  record('start', Date.now() - startedAt);

  await checkTools();
  // Nothing of these waits on the build: they run beside it (their times overlap in the banner).
  const [, { endpoint }, , samplePhoto] = await Promise.all([
    buildFunctions(),
    startMotoServer(),
    initTerraform(),
    ensureSamplePhoto(),
  ]);
  if (stopping) return;
  const outputs = await applyStack(endpoint);
  if (stopping) return;
  const runtime = await startLambdaRuntime(outputs, endpoint);
  if (stopping) return;
  const { gateway, users } = await startGateway(outputs, endpoint);
  if (stopping) return;
  const web = gateway && outputs.web_url ? await startWeb(outputs, endpoint, gateway) : undefined;
  await announce(endpoint, outputs, runtime, { gateway, users, web }, samplePhoto);
}

main().catch(async (error: Error) => {
  if (stopping) return; // a signal is already stopping everything
  console.error(`\n✖ make dev failed: ${error.message}`);
  await shutdown(1);
});
