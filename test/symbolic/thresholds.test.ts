// `sindex thresholds` with free parameters in the target (issue 15): the case split of the target's
// label powers, each case checked against the numeric-parameter thresholds with a value inside it
// bound (--set), and against label powers derived by hand (He_4 + c·He_3: p_1 = 3, p_2 = 1 for
// c ≠ 0 since E[z·He_3·He_4] = E[He_4²] = 24; c = 0: He_4 is even, p_1 = 4, p_i = 2 for i ≥ 2).
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { Rational } from '../../src/exact/rational.js';
import { linkOf } from '../../src/expr/link.js';
import { symbolicThresholds } from '../../src/symbolic/thresholdsCases.js';
import { thresholds } from '../../src/thresholds/thresholds.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const numeric = (target: string, values: Record<string, number>, algorithm: 'alternating' | 'batch-reuse' | 'online') => {
  const parameters = new Map(Object.entries(values).map(([k, v]) => [k, Rational.of(v)]));
  return thresholds({ target: linkOf(target, { parameters }), algorithm, parameters });
};

describe('thresholds with free parameters', () => {
  it('He4 + c·He3, alternating: c ≠ 0 (p_1, p_2) = (3, 1), α* = 1/2; c = 0 (4, 2), α* = 1 — both equal to the numeric phase diagram at c = 1 and c = 0', () => {
    const t = symbolicThresholds({ target: 'He4(z) + c*He3(z)', algorithm: 'alternating' });
    expect(t.cases.map((c) => [c.when, c.labelPowers, c.breakpoints, c.breakpointsBy])).toEqual([
      ['c != 0', [3, 1], ['1/2'], 'closed form'],
      ['c = 0', [4, 2], ['1'], 'phase diagram'],
    ]);
    expect(numeric('He4(z) + c*He3(z)', { c: 1 }, 'alternating').phaseDiagram.breakpoints).toEqual(['1/2']);
    expect(numeric('He4(z) + c*He3(z)', { c: 0 }, 'alternating').phaseDiagram.breakpoints).toEqual(['1']);
    expect(numeric('He4(z) + c*He3(z)', { c: 1 }, 'alternating').labelPowers.slice(0, 2)).toEqual([3, 1]);
  });

  it('batch reuse: label powers p_1..p_4 by case; the pinned case c = 0 carries the numeric phase diagram, the generic one is not claimed', () => {
    const t = symbolicThresholds({ target: 'He4(z) + c*He3(z)', algorithm: 'batch-reuse' });
    expect(t.cases.map((c) => c.labelPowers)).toEqual([
      [3, 1, 1, 1],
      [4, 2, 2, 2],
    ]);
    expect(t.cases[0]!.breakpoints).toBeNull();
    expect(t.cases[1]!.breakpoints).toEqual(numeric('He4(z) + c*He3(z)', { c: 0 }, 'batch-reuse').phaseDiagram.breakpoints);
    expect(numeric('He4(z) + c*He3(z)', { c: 2 }, 'batch-reuse').labelPowers.slice(0, 4)).toEqual([3, 1, 1, 1]);
  });

  it('an irrational exceptional set: (a² − 2)·z + He3 has p_1 = 3 at a = ±√2 (σ = He3, α* = 1/2 as for He3), 1 elsewhere (no breakpoint, as at a = 1)', () => {
    const t = symbolicThresholds({ target: '(a^2 - 2)*z + He3(z)', algorithm: 'alternating' });
    expect(t.cases.map((c) => [c.when, c.labelPowers, c.breakpoints])).toEqual([
      ['a != -sqrt(2) and a != sqrt(2)', [1, 2], []],
      ['a = -sqrt(2) or a = sqrt(2)', [3, 2], ['1/2']],
    ]);
    expect(thresholds({ target: 'He3(z)', algorithm: 'alternating' }).phaseDiagram.breakpoints).toEqual(['1/2']);
    expect(numeric('(a^2 - 2)*z + He3(z)', { a: 1 }, 'alternating').phaseDiagram.breakpoints).toEqual([]);
  });

  it('alternating μ_i(η, a) of z³ + a·z: by hand μ_1 = (a + 3)², μ_3 = 3; at a = 2 every μ_i equals the drift coefficients of the numeric thresholds', () => {
    const t = symbolicThresholds({ target: 'z^3 + a*z', algorithm: 'alternating', rest: { maxIndex: 6 } });
    // u_1 = a + 3, u_3 = 1: μ_1 = 1·(a + 3)², μ_3 = 3·1²; σ² = z⁶ + 2a z⁴ + a² z² has u_2 = 45 + 12a + a², so μ_2 = η·(a² + 12a + 45)²
    expect(t.mu!.slice(0, 3).map((m) => m.exact)).toEqual(['a^2 + 6*a + 9', 'a^4*eta + 24*a^3*eta + 234*a^2*eta + 1080*a*eta + 2025*eta', '3']);
    const at = (text: string, a: number, eta: number) => Function('a', 'eta', `return ${text.replace(/\^/g, '**')};`)(a, eta) as number;
    const n = numeric('z^3 + a*z', { a: 2 }, 'alternating');
    for (const m of t.mu!) {
      const e = n.mu.find((x) => x.i === m.i)!;
      expect(e.exact, `μ_${m.i}`).not.toBeNull();
      for (const eta of [0, 3]) expect(at(m.exact, 2, eta), `μ_${m.i} at η = ${eta}`).toBe(at(e.exact!, 2, eta));
    }
  });

  it('the command line: text by case, --json with mode symbolic, --plot refused, a student-only parameter refused (exit 2)', async () => {
    const r = await run('thresholds', '--target', 'z^3 + a*z', '--algo', 'alternating');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('a ≠ −3: p_1 = 1, p_2 = 2; breakpoints α = none');
    expect(r.out).toContain('a = −3: p_1 = 3, p_2 = 2; breakpoints α = 1/2 (phase diagram with the values bound, exact)');
    expect(r.out).toMatch(/exact for every value: /);
    const j = JSON.parse((await run('thresholds', '--target', 'z^3 + a*z', '--json')).out);
    expect(j.mode).toBe('symbolic');
    expect(j.cases.map((c: { when: string }) => c.when)).toEqual(['a != -3', 'a = -3']);
    expect((await run('thresholds', '--target', 'z^3 + a*z', '--plot', '/tmp/never-written-e.svg')).code).toBe(2);
    const student = await run('thresholds', '--target', 'He3(z)', '--student', 'z^3 + b*z');
    expect(student.code).toBe(2);
    expect(student.err).toMatch(/--set b=/);
    // --set still gives the numeric thresholds
    const set = await run('thresholds', '--target', 'z^3 + a*z', '--set', 'a=-3', '--algo', 'alternating', '--json');
    expect(JSON.parse(set.out).phaseDiagram.breakpoints).toEqual(['1/2']);
  });
});
