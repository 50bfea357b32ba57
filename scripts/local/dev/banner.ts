/**
 * What `make dev` tells the user once the stack is up: the banner with the
 * endpoint, names and commands to try, and .local/env for their shell.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_CREDENTIAL_ENV } from '@pipeline/local-aws/credentials';
import type { ApiGateway } from '../gateway/api-gateway.ts';
import type { LocalUser } from '../gateway/cognito.ts';
import type { Runtime } from '../lambda/runtime.ts';
import type { StackOutputs } from '../stack/stack-outputs.ts';
import { LOCAL_DIR } from '../tools.ts';
import type { WebServer } from '../web/web-server.ts';
import { bold, readyLine } from './timings.ts';

/** The key the banner's example upload uses. */
export const DEMO_KEY = 'uploads/demo/photo.jpg';

export function writeEnvFile(endpoint: string, outputs: StackOutputs, apiUrl: string | undefined): string {
  const file = path.join(LOCAL_DIR, 'env');
  mkdirSync(LOCAL_DIR, { recursive: true });
  writeFileSync(
    file,
    [
      '# Written by `make dev`: point the aws CLI and SDKs at the local moto server.',
      `export AWS_ENDPOINT_URL=${endpoint} AWS_ACCESS_KEY_ID=${LOCAL_CREDENTIAL_ENV.AWS_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${LOCAL_CREDENTIAL_ENV.AWS_SECRET_ACCESS_KEY} AWS_DEFAULT_REGION=${outputs.region} AWS_PAGER=`,
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
export async function imageIdFor(key: string): Promise<string | undefined> {
  try {
    const domain = (await import('@pipeline/domain')) as { imageIdForKey?: (key: string) => string };
    return domain.imageIdForKey?.(key);
  } catch {
    return undefined;
  }
}

/** Banner lines about the HTTP API: its URL, the demo accounts, a token to try it with, the web app. */
export function apiLines(
  outputs: StackOutputs,
  endpoint: string,
  api: ApiGateway,
  users: LocalUser[],
  web: WebServer | undefined,
): string[] {
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
          '  Call the API as the demo user (docs/local.md has one example per route):',
          `    TOKEN=$(${signIn})`,
          `    curl -s -H "Authorization: Bearer $TOKEN" ${api.url}/images`,
        ]
      : []),
  ];
}

export function banner(
  outputs: StackOutputs,
  endpoint: string,
  envFile: string,
  runtime: Runtime,
  demo: { imageId: string | undefined; samplePhoto: string },
  api: string[],
) {
  const ready = readyLine();
  // The generated sample (make sample): a file every clone has once make dev ran.
  const { imageId, samplePhoto: photo } = demo;
  const aws = `aws --endpoint-url ${endpoint}`;
  const scheduled = runtime.scheduled.map((name) =>
    `${name} ${outputs.functions[name]?.schedule ?? ''}`.trim(),
  );
  const queued = runtime.functions.filter((name) => !runtime.scheduled.includes(name));
  const lines = [
    '',
    `${bold(`✔ local pipeline ready in ${ready.total}`)}  (${ready.phases})`,
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
    '  Upload the sample photo (or any image file of yours):',
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
