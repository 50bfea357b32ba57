import { describe, expect, it } from 'vitest';
import { parseSoakArgs } from '../args.ts';

describe('parseSoakArgs', () => {
  it('defaults to 300 uploads, 8 at a time, no faults', () => {
    expect(parseSoakArgs([])).toMatchObject({
      uploads: 300,
      concurrency: 8,
      faults: undefined,
      kill: undefined,
    });
  });

  it('reads every option', () => {
    expect(
      parseSoakArgs([
        '--uploads',
        '40',
        '--concurrency',
        '4',
        '--faults',
        'rate=0.05',
        '--kill',
        'runtime',
        '--seed',
        '9',
        '--photos',
        'none',
      ]),
    ).toEqual({
      uploads: 40,
      concurrency: 4,
      faults: 'rate=0.05',
      kill: 'runtime',
      seed: 9,
      photos: 'none',
      help: false,
    });
  });

  it('names the flag of a bad value', () => {
    expect(() => parseSoakArgs(['--uploads', 'many'])).toThrow(/--uploads: expected a positive whole number/);
    expect(() => parseSoakArgs(['--uploads'])).toThrow(/got nothing/);
    expect(() => parseSoakArgs(['--kill', 'moto'])).toThrow(/--kill: expected worker or runtime/);
    expect(() => parseSoakArgs(['--faults', 'rate=2'])).toThrow(/PIPELINE_FAULTS/);
    expect(() => parseSoakArgs(['--fast'])).toThrow(/unknown argument --fast/);
  });

  it('takes --help without a value', () => {
    expect(parseSoakArgs(['--help', '--uploads', '3'])).toMatchObject({ help: true, uploads: 3 });
  });
});
