/**
 * `make dev`: the whole pipeline on this machine. Checks tools, builds and
 * packages the functions, starts moto, applies terraform/envs/local to it,
 * runs the local Lambda service, and prints what to try. Ctrl-C stops
 * everything it started. moto keeps state in memory: every run starts empty.
 *
 * When the stack has an http-triggered function, it also serves the HTTP API
 * the way API Gateway does (api-gateway.ts) and creates the demo users in the
 * local Cognito pool (cognito.ts).
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
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ApiGateway, httpFunctions, startApiGateway } from './api-gateway.ts';
import { ensureDemoUsers, type LocalUser } from './cognito.ts';
import { formatDuration } from './log-format.ts';
import { type MotoServer, startMoto } from './moto.ts';
import { s3RenditionSource } from './renditions-source.ts';
import { type Runtime, startRuntime } from './runtime.ts';
import {
  applyLocalStack,
  DEV_STACK_FILE,
  DEV_STATE_FILE,
  type DevStack,
  type StackOutputs,
} from './stack.ts';
import { LOCAL_DIR, REPO_ROOT } from './tools.ts';
import { serveWeb, type WebServer, webConfigFromOutputs } from './web-server.ts';

const started = Date.now();
const DEMO_KEY = 'uploads/demo/photo.jpg';
// Lambda runs the bundles on node22; the SDK's warning about an older local Node is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const port = Number(process.env.LOCAL_AWS_PORT ?? 4566);
// Terraform bakes the web origin into CORS rules and RENDITIONS_BASE_URL: keep it on the port we serve.
process.env.TF_VAR_web_app_url ??= `http://localhost:${process.env.LOCAL_WEB_PORT ?? 4581}`;
const timings: string[] = [];
let moto: MotoServer | undefined;
let motoStarting: Promise<MotoServer> | undefined;
let runtime: Runtime | undefined;
let runtimeStarting: Promise<Runtime> | undefined;
let gateway: ApiGateway | undefined;
let gatewayStarting: Promise<ApiGateway> | undefined;
let web: WebServer | undefined;
let stopping = false;
/** Aborted on shutdown: stops a build or terraform apply still running. */
const aborter = new AbortController();

const bold = (text: string) =>
  process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[1m${text}\u001b[0m` : text;
const step = (text: string) => console.log(bold(`▸ ${text}`));

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await work();
  timings.push(`${label} ${formatDuration(Date.now() - t0)}`);
  return result;
}

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

async function shutdown(code: number): Promise<void> {
  if (stopping) {
    // Second Ctrl-C: do not wait for in-flight batches; workers exit when we do.
    if (moto?.pid) process.kill(moto.pid, 'SIGKILL');
    process.exit(code);
  }
  stopping = true;
  aborter.abort();
  console.log(
    bold(
      '\n▸ stopping: API gateway, local runtime (waits for in-flight batches; Ctrl-C again to force), moto',
    ),
  );
  const settle = <T>(p: Promise<T> | undefined) => p?.catch(() => undefined);
  await web?.stop().catch((error) => console.error(`web app: ${(error as Error).message}`));
  gateway ??= await settle(gatewayStarting);
  await gateway?.stop().catch((error) => console.error(`API gateway: ${(error as Error).message}`));
  runtime ??= await settle(runtimeStarting);
  await runtime?.stop().catch((error) => console.error(`runtime: ${(error as Error).message}`));
  moto ??= await settle(motoStarting);
  await moto?.stop().catch((error) => console.error(`moto: ${(error as Error).message}`));
  rmSync(DEV_STACK_FILE, { force: true });
  console.log('▸ stopped; local state discarded');
  process.exit(code);
}

function writeEnvFile(endpoint: string, outputs: StackOutputs, apiUrl: string | undefined): string {
  const file = path.join(LOCAL_DIR, 'env');
  mkdirSync(LOCAL_DIR, { recursive: true });
  writeFileSync(
    file,
    [
      '# Written by `make dev`: point the aws CLI and SDKs at the local moto server.',
      `export AWS_ENDPOINT_URL=${endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=${outputs.region} AWS_PAGER=`,
      `export UPLOADS_BUCKET=${outputs.uploads_bucket} RENDITIONS_BUCKET=${outputs.renditions_bucket} IMAGES_TABLE=${outputs.images_table}`,
      `export EVENTS_TOPIC_ARN=${outputs.events_topic_arn}`,
      ...(apiUrl
        ? [
            `export API_URL=${apiUrl} USER_POOL_ID=${outputs.user_pool_id ?? ''} USER_POOL_CLIENT_ID=${outputs.user_pool_client_id ?? ''}`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  return file;
}

/** The imageId the pipeline will give `key`, from the domain package (undefined if it cannot load). */
async function imageIdFor(key: string): Promise<string | undefined> {
  try {
    const domain = (await import('@pipeline/domain')) as { imageIdForKey?: (key: string) => string };
    return domain.imageIdForKey?.(key);
  } catch {
    return undefined;
  }
}

/** Banner lines about the HTTP API: its URL, the demo accounts, a token to try it with, the web app. */
function apiLines(outputs: StackOutputs, endpoint: string, api: ApiGateway, users: LocalUser[]): string[] {
  const [demo] = users;
  const signIn = demo
    ? `aws --endpoint-url ${endpoint} cognito-idp initiate-auth --client-id ${outputs.user_pool_client_id} --auth-flow USER_PASSWORD_AUTH --auth-parameters 'USERNAME=${demo.email},PASSWORD=${demo.password}' --query AuthenticationResult.IdToken --output text`
    : undefined;
  return [
    `  api         ${api.url}   (${api.routes.length} routes of ${api.functions.join(', ')}; Cognito JWT as on API Gateway)`,
    ...users.map(
      (user) =>
        `  ${(user.groups.length > 0 ? 'moderator' : 'demo user').padEnd(11)} ${user.email} / ${user.password}`,
    ),
    `  web app     ${web ? `${web.url}   (sign in with an account above)` : '(not served)'}`,
    ...(signIn
      ? [
          '',
          '  Call the API as the demo user (README.md has one example per route):',
          `    TOKEN=$(${signIn})`,
          `    curl -s -H "Authorization: Bearer $TOKEN" ${api.url}/images`,
        ]
      : []),
  ];
}

function banner(
  outputs: StackOutputs,
  endpoint: string,
  envFile: string,
  runtime: Runtime,
  imageId: string | undefined,
  api: string[],
) {
  // Any image file of the user's: the banner names no folder a fresh clone lacks.
  const photo = 'path/to/photo.jpg';
  const aws = `aws --endpoint-url ${endpoint}`;
  const scheduled = runtime.scheduled.map((name) =>
    `${name} ${outputs.functions[name]?.schedule ?? ''}`.trim(),
  );
  const queued = runtime.functions.filter((name) => !runtime.scheduled.includes(name));
  const lines = [
    '',
    `${bold(`✔ local pipeline ready in ${formatDuration(Date.now() - started)}`)}  (${timings.join(', ')})`,
    `  moto is in memory: every \`make dev\` starts from an empty stack; Ctrl-C discards it.`,
    '',
    `  endpoint    ${endpoint}`,
    `  uploads     s3://${outputs.uploads_bucket}`,
    `  renditions  s3://${outputs.renditions_bucket}`,
    `  table       ${outputs.images_table}`,
    `  functions   ${queued.join(', ')} (polling their queues)`,
    ...(scheduled.length > 0
      ? [
          `              ${scheduled.join(', ')} (at start, then on the schedule; \`make metrics\` runs it now)`,
        ]
      : []),
    `  env         source ${path.relative(process.cwd(), envFile)}   # AWS_ENDPOINT_URL, test credentials, bucket and table names`,
    ...api,
    '',
    '  Upload a photo (any image file works):',
    `    ${aws} s3 cp ${photo} s3://${outputs.uploads_bucket}/${DEMO_KEY}`,
    '  Then look at the record and the renditions:',
    `    ${aws} dynamodb scan --table-name ${outputs.images_table}`,
    ...(imageId
      ? [
          `    ${aws} dynamodb get-item --table-name ${outputs.images_table} --key '{"imageId":{"S":"${imageId}"}}'`,
        ]
      : []),
    `    ${aws} s3 ls s3://${outputs.renditions_bucket} --recursive`,
    `  Delete it again:  ${aws} s3 rm s3://${outputs.uploads_bucket}/${DEMO_KEY}`,
    '',
    '  In another terminal: make status (queues, images by status) · make mail (emails sent) ·',
    '  make metrics (bucket metrics now) · make redrive QUEUE=<function> (dead letters back)',
    '',
    '  Logs follow (LOCAL_LOG_FORMAT=json for raw). Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  step('tools (scripts/ensure-tools.sh)');
  await timed('tools', () => runCommand(path.join(REPO_ROOT, 'scripts', 'ensure-tools.sh'), []));

  if (process.env.LOCAL_SKIP_BUILD === '1') {
    step('build: skipped (LOCAL_SKIP_BUILD=1), using existing functions/*/dist');
  } else {
    step('build + package functions (npx turbo run package)');
    await timed('build', () => runCommand('npx', ['turbo', 'run', 'package', '--output-logs=errors-only']));
  }

  step(`moto server on port ${port}`);
  motoStarting = startMoto({ port });
  moto = await timed('moto', () => motoStarting as Promise<MotoServer>);
  if (stopping) return;

  step('terraform apply terraform/envs/local (fresh state: moto starts empty)');
  const { outputs } = await timed('terraform', () =>
    applyLocalStack({
      endpoint: (moto as MotoServer).endpoint,
      stateFile: DEV_STATE_FILE,
      signal: aborter.signal,
    }),
  );
  if (stopping) return;

  step('local Lambda runtime');
  const passthrough = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key, value]) => /^(PIPELINE_|POWERTOOLS_)/.test(key) && value !== undefined,
    ),
  ) as Record<string, string>;
  const endpoint = moto.endpoint;
  runtimeStarting = startRuntime({
    outputs,
    endpoint,
    env: passthrough,
    schedules: process.env.LOCAL_SCHEDULES !== '0',
    forwardMetrics: true,
  });
  runtime = await timed('runtime', () => runtimeStarting as Promise<Runtime>);
  if (stopping) return;

  let users: LocalUser[] = [];
  if (httpFunctions(outputs).length > 0) {
    step(`local API gateway on port ${process.env.LOCAL_API_PORT ?? 4580} + demo users in the Cognito pool`);
    gatewayStarting = startApiGateway({ outputs, endpoint, env: passthrough });
    gateway = await timed('api', () => gatewayStarting as Promise<ApiGateway>);
    if (stopping) return;
    if (outputs.user_pool_id) users = await ensureDemoUsers(outputs, endpoint);
  }

  if (gateway && outputs.web_url) {
    // The built web app (turbo's package task builds web/dist too), talking to the local gateway; it also
    // stands in for CloudFront and serves /renditions/<key> from the private bucket (RENDITIONS_BASE_URL).
    step(`web app on ${outputs.web_url}`);
    web = await timed('web', () =>
      serveWeb({
        port: Number(new URL(outputs.web_url as string).port),
        config: webConfigFromOutputs(outputs, {
          apiUrl: (gateway as ApiGateway).url,
          cognitoEndpoint: endpoint,
        }),
        renditions: s3RenditionSource({
          endpoint,
          region: outputs.region,
          bucket: outputs.renditions_bucket,
          // Deleted and moderator-rejected images answer 404 at once (docs/delivery.md).
          imagesTable: outputs.images_table,
        }),
      }),
    );
  }

  const envFile = writeEnvFile(moto.endpoint, outputs, gateway?.url);
  const devStack: DevStack = {
    endpoint: moto.endpoint,
    outputs,
    ...(gateway ? { apiUrl: gateway.url } : {}),
  };
  writeFileSync(DEV_STACK_FILE, `${JSON.stringify(devStack, null, 2)}\n`);
  const api = gateway ? apiLines(outputs, moto.endpoint, gateway, users) : [];
  banner(outputs, moto.endpoint, envFile, runtime, await imageIdFor(DEMO_KEY), api);
}

main().catch(async (error: Error) => {
  if (stopping) return; // a signal is already stopping everything
  console.error(`\n✖ make dev failed: ${error.message}`);
  await shutdown(1);
});
