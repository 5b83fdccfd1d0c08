/**
 * Decisions never overreach (docs/theory.md §3.3): a numeric α_k or λ_k² is "> 0" only when its value
 * exceeds its bound, "zero" only when certified or when value + bound < τ; otherwise it is undecided,
 * and so is every exponent that depends on it — in the engine's result, the JSON, the text and the table,
 * never as a single number. Exact answers come without numerics.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { formatAnalysis } from '../../cli/format/analysis.js';
import { tableRow } from '../../src/table/rows.js';
import { renderTable } from '../../src/table/render.js';
import { linkOf } from '../../src/expr/link.js';

describe('undecided instead of a guess', () => {
  // |z|·e^{−z²/2} = √(2π)·|zφ(z)| is a function of u_2, so λ_2 = 0 — but not in a form the structure
  // recogniser reads; numerically λ₂² ≈ 1e-30 with a bound near 1e-21. Against τ = 1e-24 that decides
  // nothing: p* is 2 or 4 (λ_4 > 0 is certified by α_4(y²) ≠ 0, exactly).
  const undecidedGe = () => analyze('abs(z)*exp(-z^2/2)', { geTolerance: 1e-24 });

  it('λ₂² straddling τ: p* ∈ {2, 4}, null as a number, candidates in a distinct field', () => {
    const a = undecidedGe();
    expect(a.generativeExponent).toBeNull();
    expect(a.generativeExponentUndecided?.candidates).toEqual([2, 4]);
    const l2 = a.lambdaSquared[1]!;
    expect(l2.status).toBe('undecided');
    expect(l2.value! - l2.error!).toBeLessThanOrEqual(0);
    expect(l2.value! + l2.error!).toBeGreaterThanOrEqual(1e-24);
    const json = JSON.parse(JSON.stringify(a)) as { generativeExponent: unknown; generativeExponentUndecided: { candidates: number[] } };
    expect(json.generativeExponent).toBeNull();
    expect(json.generativeExponentUndecided.candidates).toEqual([2, 4]);
    const text = formatAnalysis(a);
    expect(text).toMatch(/generative exponent p\* = UNDECIDED ∈ \{2, 4\}/);
    expect(text).not.toMatch(/generative exponent p\* = \d/);
  });

  it('with the default τ = 1e-9 the same link is decided: p* = 4 with λ₂² below τ, said so', () => {
    const a = analyze('abs(z)*exp(-z^2/2)');
    expect(a.generativeExponent).toBe(4);
    expect(a.lambdaSquared[1]!.status).toBe('below-tolerance');
  });

  it('coefficients below the resolution of the quadrature against a tiny τ: IE undecided, with all candidates', () => {
    // sign(sin(40z)) has α_1 ~ e^{−800}: the computed values are rounding (~1e-15 ± 1e-14)
    const a = analyze('sign(sin(40*z))', { relativeTolerance: 1e-15, geDegree: 2 });
    expect(a.informationExponent).toBeNull();
    expect(a.informationExponentUndecided?.candidates.slice(0, 3)).toEqual([1, 3, 5]);
    expect(a.informationExponentUndecided?.above).toBe(12);
    expect(a.coefficients[1]!.status).toBe('undecided');
    expect(formatAnalysis(a)).toMatch(/information exponent: UNDECIDED ∈ \{1, 3, 5/);
  });

  it('the table never prints an undecided exponent as a number', () => {
    const row = tableRow({ name: 'abs-gauss', link: linkOf('abs(z)*exp(-z^2/2)') });
    // the table uses the default τ: decided
    expect(row.ge).toBe(4);
    const undecided = { ...row, ge: null, geUndecided: '{2, 4}' };
    expect(renderTable([undecided], 'md', ['link', 'ge'])).toContain('undecided ∈ {2, 4}');
    expect(renderTable([undecided], 'latex', ['link', 'ge'])).toContain('\\in\\{2, 4\\}$ (undecided)');
  });
});

describe('exact answers first', () => {
  it('polynomials: p* by parity without numeric λ_k² (He(20, z): 2; a non-even one: 1)', () => {
    const even = analyze('He(20, z)');
    expect(even.generativeExponent).toBe(2);
    expect(even.generativeExponentDecidedBy).toBe('exact');
    expect(even.generativeExponentDetail?.computed).toBe(false);
    expect(even.lambdaSquared.filter((l) => l.status === 'not-computed' || l.status === 'positive').every((l) => l.value === null)).toBe(true);
    const odd = analyze('z^3 + z^2');
    expect(odd.generativeExponent).toBe(1);
    expect(odd.generativeExponentDetail?.computed).toBe(false);
  });

  it('--lambda computes them anyway, and the exact decision stands', () => {
    const a = analyze('He4(z)', { lambda: true });
    expect(a.generativeExponent).toBe(2);
    expect(a.generativeExponentDetail?.computed).toBe(true);
    expect(a.lambdaSquared[1]!.value).toBeGreaterThan(0);
    expect(a.lambdaSquared[0]!.status).toBe('zero');
  });

  it('a degree-200 polynomial has an exact norm and a finite printed value (≈ 3.56233e+217)', () => {
    const p = Array.from({ length: 200 }, (_, i) => `${((i + 1) % 7) + 1}*z^${i + 1}`).join('+');
    const a = analyze(p, { geDegree: 2, powers: 2 });
    expect(a.normExact).toMatch(/^sqrt\(\d+\)$/);
    // ‖σ‖² is an integer here; its square root from the digit count and leading digits
    const digits = a.normExact!.slice(5, -1);
    const log10 = (digits.length - 1 + Math.log10(Number(`${digits[0]}.${digits.slice(1, 16)}`))) / 2;
    expect(a.normDecimal).not.toBeNull();
    const [mantissa, exponent] = a.normDecimal!.split('e+').map(Number);
    expect(Math.abs(Math.log10(mantissa!) + exponent! - log10)).toBeLessThan(1e-5);
    expect(formatAnalysis(a)).not.toContain('Infinity');
  });
});
