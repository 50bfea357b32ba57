import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConcurrency, decideConcurrency, readReservations } from '../check-concurrency.ts';

function functionsDir(reservations: Record<string, number | undefined>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'doctor-functions-'));
  for (const [name, reserved] of Object.entries(reservations)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(
      path.join(dir, name, 'function.json'),
      JSON.stringify(reserved === undefined ? {} : { reservedConcurrency: reserved }),
    );
  }
  mkdirSync(path.join(dir, 'not-a-function'));
  return dir;
}

const RESERVATIONS = { ingest: 10, resize: 10, api: 20 }; // 40 in all

describe('readReservations', () => {
  it('reads reservedConcurrency of each manifest that sets one', () => {
    expect(readReservations(functionsDir({ ingest: 10, api: 20, mailer: undefined }))).toEqual({
      api: 20,
      ingest: 10,
    });
  });
});

describe('decideConcurrency', () => {
  const input = { enabled: true, source: 'terraform.tfvars', reservations: RESERVATIONS };

  it('fails when the account limit cannot hold the reservations plus 100', () => {
    const lines = decideConcurrency({
      ...input,
      quota: { concurrentExecutions: 10, unreservedConcurrentExecutions: 10 },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.status).toBe('fail');
    expect(lines[0]?.text).toContain('would leave -30 unreserved');
    expect(lines[0]?.fix).toContain('reserved_concurrency_enabled = false');
    expect(lines[0]?.fix).toContain('at least 140');
  });

  it('passes at exactly 100 left unreserved', () => {
    const lines = decideConcurrency({
      ...input,
      quota: { concurrentExecutions: 140, unreservedConcurrentExecutions: 140 },
    });
    expect(lines.map((l) => l.status)).toEqual(['ok']);
    expect(lines[0]?.text).toContain('reserves 40 in all');
  });

  it("only warns when other reservations are in the way (they may be this stack's own)", () => {
    const lines = decideConcurrency({
      ...input,
      quota: { concurrentExecutions: 1000, unreservedConcurrentExecutions: 120 },
    });
    expect(lines.map((l) => l.status)).toEqual(['warn']);
    expect(lines[0]?.text).toContain('880 is reserved already');
  });

  it('fails when reservations are on and the quota cannot be read', () => {
    const lines = decideConcurrency({ ...input, quota: new Error('AccessDenied') });
    expect(lines.map((l) => l.status)).toEqual(['fail']);
  });

  it('passes with a note when nothing is reserved, whatever the quota', () => {
    const small = decideConcurrency({
      ...input,
      enabled: false,
      quota: { concurrentExecutions: 10, unreservedConcurrentExecutions: 10 },
    });
    expect(small.map((l) => l.status)).toEqual(['ok']);
    expect(small[0]?.text).toContain('nothing is reserved');
    const unknown = decideConcurrency({ ...input, enabled: false, quota: new Error('404') });
    expect(unknown.map((l) => l.status)).toEqual(['ok', 'warn']);
  });
});

describe('checkConcurrency', () => {
  it('decides from the injected quota reader and the manifests', async () => {
    const lines = await checkConcurrency({
      enabled: true,
      source: 'TF_VAR_reserved_concurrency_enabled',
      functionsDir: functionsDir(RESERVATIONS),
      readQuota: async () => ({ concurrentExecutions: 10, unreservedConcurrentExecutions: 10 }),
    });
    expect(lines.map((l) => l.status)).toEqual(['fail']);
  });
});
