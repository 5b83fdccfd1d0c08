/**
 * The committee's population risk by Mehler's formula (arXiv 2305.18502 eq. def:risk for σ = σ* = z²;
 * docs/theory.md §7): for unit-variance fields E[g(λ_a)h(λ_b)] = Σ_k α_k(g)α_k(h)·ω_ab^k (orthonormal
 * Hermite coefficients, docs/theory.md §2.1), so with α_k = α_k(σ), β_k = α_k(σ*),
 *
 *     R(m, Q, a) = ½(Σ_k β_k² + Δ) − (1/p)·Σ_j a_j Σ_k β_k α_k m_j^k + (1/(2p²))·Σ_{j,l} a_j a_l Σ_k α_k² Q_jl^k,
 *
 * whose Bayes floor is Δ/2 (the risk of f = σ*). Exact coefficients for polynomials; otherwise the
 * engine's numeric coefficients up to a degree K with a truncation and coefficient error bound.
 */
import { hermiteCoefficients, type HermiteTable } from '../analysis/hermiteCoefficients.js';
import { Rational, factorial } from '../exact/rational.js';
import { asLink } from '../expr/link.js';
import { exprToPolynomial } from '../expr/toPolynomial.js';
import { hermeFromMonomials } from '../poly/hermiteE.js';
import { type CommitteeSpec, checkSpec } from './spec.js';

export interface CommitteeRisk {
  /** R(m, Q, a): m (p), Q (p×p row-major, unit diagonal), a (p). Does not allocate. */
  readonly risk: (m: Float64Array, Q: Float64Array, a: Float64Array) => number;
  /** The Bayes floor Δ/2. */
  readonly floor: number;
  /** True when σ and σ* are polynomials (exact coefficients). */
  readonly exact: boolean;
  /**
   * Bound on |risk − R| for |m_j|, |Q_jl| ≤ 1 and |a_j| ≤ `aMax` (truncation at degree K plus the
   * coefficients' error bounds); 0 when exact (floating-point rounding aside).
   */
  readonly errorBound: number;
  /** The |a_j| bound `errorBound` assumes: max(1, max |a0_j|). */
  readonly aMax: number;
  /** E[σ*(λ*)σ(λ)] = Σ_k β_kα_k m^k, E[σ(λ)σ(λ')] = Σ_k α_k² q^k as coefficient lists (index k), and E[σ*²]. */
  readonly cross: Float64Array;
  readonly self: Float64Array;
  readonly targetPower: number;
}

export interface RiskOptions {
  /** Degree K of the numeric Hermite tables (non-polynomial links); default 60. */
  readonly maxDegree?: number;
}

/**
 * The population risk of the committee `spec`. For σ = σ* = z², p = 1, a = 1: R = (Δ + 3)/2 − (1 + 2m²) + 3/2 = 2(1 − m²) + Δ/2.
 * @example committeeRisk({ width: 1, target: 'z^2', activation: 'z^2', noise: 0.5, gamma: 0.1, secondLayer: { trained: false } }).risk(Float64Array.of(0.5), Float64Array.of(1), Float64Array.of(1)) // ≈ 1.75
 */
export function committeeRisk(spec: CommitteeSpec, options: RiskOptions = {}): CommitteeRisk {
  checkSpec(spec);
  const target = asLink(spec.target);
  const activation = asLink(spec.activation);
  const pt = exprToPolynomial(target.expr);
  const pa = exprToPolynomial(activation.expr);
  const aMax = Math.max(1, ...(spec.secondLayer.a0 ?? []).map(Math.abs));
  let cross: Float64Array;
  let self: Float64Array;
  let targetPower: number;
  let errorBound = 0;
  if (pt && pa) {
    const v = hermeFromMonomials(pt);
    const u = hermeFromMonomials(pa);
    const f = (k: number) => Rational.of(factorial(k));
    cross = Float64Array.from({ length: Math.min(u.length, v.length) }, (_, k) => u[k]!.mul(v[k]!).mul(f(k)).toNumber());
    self = Float64Array.from({ length: u.length }, (_, k) => u[k]!.mul(u[k]!).mul(f(k)).toNumber());
    targetPower = v.reduce((s, vk, k) => s.add(vk.mul(vk).mul(f(k))), Rational.ZERO).toNumber();
  } else {
    const K = options.maxDegree ?? 60;
    const ta = hermiteCoefficients(target.expr, { maxDegree: K });
    const aa = hermiteCoefficients(activation.expr, { maxDegree: K });
    const b = ta.coefficients.map((c) => c.orthonormal);
    const a = aa.coefficients.map((c) => c.orthonormal);
    const eb = ta.coefficients.map((c) => c.error);
    const ea = aa.coefficients.map((c) => c.error);
    cross = Float64Array.from(a, (ak, k) => ak * b[k]!);
    self = Float64Array.from(a, (ak) => ak * ak);
    targetPower = ta.norm * ta.norm;
    const tailB = tailNorm(ta, b, eb);
    const tailA = tailNorm(aa, a, ea);
    let crossError = tailA * tailB;
    let selfError = tailA * tailA;
    for (let k = 0; k <= K; k++) {
      crossError += Math.abs(a[k]!) * eb[k]! + Math.abs(b[k]!) * ea[k]! + ea[k]! * eb[k]!;
      selfError += 2 * Math.abs(a[k]!) * ea[k]! + ea[k]! * ea[k]!;
    }
    errorBound = ta.norm * ta.normError + aMax * crossError + 0.5 * aMax * aMax * selfError;
  }
  const p = spec.width;
  const delta = spec.noise;
  const constant = 0.5 * (targetPower + delta);
  const horner = (c: Float64Array, x: number): number => {
    let s = 0;
    for (let k = c.length - 1; k >= 0; k--) s = s * x + c[k]!;
    return s;
  };
  const diagonal = horner(self, 1);
  const risk = (m: Float64Array, Q: Float64Array, a: Float64Array): number => {
    let linear = 0;
    for (let j = 0; j < p; j++) linear += a[j]! * horner(cross, m[j]!);
    let quadratic = 0;
    for (let j = 0; j < p; j++) {
      quadratic += a[j]! * a[j]! * diagonal;
      for (let l = j + 1; l < p; l++) quadratic += 2 * a[j]! * a[l]! * horner(self, Q[j * p + l]!);
    }
    return constant - linear / p + quadratic / (2 * p * p);
  };
  return { risk, floor: delta / 2, exact: Boolean(pt && pa), errorBound, aMax, cross, self, targetPower };
}

/** ‖Σ_{k>K} α_k h_k‖ ≤ √(‖σ‖² − Σ_{k≤K} α_k² + error terms), the L² tail past the table. */
function tailNorm(table: HermiteTable, alpha: readonly number[], error: readonly number[]): number {
  let captured = 0;
  let slack = 2 * table.norm * table.normError + table.normError * table.normError;
  for (let k = 0; k < alpha.length; k++) {
    captured += alpha[k]! * alpha[k]!;
    slack += 2 * Math.abs(alpha[k]!) * error[k]! + error[k]! * error[k]!;
  }
  return Math.sqrt(Math.max(0, table.norm * table.norm - captured) + slack);
}
