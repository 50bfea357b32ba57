import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentsFor, maxConcurrencyFor } from '../../lambda/function-settings.ts';
import type { FunctionOutputs } from '../../stack/stack-outputs.ts';
import { REPO_ROOT } from '../../tools.ts';

const fn = (extra: Partial<FunctionOutputs> = {}): FunctionOutputs => ({
  function_name: 'local-x',
  queue_url: 'http://q',
  dlq_url: null,
  batch_size: 1,
  timeout_seconds: 30,
  environment: {},
  ...extra,
});

describe('maxConcurrencyFor', () => {
  it('takes maximum_concurrency from the outputs when they carry it', () => {
    expect(maxConcurrencyFor('resize', fn({ maximum_concurrency: 7 }))).toBe(7);
  });

  it('else sets it as terraform does: the manifest’s reservedConcurrency, at least 2', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'functions/resize/function.json'), 'utf8'));

    expect(maxConcurrencyFor('resize', fn())).toBe(Math.max(2, manifest.reservedConcurrency ?? 2));
  });

  it('is 2 for a function without a manifest', () => {
    expect(maxConcurrencyFor('no-such-function', fn())).toBe(2);
  });
});

describe('environmentsFor', () => {
  it('is the maximum concurrency bounded by the CPUs, or by the limit given in their place', () => {
    expect(environmentsFor('x', fn({ maximum_concurrency: 1000 }))).toBe(availableParallelism());
    expect(environmentsFor('x', fn({ maximum_concurrency: 10 }), 4)).toBe(4);
    expect(environmentsFor('x', fn({ maximum_concurrency: 3 }), 16)).toBe(3);
    expect(environmentsFor('x', fn({ maximum_concurrency: 1 }), 16)).toBe(1);
  });
});
