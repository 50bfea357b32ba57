/**
 * `make soak`: a moto server of its own (SOAK_AWS_PORT, default 4598),
 * terraform/envs/local applied to it with its state under .local/soak/, then
 * the soak (soak.ts) with the full local runtime; prints the summary table,
 * writes it to .local/soak/summary.md and exits 1 when an invariant fails.
 * The runtime's log goes to .local/soak/runtime.log.
 */
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startMoto } from '../local/moto/moto-server.ts';
import { applyLocal } from '../local/stack/apply-stack.ts';
import { REPO_ROOT } from '../local/tools.ts';
import { parseSoakArgs, USAGE } from './args.ts';
import { generatePhotos, loadPhotos } from './inputs.ts';
import { runSoak } from './soak.ts';

const STATE_DIR = path.join(REPO_ROOT, '.local', 'soak');
const SHARED_PHOTOS = path.resolve(REPO_ROOT, '..', 'shared', 'photos');

async function photosFor(choice: string | undefined) {
  const generated = await generatePhotos();
  const dir = choice === undefined ? (existsSync(SHARED_PHOTOS) ? SHARED_PHOTOS : undefined) : choice;
  if (!dir || dir === 'none') return { files: generated, label: `${generated.length} generated` };
  if (!existsSync(dir)) throw new Error(`--photos: no folder ${dir}`);
  const real = loadPhotos(dir);
  return {
    files: [...generated, ...real],
    label: `${generated.length} generated + ${real.length} from ${path.relative(process.cwd(), dir) || dir}`,
  };
}

async function main(): Promise<number> {
  const args = parseSoakArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  mkdirSync(STATE_DIR, { recursive: true });
  const say = (line: string) => process.stderr.write(`[soak] ${line}\n`);
  const port = Number(process.env.SOAK_AWS_PORT ?? 4598);
  const photos = await photosFor(args.photos);
  say(`moto on port ${port}; terraform apply of terraform/envs/local (state in .local/soak/)`);
  const moto = await startMoto({ port, logFile: path.join(STATE_DIR, `moto-${port}.log`) });
  const runtimeLog = createWriteStream(path.join(STATE_DIR, 'runtime.log'));
  try {
    const outputs = await applyLocal({
      endpoint: moto.endpoint,
      stateFile: path.join(STATE_DIR, 'terraform.tfstate'),
    });
    const result = await runSoak({
      outputs,
      endpoint: moto.endpoint,
      uploads: args.uploads,
      concurrency: args.concurrency,
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.faults ? { faults: args.faults } : {}),
      ...(args.kill ? { crash: { mode: args.kill, kills: args.kill === 'worker' ? 10 : 3, every: 5 } } : {}),
      photos,
      sharedStack: false,
      log: say,
      runtimeLog: (line) => runtimeLog.write(`${line}\n`),
    });
    console.log(`\n${result.lines.join('\n')}`);
    writeFileSync(path.join(STATE_DIR, 'summary.md'), `${result.lines.join('\n')}\n`);
    say(`summary in .local/soak/summary.md, runtime log in .local/soak/runtime.log`);
    return result.passed ? 0 : 1;
  } finally {
    await new Promise((resolve) => runtimeLog.end(resolve));
    await moto.stop();
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`[soak] ✖ ${error.message}\n`);
    process.exit(2);
  },
);
