/** Bad input to `thresholds` raises one of the engine's error classes; the CLI maps it to exit 2. */
import { describe, expect, it } from 'vitest';
import { thresholds, type ThresholdOptions } from '../../src/thresholds/thresholds.js';
import { Rational } from '../../src/exact/rational.js';
import { DomainError, OutOfRangeError } from '../../src/errors.js';
import { main } from '../../cli/main.js';

function errorOf(options: ThresholdOptions): unknown {
  try {
    thresholds(options);
  } catch (e) {
    return e;
  }
  return null;
}

const isEngineError = (e: unknown) => e instanceof OutOfRangeError || e instanceof DomainError;

describe('thresholds: bad input', () => {
  const cases: [string, ThresholdOptions][] = [
    ['unknown algorithm', { target: 'He3(z)', algorithm: 'nope' as ThresholdOptions['algorithm'] }],
    ['custom without psi', { target: 'He3(z)', algorithm: 'custom' }],
    ['d < 2', { target: 'He3(z)', algorithm: 'alternating', d: 1 }],
    ['negative a', { target: 'He3(z)', algorithm: 'alternating', a: Rational.of(-1) }],
    ['student outside L²', { target: 'He3(z)', algorithm: 'online', student: 'exp(z^2)' }],
  ];
  for (const [name, options] of cases) {
    it(`${name} → OutOfRangeError or DomainError`, () => {
      const e = errorOf(options);
      expect(e, 'no error thrown').not.toBeNull();
      expect(isEngineError(e), `got ${(e as Error)?.name}: ${(e as Error)?.message}`).toBe(true);
    });
  }

  it('the student outside L² is a DomainError', () => {
    expect(errorOf({ target: 'He3(z)', algorithm: 'alternating', student: 'exp(z^2)' })).toBeInstanceOf(DomainError);
  });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('sindex thresholds (in-process CLI)', () => {
  it('--algo nope: exit 2, one message on err, nothing on out', async () => {
    const r = await run('thresholds', '--target', 'He3(z)', '--algo', 'nope');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^sindex: error: .*--algo/);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/internal error|at .*\.ts:/);
  });

  it('--algo alternating --json: exit 0, breakpoints ["1/2"]', async () => {
    const r = await run('thresholds', '--target', 'He3(z)', '--algo', 'alternating', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(j.phaseDiagram.breakpoints).toEqual(['1/2']);
  });

  it('--d 1 and --a -1 are usage errors (exit 2)', async () => {
    for (const argv of [
      ['thresholds', '--target', 'He3(z)', '--algo', 'alternating', '--d', '1'],
      ['thresholds', '--target', 'He3(z)', '--algo', 'alternating', '--a=-1'],
      ['thresholds', '--target', 'He3(z)', '--algo', 'custom'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^sindex: error: /);
    }
  });
});
