/**
 * moto server as the local AWS: start it on 127.0.0.1:<port>, wait until it
 * answers, stop it; reset its (in-memory) state.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_DIR, motoServerBinary } from '../tools.ts';

/** Python loaded into moto at start (see moto-patches/sitecustomize.py). */
const MOTO_PATCHES = path.join(import.meta.dirname, 'moto-patches');

export interface StartMotoOptions {
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Reuse a moto server already on the port instead of failing (default false). */
  reuseExisting?: boolean;
  /** How long to wait for it to answer, ms (default 30000). */
  timeoutMs?: number;
  /** moto_server binary (default: see motoServerBinary()). */
  binary?: string;
  /** Where moto's request log goes (default .local/moto-<port>.log). */
  logFile?: string;
}

export interface MotoServer {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  /** True when an already running server was reused (stop() then leaves it running). */
  reused: boolean;
  logFile: string | undefined;
  /** Process id of the server this call started. */
  pid: number | undefined;
  /** Stops the server this call started: SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

type Probe = 'moto' | 'other' | 'closed';

/** `sh -c SUPERVISOR <binary> <args...>`: runs moto, kills it on SIGTERM/SIGINT or when stdin closes. */
const SUPERVISOR = `
exec 3<&0 </dev/null
"$0" "$@" &
pid=$!
trap 'kill $pid 2>/dev/null' TERM INT HUP
( cat <&3 >/dev/null; kill $pid 2>/dev/null ) &
wait $pid
status=$?
wait $pid 2>/dev/null
exit $status
`;

async function probe(endpoint: string): Promise<Probe> {
  try {
    // A hang guard, not a speed limit: a moto busy on a loaded 2-CPU machine can take seconds to answer.
    const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    return response.ok && /moto/i.test(text) ? 'moto' : 'other';
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === 'ECONNREFUSED' ? 'closed' : 'other';
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Throws unless the port is free; a moto already there is fine with `reuseExisting`.
 * @returns whether that moto is to be reused.
 */
async function checkPort(
  endpoint: string,
  port: number,
  reuseExisting: boolean | undefined,
): Promise<boolean> {
  const existing = await probe(endpoint);
  if (existing === 'moto' && reuseExisting) return true;
  if (existing === 'moto') {
    const pidFile = path.join(LOCAL_DIR, `moto-${port}.pid`);
    const pid = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : undefined;
    throw new Error(
      `port ${port}: a moto server is already running there (another \`make dev\`?${pid ? ` last one started was pid ${pid}` : ''}); ` +
        'stop it or pick another port',
    );
  }
  if (existing === 'other') throw new Error(`port ${port}: something other than moto is listening there`);
  return false;
}

/** A started moto process: why it exited (once it has), and how to stop it. */
interface MotoProcess {
  pid: number | undefined;
  exitReason(): string | undefined;
  stop(): Promise<void>;
}

/** Spawns `binary` on `port` under the supervisor, its output going to `logFile`. */
function spawnMoto(binary: string, port: number, logFile: string): MotoProcess {
  const pidFile = path.join(LOCAL_DIR, `moto-${port}.pid`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  mkdirSync(LOCAL_DIR, { recursive: true });
  const log = createWriteStream(logFile);
  // A small sh supervisor in its own process group: a terminal Ctrl-C reaches
  // the caller (which stops moto after the runtime), and moto never outlives
  // the caller however it dies, because the supervisor's stdin closes with it.
  const child = spawn('/bin/sh', ['-c', SUPERVISOR, binary, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    // moto-patches/sitecustomize.py: keeps GET /moto-api/data.json (SES mail) answering with Lambda functions and no Docker.
    env: {
      ...process.env,
      PYTHONPATH: [MOTO_PATCHES, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter),
    },
  });
  child.stdin.on('error', () => {}); // EPIPE once the supervisor is gone
  if (child.pid) writeFileSync(pidFile, `${child.pid}\n`);
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on('error', (error) => {
      exitReason = `could not start ${binary}: ${error.message} (run scripts/ensure-tools.sh)`;
      resolve();
    });
    child.on('exit', (code, signal) => {
      const hint = code === 127 ? ' (not found: run scripts/ensure-tools.sh or set MOTO_SERVER)' : '';
      exitReason ??= `${binary} exited (${signal ?? `code ${code}`})${hint}`;
      resolve();
    });
  });

  return {
    pid: child.pid,
    exitReason: () => exitReason,
    async stop() {
      if (exitReason) return;
      child.stdin.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      log.end();
      rmSync(pidFile, { force: true });
    },
  };
}

/**
 * Starts moto server and resolves once GET /moto-api/ answers.
 * @throws Error when the port is taken (by moto without `reuseExisting`, or
 *   by something else), the binary is missing, or it does not answer in time.
 */
export async function startMoto(options: StartMotoOptions): Promise<MotoServer> {
  const { port } = options;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`port: invalid port ${port}`);
  const endpoint = `http://127.0.0.1:${port}`;
  if (await checkPort(endpoint, port, options.reuseExisting)) {
    return { endpoint, port, reused: true, logFile: undefined, pid: undefined, stop: async () => {} };
  }
  const binary = options.binary ?? motoServerBinary();
  const logFile = options.logFile ?? path.join(LOCAL_DIR, `moto-${port}.log`);
  const moto = spawnMoto(binary, port, logFile);
  const stop = () => moto.stop();

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const exitReason = moto.exitReason();
    if (exitReason) throw new Error(`${exitReason}\n${tail(logFile)}`);
    if ((await probe(endpoint)) === 'moto') break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `moto server did not answer on ${endpoint} within ${options.timeoutMs ?? 30_000} ms\n${tail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { endpoint, port, reused: false, logFile, pid: moto.pid, stop };
}

/**
 * Drops every resource moto holds (POST /moto-api/reset).
 * @throws Error when moto does not answer 200.
 */
export async function resetMoto(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`resetMoto: ${endpoint} answered ${response.status}`);
}
