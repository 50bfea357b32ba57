/**
 * Finds the competitors' tools (scripts/bench/run.sh installs them with
 * apt-get when it can) and describes the machine for the report.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import sharp from 'sharp';

/** A tool the benchmark found, or why it is missing. */
export type Tool = { ok: true; command: string; version: string } | { ok: false; note: string };

/** Pillow: BENCH_PYTHON, else Debian's /usr/bin/python3 (a pyenv python3 on PATH often lacks PIL), else python3. */
export function findPillow(): Tool {
  const candidates = [process.env.BENCH_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import PIL; print(PIL.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { ok: true, command: python, version: `Pillow ${probe.stdout.trim()}` };
  }
  return {
    ok: false,
    note: `no Python with Pillow (tried ${candidates.join(', ')}); install python3-pil (\`make bench\` does as root)`,
  };
}

/** vipsthumbnail from libvips-tools. */
export function findVipsthumbnail(): Tool {
  const probe = spawnSync('vipsthumbnail', ['--vips-version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return {
      ok: false,
      note: 'vipsthumbnail is not on PATH; install libvips-tools (`make bench` does as root)',
    };
  }
  return {
    ok: true,
    command: 'vipsthumbnail',
    version: `libvips ${probe.stdout.trim().replace(/^libvips /, '')}`,
  };
}

/** `taskset -c 0` pins a child to one CPU: the 1-vCPU column that feeds the cost model. */
export function hasTaskset(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/** One line about the machine and the software measured. */
export function describeMachine(): string {
  const cpu = readCpuModel();
  const load = os.loadavg()[0]?.toFixed(2) ?? '?';
  const glibc = process.report?.getReport
    ? String(
        (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header
          ?.glibcVersionRuntime ?? '?',
      )
    : '?';
  return [
    `${os.availableParallelism()} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    `Node ${process.versions.node}`,
    `sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}, glibc ${glibc})`,
    `load average at start ${load}`,
  ].join('; ');
}

function readCpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return match?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown CPU';
  }
}

/** The commit measured, with `+dirty` when the work tree has changes. */
export function describeCommit(cwd: string): string {
  if (!existsSync(`${cwd}/.git`)) return 'unknown';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd, encoding: 'utf8' }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}
