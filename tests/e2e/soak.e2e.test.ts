import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { lineLogFile } from '../../scripts/soak/log-file.ts';
import { UPLOAD_KINDS } from '../../scripts/soak/plan.ts';
import { failedInvariants } from '../../scripts/soak/report.ts';
import { runSoak } from '../../scripts/soak/soak.ts';

const stack = inject('stack');
const endpoint = inject('endpoint');
/** The runtime's lines, for when a run fails: .local/test-<port>/soak.runtime.log. */
const runtimeLogFile = path.resolve(
  import.meta.dirname,
  '../../.local',
  `test-${process.env.TEST_AWS_PORT ?? 4567}`,
  'soak.runtime.log',
);

describe('the soak (40 mixed uploads through the local stack and the full local runtime)', () => {
  it('ends every upload in one terminal state with full renditions, no orphans, no dead letters and one email per event', async () => {
    const result = await runSoak({
      outputs: stack,
      endpoint,
      uploads: 40,
      sharedStack: true,
      log: () => {},
      runtimeLog: lineLogFile(runtimeLogFile),
    });
    console.log([...result.lines, `runtime log: ${runtimeLogFile}`].join('\n'));

    expect(failedInvariants(result)).toEqual([]);
    expect(result.uploads).toHaveLength(40);
    expect(new Set(result.uploads.map((u) => u.kind))).toEqual(new Set(UPLOAD_KINDS));
    // Every check ran: none skipped (the email check is skipped only while the mailer is a placeholder).
    expect(result.verdicts.map((v) => [v.name, v.ok])).toEqual(result.verdicts.map((v) => [v.name, true]));
  }, 240_000);
});
