/**
 * Exact constants of alternating SGD (docs/theory.md §4), recomputed here with BigInt Gaussian moments
 * (./gaussExact.ts, independent of the engine's polynomial modules):
 *   μ_i(η) = a·u_i(σ*)·u_{i−1}(σ') + η·u_i(σ*²)·u_{i−1}(σσ'),  u_{i−1}(σσ') = (i/2)·u_i(σ²),
 *   E[ψ²] at m = 0 = a²·E[y²]·E[σ'²] + 2aη·E[y³]·E[σ·σ'²] + η²·E[y⁴]·E[(σσ')²].
 */
import { describe, expect, it } from 'vitest';
import { thresholds } from '../../src/thresholds/thresholds.js';
import { F0, He, expectation, fadd, fmul, frac, fnum, fstr, padd, parseFrac, pderiv, pmul, ppow, pscale, u, type Frac, type Poly } from './gaussExact.js';

describe('He3 alternating constants', () => {
  const r = thresholds({ target: 'He3(z)', algorithm: 'alternating' });
  const h3 = He(3);
  const dh3 = pderiv(h3); // 3z² − 3

  it('μ_3 = 3 and μ_2 = 324·η (u_2(He3²) = 18)', () => {
    expect(fstr(u(pmul(h3, h3), 2))).toBe('18');
    // μ_3 = u_3(He3)·u_2(He3') = 1·3; μ_2's η-term = u_2(He3²)·u_1(He3·He3') = 18·(2/2)·18
    const mu3 = fmul(u(h3, 3), u(dh3, 2));
    const mu2eta = fmul(u(pmul(h3, h3), 2), u(pmul(h3, dh3), 1));
    expect(fstr(mu3)).toBe('3');
    expect(fstr(mu2eta)).toBe('324');
    const m3 = r.mu.find((m) => m.i === 3)!;
    const m2 = r.mu.find((m) => m.i === 2)!;
    expect(m3.exact).toBe(fstr(mu3));
    expect(m2.exact).toBe(`${fstr(mu2eta)}*eta`);
    expect(m2.etaPower).toBe(1);
    expect(m2.labelPower).toBe(2);
    expect(m3.etaPower).toBe(0);
    expect(m3.labelPower).toBe(1);
  });

  it('E[ψ²] = E[y²]·E[σ′²] + η²·E[y⁴]·E[(σσ′)²] = 108 + 11209104·η²', () => {
    const y2 = expectation(ppow(h3, 2));
    const s2 = expectation(ppow(dh3, 2));
    const y3 = expectation(ppow(h3, 3));
    const y4 = expectation(ppow(h3, 4));
    const ss2 = expectation(ppow(pmul(h3, dh3), 2));
    expect([fstr(y2), fstr(s2)]).toEqual(['6', '18']);
    expect(fstr(fmul(y2, s2))).toBe('108');
    expect(fstr(y3)).toBe('0'); // no η¹ term
    const eta2 = fmul(y4, ss2);
    expect(r.psiSecondMoment.exact).toBe(`${fstr(fmul(y2, s2))} + ${fstr(eta2)}*eta^2`);
    expect(r.psiSecondMoment.atEtaZero).toBe(fnum(fmul(y2, s2)));
    expect(r.psiSecondMoment.atEtaOne).toBe(fnum(fadd(fmul(y2, s2), eta2)));
  });

  it('η* at d = 1000 sits at a few hundredths of d^{−1/2}', () => {
    expect(r.atD.d).toBe(1000);
    expect(r.atD.etaStar).not.toBeNull();
    const ratio = r.atD.etaStarOverInverseSqrtD!;
    expect(ratio).toBeGreaterThan(0.005);
    expect(ratio).toBeLessThan(0.1);
    expect(r.atD.etaStar! * Math.sqrt(1000)).toBeCloseTo(ratio, 12);
    // the crossover leaves the information branch i = 3 for the label-power branch i = 2
    const first = r.atD.crossovers[0]!;
    expect([first.fromBranch, first.toBranch]).toEqual([3, 2]);
  });

  it('brackets η* around its closed form: E[ψ²] cancels in T_3 = T_2, so d²/μ_3² = d·log d/μ_2², η* = 3√(log d / d)/324', () => {
    const closed = (3 * Math.sqrt(Math.log(1000) / 1000)) / 324;
    const [lo, hi] = r.atD.etaStarBracket!;
    expect(lo).toBeLessThanOrEqual(closed * (1 + 1e-12));
    expect(hi).toBeGreaterThanOrEqual(closed * (1 - 1e-12));
    expect((hi - lo) / closed).toBeLessThan(1e-9);
  });
});

/** Σ c_k He_k as a monomial-basis polynomial. */
const hermiteSum = (...terms: [number, Frac][]): Poly => terms.reduce<Poly>((s, [k, c]) => padd(s, pscale(He(k), c)), []);

describe('alternating with σ = σ*: the η-term of μ_i is (i/2)·u_i(σ*²)² (docs/theory.md §4)', () => {
  const cases: [string, Poly][] = [
    ['He3(z)', He(3)],
    ['He4(z)', He(4)],
    ['z^2 + z^3', [F0, F0, frac(1), frac(1)]],
    ['He2(z) + He3(z)/3', hermiteSum([2, frac(1)], [3, frac(1, 3)])],
  ];
  for (const [target, s] of cases) {
    it(`${target}`, () => {
      const maxIndex = 8;
      const r = thresholds({ target, algorithm: 'alternating', maxIndex });
      const s2 = pmul(s, s);
      let nonzero = 0;
      for (let i = 1; i <= maxIndex; i++) {
        const ui = u(s2, i);
        const expected = fmul(frac(i, 2), fmul(ui, ui));
        // the identity itself, by the direct product: u_{i−1}(σσ') = (i/2)·u_i(σ²)
        expect(fstr(u(pmul(s, pderiv(s)), i - 1))).toBe(fstr(fmul(frac(i, 2), ui)));
        const m = r.mu.find((x) => x.i === i)!;
        const label2 = m.contributions.filter((c) => c.labelPower === 2);
        expect(label2).toHaveLength(1);
        const c = label2[0]!;
        expect([c.etaPower, c.dPower]).toEqual([1, 0]);
        expect(c.exact).not.toBeNull();
        expect(fstr(parseFrac(c.exact!)), `i = ${i}`).toBe(fstr(expected));
        expect(c.value).toBeCloseTo(fnum(expected), 9);
        // and the label-power-1 term (a = 1): u_i(σ*)·u_{i−1}(σ') = i·u_i(σ*)²
        const label1 = m.contributions.find((x) => x.labelPower === 1)!;
        const ui1 = u(s, i);
        expect(fstr(parseFrac(label1.exact!)), `i = ${i}, y^1`).toBe(fstr(fmul(frac(i), fmul(ui1, ui1))));
        if (expected.n !== 0n) nonzero++;
        expect(expected.n >= 0n).toBe(true); // ≥ 0 as docs/theory.md §4 says
      }
      expect(nonzero).toBeGreaterThan(0);
    });
  }
});
