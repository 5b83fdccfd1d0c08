/**
 * `sindex analyze` on multi-index links: text and JSON, the library route, and bad input (exit 2 with
 * the position of the offending name, single-index messages unchanged).
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { analyze } from '../../src/index.js';
import { parseLink } from '../../src/expr/parse.js';
import { isMultiIndexSource } from '../../src/expr/names.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('sindex analyze with a link in z1..zr', () => {
  it('text: the expansion by degree, the leap, the staircase and the sample complexity', async () => {
    const r = await run('analyze', 'z1 + z1*z2 + z1*z2*z3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/r = 3/);
    expect(r.out).toMatch(/\(1, 1, 1\)\s+1\s+1\s+exact/);
    expect(r.out).toMatch(/leap: 1 /);
    expect(r.out).toMatch(/coordinate leap .* upper bound of the rotation-invariant isoLeap/);
    expect(r.out).toMatch(/phase 1: learns z1 .*\n\s+phase 2: learns z2 .*\n\s+phase 3: learns z3/);
    expect(r.out).toMatch(/online SGD \(CSQ leap\):\s+n ≍ d /);
    // k* = 1: E[y·z1] = 1 and the order-1 vectors of y, y², y³, y⁴ span the three directions
    expect(r.out).toMatch(/generative leap: k\* = 1\n/);
    expect(r.out).toMatch(/step 1: k = 1\s+learns z1, z2, z3/);
  });
  it('--json: variables, leap, staircase and coefficients as the issue asks, with provenance', async () => {
    const r = await run('analyze', 'z1*z2*z3', '--json', '--noise', '0.1');
    const j = JSON.parse(r.out);
    expect(j.variables).toBe(3);
    expect(j.leap).toBe(3);
    expect(j.staircase).toEqual([{ phase: 1, adds: [1, 2, 3], leap: 3, sampleComplexity: 'd^2', through: [[1, 1, 1]] }]);
    expect(j.coefficients).toEqual([{ multiIndex: [1, 1, 1], orthonormal: 1, exact: '1', error: 0, status: 'nonzero', decidedBy: 'exact' }]);
    expect(j.noise).toBe('1/10');
    // pair flips kill order 1, E[y²(z1² − 1)] = 2 at order 2 (label noise changes neither)
    expect(j.generativeLeap).toBe(2);
    expect(j.generativeSteps.map((s: { k: number; adds: number[] }) => [s.k, s.adds])).toEqual([[2, [1, 2, 3]]]);
    expect(j.generativeSampleComplexity).toBe('d');
    expect(j.provenance.input).toBe('z1*z2*z3');
  });
  it('--set binds parameters in a multi-index link', async () => {
    const j = JSON.parse((await run('analyze', 'a*z1*z2', '--set', 'a=1/2', '--json')).out);
    expect(j.coefficients[0].exact).toBe('1/2');
    expect(j.leap).toBe(2);
  });
  it('the library analyze routes too', () => {
    expect(analyze('He4(z1) + z1*z2*z3').leap).toBe(3);
    expect(analyze('relu(z)', { maxDegree: 4 }).informationExponent).toBe(1);
  });
});

describe('bad input: exit 2 with the position', () => {
  const cases: [string, string, RegExp, number][] = [
    ['an eighth direction', 'z1*z7', /unknown variable 'z7': the directions are z1\.\.z6/, 3],
    ['another variable', 'x + z1', /unknown name 'x': the variables are z1\.\.z6/, 0],
    ['z mixed with z1', 'z1*z2 + z', /z cannot be mixed with z1\.\.z6/, 8],
    ['z0', 'z0 + z1', /unknown variable 'z0'/, 0],
  ];
  for (const [what, link, message, position] of cases) {
    it(`${what}: '${link}'`, async () => {
      const r = await run('analyze', link);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toContain(`\n  ${link}\n  ${' '.repeat(position)}^`);
    });
  }
  it('single-index links keep their messages and meaning', async () => {
    expect((await run('analyze', 'x^2')).err).toMatch(/unknown name 'x': the variable is z/);
    expect(isMultiIndexSource('z^2 + relu(z)')).toBe(false);
    expect(isMultiIndexSource('z1 + 1', ['z1'])).toBe(false);
    expect(() => parseLink('z1 + z')).toThrow(/'z1' is a direction of a multi-index link/);
  });
});
