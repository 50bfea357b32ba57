/**
 * `make soak` / scripts/soak/run.sh arguments. Pure, so they are unit-tested.
 */
import { parseFaults } from '@pipeline/aws';

export interface SoakArgs {
  uploads: number;
  concurrency: number;
  seed: number | undefined;
  /** PIPELINE_FAULTS for every function, e.g. `rate=0.05`. */
  faults: string | undefined;
  /** Kill the runtime's `worker` processes or the whole `runtime` mid-batch. */
  kill: 'worker' | 'runtime' | undefined;
  /** Folder of real photos to mix in; `none` for generated photos only; undefined for the default. */
  photos: string | undefined;
  help: boolean;
}

export const USAGE = `Usage: scripts/soak/run.sh [options]   (make soak [N=<uploads>])

  --uploads N        uploads in the run (default 300)
  --concurrency N    uploads in flight at once (default 8)
  --faults SPEC      PIPELINE_FAULTS for every function, e.g. rate=0.05 (see packages/aws)
  --kill MODE        SIGKILL mid-batch: worker (an execution environment) or runtime (all of it, then restart)
  --seed N           replay a run's mix of uploads
  --photos DIR|none  real photos to mix in (default ../shared/photos when present)
  -h, --help         this text

Environment: SOAK_AWS_PORT (moto's port, default 4598), LOCAL_SKIP_BUILD=1 (reuse functions/*/dist).`;

function positiveInteger(flag: string, value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number < 1) {
    throw new Error(`${flag}: expected a positive whole number, got ${value ?? 'nothing'}`);
  }
  return number;
}

/**
 * Parses the command line (without `node` and the script).
 * @throws Error naming the flag for an unknown flag or a bad value.
 */
export function parseSoakArgs(argv: readonly string[]): SoakArgs {
  const args: SoakArgs = {
    uploads: 300,
    concurrency: 8,
    seed: undefined,
    faults: undefined,
    kill: undefined,
    photos: undefined,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    switch (flag) {
      case '-h':
      case '--help':
        args.help = true;
        continue;
      case '--uploads':
        args.uploads = positiveInteger(flag, value);
        break;
      case '--concurrency':
        args.concurrency = positiveInteger(flag, value);
        break;
      case '--seed':
        args.seed = positiveInteger(flag, value);
        break;
      case '--faults':
        if (!value) throw new Error('--faults: expected a PIPELINE_FAULTS value such as rate=0.05');
        parseFaults(value); // throws naming PIPELINE_FAULTS
        args.faults = value;
        break;
      case '--kill':
        if (value !== 'worker' && value !== 'runtime') {
          throw new Error(`--kill: expected worker or runtime, got ${value ?? 'nothing'}`);
        }
        args.kill = value;
        break;
      case '--photos':
        if (!value) throw new Error('--photos: expected a folder or none');
        args.photos = value;
        break;
      default:
        throw new Error(`unknown argument ${flag} (see --help)`);
    }
    i += 1;
  }
  return args;
}
