/**
 * The operations commands (`make status`, `make mail`, `make metrics`,
 * `make redrive`) act on the stack `make dev` is running: it records its moto
 * endpoint and `terraform output` in .local/dev-stack.json while it runs.
 * DEV_STACK_FILE=<file> points every command at another stack (the e2e tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import { DEV_STACK_FILE, type DevStack } from '@pipeline/local/stack/dev-stack.ts';

/**
 * Reads the running `make dev` stack and checks moto still answers.
 * @throws Error telling the user to start `make dev` when it is not running.
 */
export async function readDevStack(file = process.env.DEV_STACK_FILE || DEV_STACK_FILE): Promise<DevStack> {
  if (!existsSync(file)) throw new Error('no local stack: start `make dev` in another terminal first');
  const stack = JSON.parse(readFileSync(file, 'utf8')) as DevStack;
  const alive = await fetch(`${stack.endpoint}/moto-api/`).then(
    (r) => r.ok,
    () => false,
  );
  if (!alive) throw new Error(`moto does not answer at ${stack.endpoint}: is \`make dev\` still running?`);
  return stack;
}

/** Runs an operations command's main: prints the error's message (not a stack) and exits 1 on failure. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error: Error) => {
    console.error(`✖ ${error.message}`);
    process.exit(1);
  });
}
