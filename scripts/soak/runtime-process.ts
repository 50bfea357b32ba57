/**
 * The local runtime (scripts/local/lambda/runtime.ts) in a process of its own, so
 * the soak can SIGKILL it in the middle of a batch, as a host dies, and start
 * another. Started by runtime-control.ts as
 * `node --import tsx runtime-process.ts <spec.json>` where the file holds
 * `{ outputs, endpoint, functions?, env? }`. Prints the runtime's log lines,
 * then READY_LINE once every function is polling. SIGTERM stops it gracefully
 * (in-flight batches finish); it exits at once when stdin closes, i.e. when
 * the soak that started it is gone.
 */
import { readFileSync } from 'node:fs';
import { startRuntime } from '../local/lambda/runtime.ts';
import { READY_LINE, type RuntimeSpec } from './runtime-control.ts';

async function main(specFile: string): Promise<void> {
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as RuntimeSpec;
  const runtime = await startRuntime({
    outputs: spec.outputs,
    endpoint: spec.endpoint,
    ...(spec.functions ? { functions: spec.functions } : {}),
    ...(spec.env ? { env: spec.env } : {}),
    style: { color: false, format: 'pretty' },
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${READY_LINE} ${runtime.functions.join(',')}\n`);
  process.once('SIGTERM', () => {
    runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(1));
}

main(process.argv[2] ?? '').catch((error: Error) => {
  process.stderr.write(`runtime failed to start: ${error.message}\n`);
  process.exit(1);
});
