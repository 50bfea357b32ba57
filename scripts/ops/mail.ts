/**
 * `make mail`: with `make dev` running, prints the emails the pipeline sent
 * (moto's SES keeps them instead of delivering them), newest first.
 *
 *   npx tsx scripts/ops/mail.ts [--limit N]   (default 10)
 */
import { readSentEmails } from '@pipeline/local-aws/mail';
import { readDevStack, runCommand } from './dev-stack.ts';
import { formatEmails, parseMailArgs } from './mail-format.ts';

runCommand(async () => {
  const options = parseMailArgs(process.argv.slice(2));
  const stack = await readDevStack();
  const emails = await readSentEmails(stack.endpoint);
  console.log(formatEmails(emails, options));
});
