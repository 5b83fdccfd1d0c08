// Symbolic drift coefficients μ_i(η, d, parameters) of online, batch-reuse and alternating SGD (issue 15)
// and the breakpoints per case of their coefficients. Independent routes: the numeric-parameter
// `thresholds` (oracle built on the expression tree, exact rational Hermite tables) with the values
// bound, the closed form of alternating SGD with student = target (alternatingMu), and hand derivations.
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { Rational } from '../../src/exact/rational.js';
import { linkOf } from '../../src/expr/link.js';
import { breakpointsFromSupports } from '../../src/symbolic/driftCases.js';
import { etaDCoefficients, symbolicDriftOf, type SymbolicDriftOptions } from '../../src/symbolic/driftSymbolic.js';
import { MPoly } from '../../src/symbolic/mpoly.js';
import { alternatingMu, symbolicThresholds } from '../../src/symbolic/thresholdsCases.js';
import { parseLink } from '../../src/expr/parse.js';
import { thresholds, thresholdsWithDrift } from '../../src/thresholds/thresholds.js';

const q = (x: string): Rational => {
  const [n, d] = x.split('/');
  return Rational.of(BigInt(n!), BigInt(d ?? '1'));
};
const valuesOf = (v: Record<string, string>) => new Map(Object.entries(v).map(([k, x]) => [k, q(x)]));

/** The numeric-parameter drift at the values (exact rationals for polynomial links), as "eta,d" → coefficient. */
function numericDrift(o: SymbolicDriftOptions, values: ReadonlyMap<string, Rational>): Map<string, string>[] {
  const { drift } = thresholdsWithDrift({
    target: linkOf(o.target, { parameters: values }),
    student: o.student === undefined ? undefined : linkOf(o.student, { parameters: values }),
    algorithm: o.algorithm,
    a: o.weight,
    noise: o.noise,
    maxIndex: o.maxIndex,
    parameters: values,
  });
  return drift!.mu.map((m) => new Map(m.polynomial.filter((t) => !t.c.exact!.isZero()).map((t) => [`${t.eta},${t.d}`, t.c.exact!.toString()])));
}

/** The symbolic μ_i with the parameters substituted, in the same shape. */
function symbolicAt(o: SymbolicDriftOptions, values: ReadonlyMap<string, Rational>): Map<string, string>[] {
  const s = symbolicDriftOf(o)!;
  return s.mu.map((m) => {
    let p = m;
    for (const [v, x] of values) p = p.substitute(v, MPoly.constant(x));
    return new Map(etaDCoefficients(p).map((t) => [`${t.eta},${t.d}`, t.coefficient.constantValue()!.toString()]));
  });
}

describe('symbolic drift coefficients equal the numeric thresholds with the values bound', () => {
  const families: { o: SymbolicDriftOptions; points: Record<string, string>[] }[] = [
    { o: { target: 'z^3 + a*z', algorithm: 'online', maxIndex: 6 }, points: [{ a: '-3' }, { a: '1/2' }, { a: '2' }] },
    { o: { target: 'z^3 + a*z', algorithm: 'batch-reuse', maxIndex: 6 }, points: [{ a: '-3' }, { a: '-9' }, { a: '-15/2' }, { a: '2/3' }] },
    { o: { target: 'z^3 + a*z', algorithm: 'batch-reuse', noise: Rational.of(1, 10), maxIndex: 6 }, points: [{ a: '-3' }, { a: '5/4' }] },
    {
      o: { target: 'z^3 + a*z^2 + b*z', algorithm: 'batch-reuse', maxIndex: 6 },
      points: [
        { a: '1', b: '2' },
        { a: '0', b: '-3' },
        { a: '-1/2', b: '1/3' },
      ],
    },
    {
      o: { target: 'z^3 + a*z^2 + b*z', algorithm: 'online', maxIndex: 5 },
      points: [
        { a: '2', b: '-3' },
        { a: '-1', b: '5/2' },
      ],
    },
    {
      o: { target: 'z^3 + b*z', student: 'He3(z) + a*z^2', algorithm: 'alternating', weight: Rational.of(2), maxIndex: 6 },
      points: [
        { a: '1', b: '-3' },
        { a: '-2/3', b: '1' },
      ],
    },
  ];
  for (const { o, points } of families) {
    it(`${o.algorithm}, target ${o.target}${o.student ? `, student ${o.student}` : ''}${o.noise ? `, noise ${o.noise.toString()}` : ''}`, () => {
      for (const p of points) expect(symbolicAt(o, valuesOf(p)), JSON.stringify(p)).toEqual(numericDrift(o, valuesOf(p)));
    });
  }

  it('alternating with student = target: the general formula (4.2) equals the closed form w·i·u_i(σ)² + η·(i/2)·u_i(σ²)²', () => {
    const general = symbolicDriftOf({ target: 'He4(z) + c*He3(z) + b*z', algorithm: 'alternating', weight: Rational.of(3), maxIndex: 6 })!;
    const closed = alternatingMu(parseLink('He4(z) + c*He3(z) + b*z', { freeParameters: true }), 6, Rational.of(3))!;
    expect(general.mu.map((m) => m.toString())).toEqual(closed.map((m) => m.exact));
  });
});

describe('μ_i by hand', () => {
  it('z³ + a·z: online μ_1 = u_1(σ)·u_0(σ′) = (a + 3)², μ_3 = u_3(σ)·u_2(σ′) = 3; batch reuse μ_2 = ηd·u_2(σ²)·u_1(σ″σ′) = ηd·(a² + 12a + 45)(6a + 54)', () => {
    // σ = He3 + (a + 3)He1, σ′ = 3z² + a = 3He2 + (a + 3); σ² = z⁶ + 2a z⁴ + a² z²: u_2 = 15·3 + 2a·6 + a² = a² + 12a + 45;
    // σ″σ′ = 6z(3z² + a) = 18z³ + 6a z: u_1 = 18·3 + 6a
    const a = MPoly.variable('a');
    const online = symbolicDriftOf({ target: 'z^3 + a*z', algorithm: 'online', maxIndex: 4 })!;
    expect(online.mu.map(String)).toEqual([
      a
        .add(MPoly.constant(Rational.of(3)))
        .pow(2)
        .toString(),
      '0',
      '3',
      '0',
    ]);
    const batch = symbolicDriftOf({ target: 'z^3 + a*z', algorithm: 'batch-reuse', maxIndex: 2 })!;
    const u2 = a
      .pow(2)
      .add(a.scale(Rational.of(12)))
      .add(MPoly.constant(Rational.of(45)));
    const u1 = a.scale(Rational.of(6)).add(MPoly.constant(Rational.of(54)));
    expect(batch.mu[1]!.equals(u2.mul(u1).mul(MPoly.variable('eta')).mul(MPoly.variable('d')))).toBe(true);
    // online E[ψ²] = E[σ²]·E[σ′²] = (6 + (a + 3)²)·(18 + (a + 3)²)
    const s = a.add(MPoly.constant(Rational.of(3))).pow(2);
    expect(online.psiSecondMoment.equals(s.add(MPoly.constant(Rational.of(6))).mul(s.add(MPoly.constant(Rational.of(18)))))).toBe(true);
  });

  it('phase diagram from supports, by hand: μ_1 ∝ 1, μ_2 ∝ ηd, μ_3 ∝ 1 + η²d², E[ψ²] ∝ 1 + η²d² + η⁴d⁴ gives T ≍ d² (α < 1/2), d^{3−2α} (1/2 < α < 1), d (α > 1)', () => {
    // α < 1: e_ψ = 4 − 4α; T_1: 4 − 4α + 1, T_2: 4 − 4α − 2(1 − α) + 1 = 3 − 2α, T_3: 4 − 4α − 2(2 − 2α) + 2 = 2; α > 1: T_1 = d
    const one = { eta: 0, d: 0 };
    const support = breakpointsFromSupports([[one], [{ eta: 1, d: 1 }], [one, { eta: 2, d: 2 }]], [one, { eta: 2, d: 2 }, { eta: 4, d: 4 }]);
    expect(support).toEqual(['1/2', '1']);
    // the same support with μ_1's η²d² term (generic z³ + a·z): T_1 = d throughout, no breakpoint
    expect(breakpointsFromSupports([[one, { eta: 2, d: 2 }], [{ eta: 1, d: 1 }], [one, { eta: 2, d: 2 }]], [one, { eta: 2, d: 2 }, { eta: 4, d: 4 }])).toEqual(
      [],
    );
  });
});

describe('breakpoints per drift case', () => {
  const check = (target: string, algorithm: 'online' | 'batch-reuse' | 'alternating', student?: string) => {
    const t = symbolicThresholds({ target, student, algorithm });
    const drift = t.drift!;
    expect(drift.cases[0]!.generic).toBe(true);
    for (const c of drift.cases) {
      if (c.point === null) continue;
      const values = valuesOf(c.point as Record<string, string>);
      const n = thresholds({
        target: linkOf(target, { parameters: values }),
        student: student === undefined ? undefined : linkOf(student, { parameters: values }),
        algorithm,
        parameters: values,
      });
      expect(c.breakpoints, `${c.when} at ${JSON.stringify(c.point)}`).toEqual(n.phaseDiagram.breakpoints);
      const zero = n.mu.filter((m) => m.zero).map((m) => m.i);
      expect(c.vanishing, c.when).toEqual(zero);
    }
    return drift;
  };

  it('z³ + a·z, batch reuse: generic none; a = −9 (μ_2 ≡ 0), a = −15/2 (μ_4 ≡ 0) none; a = −3 (1, 3/2); the algebraic root of (a³ + 15a² + 105a + 315) where μ_1 loses η²d²: 1/2, 1', () => {
    const d = check('z^3 + a*z', 'batch-reuse');
    const row = d.cases.map((c) => [c.when.startsWith('a = root') ? c.when.split(' in ')[0] : c.generic ? 'generic' : c.when, c.breakpoints, c.pointKind]);
    expect(row).toEqual([
      ['generic', [], 'generic'],
      ['a = root of a^3 + 30*a^2 + 315*a + 1260', [], null],
      ['a = -9', [], 'pinned'],
      ['a = -15/2', [], 'pinned'],
      // the defining polynomial is minimal: the quintic a^5 + 21a^4 + … + 8505 of μ_1's η²d² coefficient
      // is (a² + 6a + 27)(a³ + 15a² + 105a + 315), and its real root belongs to the cubic (checked below)
      ['a = root of a^3 + 15*a^2 + 105*a + 315', ['1/2', '1'], null],
      ['a = -3', ['1', '3/2'], 'pinned'],
    ]);
    // the quintic is (a² + 6a + 27)(a³ + 15a² + 105a + 315): its real root is the one where u_1(σ³) = 0 (p_3 = 3 in the label-power split)
    const a = MPoly.variable('a');
    const cubic = a
      .pow(3)
      .add(a.pow(2).scale(Rational.of(15)))
      .add(a.scale(Rational.of(105)))
      .add(MPoly.constant(Rational.of(315)));
    const quadratic = a
      .pow(2)
      .add(a.scale(Rational.of(6)))
      .add(MPoly.constant(Rational.of(27)));
    expect(cubic.mul(quadratic).toString()).toBe('a^5 + 21*a^4 + 222*a^3 + 1350*a^2 + 4725*a + 8505');
    expect(d.cases[4]!.support[0]).toEqual(['1']);
  });

  it('z³ + a·z, online and alternating; He4 + c·He3, batch reuse; two parameters online; alternating with another student', () => {
    expect(check('z^3 + a*z', 'online').cases.map((c) => [c.when, c.breakpoints])).toEqual([
      ['a != -3', []],
      ['a = -3', []],
    ]);
    expect(check('z^3 + a*z', 'alternating').cases.map((c) => [c.when, c.breakpoints])).toEqual([
      ['a != -15/2 and a != -3', []],
      ['a = -15/2', []],
      ['a = -3', ['1/2']],
    ]);
    expect(check('He4(z) + c*He3(z)', 'batch-reuse').cases.map((c) => [c.when, c.breakpoints, c.pointKind])).toEqual([
      ['c != 0', ['1', '3/2'], 'generic'],
      ['c = 0', ['1', '2'], 'pinned'],
    ]);
    const two = check('z^3 + a*z^2 + b*z', 'online');
    expect(two.cases.filter((c) => c.point !== null).length).toBeGreaterThanOrEqual(4);
    // μ_4 = η·u_4(σ*²)·u_3(σσ′) with u_4(z⁶ + 2b z⁴ + b² z²) = 15 + 2b: it vanishes at b = −15/2 for every a
    expect(check('z^3 + b*z', 'alternating', 'He3(z) + a*z^2').cases.map((c) => [c.when, c.vanishing.includes(4), c.breakpoints])).toEqual([
      ['b != -15/2', false, ['1/2']],
      ['b = -15/2', true, ['1/2']],
    ]);
  });
});

describe('the command line', () => {
  it('thresholds text and --json carry the drift and its cases; the existing fields stay', async () => {
    let out = '';
    const code = await main(['thresholds', '--target', 'z^3 + a*z', '--algo', 'batch-reuse'], { out: (t) => (out += t), err: () => {} });
    expect(code).toBe(0);
    expect(out).toContain('μ_2 = (6*a^3 + 126*a^2 + 918*a + 2430)*eta*d');
    expect(out).toContain('a = −3: breakpoints α = 1, 3/2; checked at a = −3 (pinned): numeric thresholds agree');
    let json = '';
    await main(['thresholds', '--target', 'z^3 + a*z', '--algo', 'online', '--json'], { out: (t) => (json += t), err: () => {} });
    const j = JSON.parse(json);
    expect(j.cases.map((c: { when: string }) => c.when)).toEqual(['a != -3', 'a = -3']);
    expect(j.drift.mu[0].exact).toBe('a^2 + 6*a + 9');
    expect(j.drift.cases.map((c: { when: string; vanishing: number[] }) => [c.when, c.vanishing])).toEqual([
      ['a != -3', [2, 4, 5, 6, 7, 8]],
      ['a = -3', [1, 2, 4, 5, 6, 7, 8]],
    ]);
  });
});
