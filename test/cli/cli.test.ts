import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { main } from '../../cli/main.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('sindex analyze (in-process)', () => {
  it('analyses He3 by default, exactly', async () => {
    const r = await run('analyze', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.input).toBe('He3(z)');
    expect(j.class).toBe('polynomial');
    expect(j.informationExponent).toBe(3);
    expect(j.informationExponentDecidedBy).toBe('exact');
    // He_3 = √6·h_3: α_3 = √6, ‖He_3‖² = 3! = 6
    expect(j.coefficients[3].orthonormal).toBeCloseTo(Math.sqrt(6), 14);
    expect(j.coefficients[3].exact).toBe('sqrt(6)');
    expect(j.norm).toBeCloseTo(Math.sqrt(6), 14);
    expect(j.labelPowers.map((p: { informationExponent: number }) => p.informationExponent)).toEqual([3, 2, 1, 2]);
  });

  it('prints a human table with the exponent and how it was decided', async () => {
    const r = await run('analyze', 'He(4, z)');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/information exponent: 4 +\[exact\]/);
    expect(r.out).toMatch(/p_2 = 2/);
  });

  it('uses --set and --convention', async () => {
    const r = await run('analyze', 'a*z^2', '--set', 'a=1/2', '--convention', 'probabilists', '--json');
    const j = JSON.parse(r.out);
    // z²/2 = He_2/2 + 1/2
    expect(j.coefficients[2].probabilists).toBe(0.5);
    expect(j.coefficients[2].exact).toBe('1/2');
    expect(j.coefficients[0].exact).toBe('1/2');
  });

  it('uses --noise for the label powers: E[y²|z] = σ² + Δ', async () => {
    const r = await run('analyze', 'z^2', '--noise', '0.1', '--json');
    const j = JSON.parse(r.out);
    expect(j.noise).toBe('1/10');
    expect(j.labelPowers[1].expression).toBe('(z^2)^2 + 1/10');
    expect(j.labelPowers.map((p: { informationExponent: number }) => p.informationExponent)).toEqual([2, 2, 2, 2]);
  });

  const bad: [string, string[], RegExp][] = [
    ['syntax error', ['analyze', '2*(z+'], /syntax error[\s\S]*\n {2}2\*\(z\+\n {7}\^/],
    ['misspelt function', ['analyze', 'rleu(z)'], /unknown function 'rleu'[\s\S]*did you mean 'relu'/],
    ['other variable', ['analyze', 'x^2'], /unknown name 'x': the variable is z/],
    ['arity', ['analyze', 'He(z)'], /He takes 2 arguments/],
    ['Hermite index', ['analyze', 'He(-2, z)'], /non-negative integer/],
    ['not L2', ['analyze', 'exp(z^2)'], /not in L²/],
    ['undefined', ['analyze', 'log(z)'], /undefined for z < 0/],
    ['pole', ['analyze', '1/z'], /not in L²/],
    ['degree limit', ['analyze', 'z', '--max-degree', '201'], /--max-degree must be an integer from 1 to 200/],
    ['polynomial degree limit', ['analyze', 'z^1001'], /degree 1001, above the limit 1000/],
    ['long input', ['analyze', `${'z+'.repeat(5001)}z`], /limit is 10000/],
    ['bad convention', ['analyze', 'z', '--convention', 'hermite'], /--convention must be one of/],
    ['bad noise', ['analyze', 'z', '--noise', 'abc'], /--noise needs a number/],
    ['negative noise', ['analyze', 'z', '--noise=-1'], /Δ ≥ 0/],
    ['bad set', ['analyze', 'a*z', '--set', 'a'], /--set needs name=value/],
    ['reserved parameter', ['analyze', 'z', '--set', 'pi=3'], /cannot be a parameter name/],
    ['unknown flag', ['analyze', 'z', '--degree', '3'], /unknown option '--degree'/],
    ['misspelt flag', ['analyze', 'z', '--max-degre', '3'], /unknown option '--max-degre'[^]*Did you mean --max-degree\?/],
    ['misspelt command', ['anlyze', 'z'], /unknown command 'anlyze'[^]*Did you mean analyze\?/],
    ['unknown command', ['analyse', 'z'], /unknown command 'analyse'[^]*Did you mean analyze\?/],
  ];
  it.each(bad)('%s: one message, exit 2, no stack trace', async (_name, argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.err.trim().split('\n').length).toBeLessThanOrEqual(4);
  });
});

describe('sindex binary', () => {
  beforeAll(() => {
    if (!existsSync('dist/sindex.js')) execFileSync(process.execPath, ['build.mjs']);
  });

  it('runs as a process and exits 2 on bad input', () => {
    const ok = spawnSync(process.execPath, ['bin/sindex.js', 'analyze', 'relu(z)', '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    const j = JSON.parse(ok.stdout);
    expect(j.class).toBe('closed-form');
    expect(j.coefficients[0].exact).toBe('1/sqrt(2*pi)');
    const bad = spawnSync(process.execPath, ['bin/sindex.js', 'analyze', 'rleu(z)'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/did you mean 'relu'/);
  });
});
