/**
 * Every input named in the robustness issue, through the real executable (bin/sindex.js): each
 * answers or is refused with a message (exit 0 or 2, never an internal error), within its budget,
 * and prints no NaN or Infinity; where the issue found a wrong number, the number is checked.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

function sindex(...args: string[]): { code: number | null; out: string; err: string; ms: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['bin/sindex.js', ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: performance.now() - t };
}

function expectClean(r: ReturnType<typeof sindex>, code: 0 | 2 | 'either', budgetSeconds = 3): void {
  const where = `${r.err.slice(0, 300)}`;
  if (code === 'either') expect([0, 2], where).toContain(r.code);
  else expect(r.code, where).toBe(code);
  if (r.code === 2) expect(r.err, 'a message on exit 2').toMatch(/^sindex: error: /);
  expect(r.err).not.toMatch(/internal error/);
  expect(r.out + r.err).not.toMatch(/\bNaN\b|\bInfinity\b/);
  expect(r.ms).toBeLessThan(budgetSeconds * 1000 + 4000);
  expect(r.err.length).toBeLessThan(2000);
}

const LIMIT = ['--time-limit', '3'];

beforeAll(() => {
  if (!existsSync('dist/sindex.js')) execFileSync(process.execPath, ['build.mjs']);
});

describe('crashes of the issue: now a positioned message and exit 2, or an answer', () => {
  it.each([
    [['analyze', '1e200000*z'], /1e200000 is out of range/],
    [['analyze', 'step(1e-100001*z)'], /out of range/],
    [['analyze', 'a*z', '--set', 'a=1e100001'], /--set a/],
    [['thresholds', '--student', '1e999999'], /out of range/],
    [['thresholds', '--algo', 'custom', '--psi', '1e999999'], /out of range/],
    [['analyze', '--', `${'-'.repeat(4999)}z`], /more than 8 signs in a row/],
    [['analyze', `${'('.repeat(300)}z${')'.repeat(300)}`], /nested more than 100 deep/],
    [['analyze', 'z', '--noise', '1e100000'], /--noise: its magnitude/],
    [['analyze', 'z # + exp(z^2)'], /character '#'/],
    [['analyze', '1e308*z'], /out of range/],
    [['analyze', '1e-100000'], /out of range/],
    [['analyze', 'a*z', '--set', 'a=1e100000'], /magnitude/],
    [['thresholds', '--student', '0/0'], /division by zero/],
    [['analyze', `0.${'1'.repeat(9990)}`], /digits/],
    [['analyze', 'abs(z)^(-0.5)'], /not in L²/],
  ])('%j → exit 2: %s', (args, message) => {
    const list = args as string[];
    const dash = list.indexOf('--');
    const withLimit = dash < 0 ? [...list, ...LIMIT] : [...list.slice(0, dash), ...LIMIT, ...list.slice(dash)];
    const r = sindex(...withLimit);
    expectClean(r, 2);
    expect(r.err).toMatch(message as RegExp);
  });

  it("'+'.join(['z']*4000): a long sum is an answer (4000·z, IE 1)", () => {
    const r = sindex('analyze', Array(4000).fill('z').join('+'), '--json', ...LIMIT);
    expectClean(r, 0);
    const j = JSON.parse(r.out);
    expect(j.coefficients[1].exact).toBe('4000');
  });

  it('a 50 MB expression is refused at once, quoting none of it', async () => {
    let err = '';
    const code = await main(['analyze', `${'z+'.repeat(25_000_000)}z`], { out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err.length).toBeLessThan(300);
    expect(err).toMatch(/characters long; the limit is 10000/);
  });

  it('a table file of 200 000 links is refused before it is parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(file, '- expr: z\n'.repeat(200_000));
    const r = sindex('table', file);
    expectClean(r, 2, 1);
    expect(r.err).toMatch(/the limit is 2000 rows/);
  });
});

describe('hangs of the issue: now within the budget', () => {
  it.each([
    ['z^5', '--noise', '1/3'],
    ['He(40, z)'],
    ['exp(a*z)', '--set', 'a=1e5'],
    ['sin(1000*z)'],
    ['He(7, cos(z))'],
    ['cos(He4(3*z))'],
    ['tanh(z)', '--noise', '1e-15'],
    ['tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(z))))))))))'],
  ])('analyze %s', (...args) => {
    expectClean(sindex('analyze', ...args, ...LIMIT), 'either');
  });

  it('thresholds He(40, z) batch reuse', () => {
    expectClean(sindex('thresholds', '--target', 'He(40, z)', '--algo', 'batch-reuse', ...LIMIT), 'either');
  });
});

describe('numbers without meaning or with false bounds: now exact, in range, or bounded', () => {
  const json = (...args: string[]) => {
    const r = sindex('analyze', ...args, '--json', ...LIMIT);
    expectClean(r, 0);
    return JSON.parse(r.out);
  };

  it('exp(50*z): exact coefficients, printed in scientific form, never Infinity', () => {
    const r = sindex('analyze', 'exp(50*z)', '--max-degree', '2', ...LIMIT);
    expectClean(r, 0);
    expect(r.out).toMatch(/≈ 7\.38078e\+542 +exp\(1250\)/);
  });

  it('He(500, z) and a degree-200 norm: finite printed values', () => {
    const r = sindex('analyze', 'He(500, z)', ...LIMIT);
    expectClean(r, 0);
    expect(r.out).toMatch(/‖σ‖ = .* ≈ \d\.\d+e\+567/);
  });

  it('tanh(z) with Δ = 1e-12 and z with Δ = 1e-20: λ_1² is near 1, and the bound says so', () => {
    for (const [link, noise] of [
      ['tanh(z)', '1e-12'],
      ['z', '1e-20'],
    ]) {
      const j = json(link!, '--noise', noise!, '--lambda');
      const l1 = j.lambdaSquared[0];
      // the truth is within 1e-6 of λ_1²(Δ = 0) = 1 (injective link, negligible noise)
      expect(Math.abs(l1.value - 1)).toBeLessThanOrEqual(l1.error + 1e-6);
      expect(j.generativeExponent).toBe(1);
    }
  });

  it('Δ = 1e30 keeps the certificate of the label power: p* = 1', () => {
    expect(json('tanh(z)', '--noise', '1e30').generativeExponent).toBe(1);
  });

  it('relu(z − 40) and tanh(1e-300·z) are not constant links', () => {
    const a = json('relu(z - a)', '--set', 'a=40');
    expect(a.norm).toBeGreaterThan(0);
    expect(a.informationExponent).toBe(1);
    const b = json('tanh(a*z)', '--set', 'a=1e-300');
    expect(b.norm).toBeGreaterThan(0);
    expect(b.informationExponent).toBe(1);
    expect(b.informationExponentDetail.constant).toBe(false);
  });

  it('|z|^(−0.48) is in L² (E σ² ≈ 20.0 by ∫|z|^{−0.96}φ = 2^{−0.48}Γ(0.02)/√π) and is accepted', () => {
    const j = json('abs(z)^(-0.48)', '--ge-degree', '2');
    const expected = (2 ** -0.48 * 49.44221016) / Math.sqrt(Math.PI); // Γ(0.02) = 49.44221016…
    expect(Math.abs(j.norm ** 2 - expected)).toBeLessThan(1e-3 * expected);
  });

  it('-(He5(cosh(z))) with Δ = 100: no NaN in any table', () => {
    const r = sindex('analyze', '--noise', '100', '--lambda', ...LIMIT, '--', '-(He5(cosh(z)))');
    expectClean(r, 0);
  });
});
