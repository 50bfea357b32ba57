/**
 * `make deploy`, after terraform apply: publishes web/dist to the web bucket
 * behind CloudFront and writes the app's /config.json from the outputs.
 * Hashed assets are cached for a year; index.html and config.json never.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseStackOutputs } from '@pipeline/local/stack/stack-outputs.ts';
import { REPO_ROOT } from '@pipeline/local/tools.ts';
import { webConfigFromOutputs } from '@pipeline/local/web/web-server.ts';

const envDir = path.join(REPO_ROOT, 'terraform', 'envs', 'aws');
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const raw = JSON.parse(run(path.join(REPO_ROOT, 'scripts', 'terraform.sh'), [envDir, 'output', '-json']));
const outputs = parseStackOutputs(raw);
const bucket: string | undefined = raw.web_bucket?.value;
const distribution: string | undefined = raw.web_distribution_id?.value;
if (!bucket) throw new Error('terraform output web_bucket is missing: apply terraform/envs/aws first');

const dist = path.join(REPO_ROOT, 'web', 'dist');
const configFile = path.join(mkdtempSync(path.join(tmpdir(), 'web-config-')), 'config.json');
writeFileSync(configFile, JSON.stringify(webConfigFromOutputs(outputs), null, 2));

console.log(`▸ web app → s3://${bucket}`);
run('aws', [
  's3',
  'sync',
  path.join(dist, 'assets'),
  `s3://${bucket}/assets`,
  '--delete',
  '--cache-control',
  'public, max-age=31536000, immutable',
]);
run('aws', ['s3', 'sync', dist, `s3://${bucket}`, '--exclude', 'assets/*', '--cache-control', 'no-cache']);
run('aws', [
  's3',
  'cp',
  configFile,
  `s3://${bucket}/config.json`,
  '--cache-control',
  'no-store',
  '--content-type',
  'application/json',
]);
if (distribution) {
  run('aws', [
    'cloudfront',
    'create-invalidation',
    '--distribution-id',
    distribution,
    '--paths',
    '/index.html',
    '/config.json',
  ]);
}
console.log(`✔ web app published: ${outputs.web_url ?? `(bucket ${bucket})`}`);
