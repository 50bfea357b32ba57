/** The targets of the issue, judged on one run's numbers. */

import type { BenchRun, Check } from './bench-run.ts';
import { classicSetCheck } from './features-baseline.ts';
import { pipelineChecks } from './pipeline-targets.ts';
import type { Column } from './renditions.ts';
import { fmt } from './stats.ts';

const MB = 1_000_000;

export type { Check };

/** The targets of the issues (the resize core's, issue 14's pipeline targets, issue 15's classic set), judged on this run's numbers. */
export function checkTargets(run: BenchRun): Check[] {
  const largest = run.renditions.images[0];
  const c = largest?.columns;
  const name = largest ? `${largest.image.name}` : 'n/a';
  const checks: Check[] = [];
  const ratioCheck = (
    target: string,
    a: Column | undefined,
    b: Column | undefined,
    test: (r: number) => boolean,
  ) => {
    const value = a?.ok && b?.ok ? a.ms / b.ms : undefined;
    checks.push({
      target,
      measured:
        value === undefined
          ? 'not measured'
          : `${fmt(value, 2)}× (${fmt((a as { ms: number }).ms)} vs ${fmt((b as { ms: number }).ms)} ms)`,
      holds: value === undefined ? undefined : test(value),
    });
  };
  ratioCheck(`renditions ≤ 1.5 × decode floor (${name})`, c?.core, c?.floor, (r) => r <= 1.5);
  ratioCheck(`≥ 2.5 × faster than (a) sharp per rendition (${name})`, c?.naive, c?.core, (r) => r >= 2.5);
  ratioCheck(`≥ 2.5 × faster than (b) Pillow (${name})`, c?.pillow, c?.core, (r) => r >= 2.5);
  ratioCheck(`≥ 2.5 × faster than (c) vipsthumbnail (${name})`, c?.vips, c?.core, (r) => r >= 2.5);
  const memory = run.memory[0];
  checks.push({
    target: `peak RSS ≤ 350 MB (${name})`,
    measured: memory ? `${fmt(memory.peakMb)} MB` : 'not measured',
    holds: memory ? memory.peakMb <= 350 : undefined,
  });
  for (const f of run.coldStart) {
    const limit = f.sharp ? 12 : 1;
    checks.push({
      target: `${f.name} zip ≤ ${limit} MB${f.sharp ? ' (with sharp)' : ''}`,
      measured: f.zipBytes ? `${fmt(f.zipBytes / MB, 2)} MB` : (f.note ?? 'not built'),
      holds: f.zipBytes ? f.zipBytes <= limit * MB : undefined,
    });
  }
  for (const f of run.coldStart) {
    checks.push({
      target: `${f.name} handler import ≤ 150 ms`,
      measured: f.importMs !== undefined ? `${fmt(f.importMs)} ms` : (f.note ?? 'not measured'),
      holds: f.importMs !== undefined ? f.importMs <= 150 : undefined,
    });
  }
  const c4 = run.e2e.ok ? run.e2e.value.levels.find((l) => l.concurrency === 4) : undefined;
  checks.push({
    target: 'local upload-to-PROCESSED p95 ≤ 3 s at concurrency 4',
    measured: c4 ? `${fmt(c4.p95Ms)} ms` : 'not measured',
    holds: c4 ? c4.p95Ms <= 3000 : undefined,
  });
  checks.push(...pipelineChecks(run));
  checks.push(classicSetCheck(run));
  if (largest && largest.image.width * largest.image.height < 15e6) {
    checks.unshift({
      target: 'an 18 MP photo in the run',
      measured: `largest is ${fmt((largest.image.width * largest.image.height) / 1e6, 1)} MP: image targets checked on it`,
      holds: undefined,
    });
  }
  return checks;
}

export function targetsSection(run: BenchRun): string[] {
  return [
    '## Targets',
    '',
    '| target | measured | holds |',
    '|---|---|:-:|',
    ...checkTargets(run).map(
      (c) => `| ${c.target} | ${c.measured} | ${c.holds === undefined ? '–' : c.holds ? '✔' : '✖'} |`,
    ),
    '',
  ];
}
