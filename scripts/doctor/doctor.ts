/**
 * `make doctor`: a preflight of the AWS account before `make deploy`, with
 * the user's credentials. Prints one ✔ / ✖ / ! line per check (a fix under
 * each ✖ and !) and exits 1 when anything would break the apply.
 *
 *   npx tsx scripts/doctor/doctor.ts [--env-dir <dir>]
 *
 * DOCTOR_ENV_DIR also selects the env (default terraform/envs/aws).
 */
import { formatLine, hasFailure } from './check-line.ts';
import { runDoctor } from './run-doctor.ts';

const flag = process.argv.indexOf('--env-dir');
const envDir = flag >= 0 ? process.argv[flag + 1] : process.env.DOCTOR_ENV_DIR || undefined;

try {
  const lines = await runDoctor({ envDir });
  for (const line of lines) console.log(formatLine(line));
  if (hasFailure(lines)) {
    console.log('\ndoctor: fix the ✖ lines above before `make deploy`.');
    process.exitCode = 1;
  } else {
    console.log('\ndoctor: ready to deploy.');
  }
} catch (error) {
  console.error(`doctor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 2;
}
