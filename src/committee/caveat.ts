/**
 * When the committee ODE started at m_0 ≍ d^{−1/2} describes the search phase (docs/theory.md §7).
 * By Mehler, the teacher–student correlation is E[σ*(λ*)σ(λ)] = Σ_k β_k α_k m^k; let k* be its
 * exponent, the smallest k ≥ 1 with α_k β_k ≠ 0 (≥ max(IE(σ), IE(σ*))). Near m = 0 the drift of m is
 * Σ_k kβ_kα_k m^{k−1} + O(m) from the spherical and γ terms: k* = 1 pushes m at rate O(1), k* = 2 makes
 * m = 0 a hyperbolic point left in time O(log d) (arXiv 2305.18502), while for k* ≥ 3 the signal
 * term m^{k*−1} ≍ d^{−(k*−1)/2} is below the O(m) terms and below the SGD fluctuations of m
 * (≍ √(γt/d)), so the deterministic ODE does not describe the escape (arXiv 2003.10409).
 */
import { hermiteCoefficients, type HermiteTable } from '../analysis/hermiteCoefficients.js';
import { informationExponent } from '../analysis/exponents.js';
import { asLink } from '../expr/link.js';
import type { CommitteeSpec } from './spec.js';

export interface CorrelationExponent {
  /** k*, or null when no α_kβ_k is certified nonzero up to `maxDegree`. */
  readonly value: number | null;
  /** The numbers could not decide some α_kβ_k below k* (numeric coefficients near zero). */
  readonly undecided: readonly number[];
  readonly maxDegree: number;
}

/**
 * k* = min{k ≥ 1 : α_k(σ)·α_k(σ*) ≠ 0}, the information exponent of the correlation m ↦ E[σ*(λ*)σ(λ)].
 * @example correlationExponent({ width: 1, target: 'He3(z)', activation: 'z^3', noise: 0, gamma: 0.1, secondLayer: { trained: false } }).value // 3
 */
export function correlationExponent(spec: CommitteeSpec, maxDegree = 30): CorrelationExponent {
  const target = hermiteCoefficients(asLink(spec.target).expr, { maxDegree });
  const activation = hermiteCoefficients(asLink(spec.activation).expr, { maxDegree });
  return exponentOf(target, activation, maxDegree);
}

function exponentOf(target: HermiteTable, activation: HermiteTable, maxDegree: number): CorrelationExponent {
  const undecided: number[] = [];
  for (let k = 1; k <= maxDegree; k++) {
    const b = target.coefficients[k]!;
    const a = activation.coefficients[k]!;
    if (a.zero || b.zero) continue;
    if (a.status === 'nonzero' && b.status === 'nonzero') return { value: k, undecided, maxDegree };
    undecided.push(k);
  }
  return { value: null, undecided, maxDegree };
}

/**
 * Null when the ODE from m_0 ≍ d^{−1/2} describes the search phase (k* ≤ 2), otherwise why not.
 * @example searchPhaseCaveat({ width: 1, target: 'z^2', activation: 'z^2', noise: 0, gamma: 0.1, secondLayer: { trained: false } }) // null
 */
export function searchPhaseCaveat(spec: CommitteeSpec): string | null {
  const target = hermiteCoefficients(asLink(spec.target).expr, { maxDegree: 30 });
  const activation = hermiteCoefficients(asLink(spec.activation).expr, { maxDegree: 30 });
  const k = exponentOf(target, activation, 30);
  const ie = informationExponent(target).value;
  const ieText = ie === null ? 'IE(σ*) undecided' : `IE(σ*) = ${ie}`;
  if (k.undecided.length > 0 && (k.value === null || k.undecided[0]! < k.value)) {
    return `the correlation exponent k* is undecided: α_kβ_k at k = ${k.undecided.join(', ')} cannot be told from 0 numerically (${ieText}); the ODE from m₀ ≍ d^(−1/2) describes the search phase only if k* ≤ 2`;
  }
  if (k.value === null) {
    return `α_k(σ)·α_k(σ*) = 0 for every 1 ≤ k ≤ ${k.maxDegree} (${ieText}): the student's correlation with the target does not depend on m to that order, and the ODE predicts no escape from m = 0`;
  }
  if (k.value <= 2) return null;
  const drift = (k.value - 1) % 2 === 0 ? `${(k.value - 1) / 2}` : `${k.value - 1}/2`;
  return `the correlation E[σ*(λ*)σ(λ)] starts at m^${k.value} (k* = ${k.value} ≥ 3, ${ieText}): from m₀ ≍ d^(−1/2) the signal drift ≍ d^(−${drift}) is dominated by the O(m) terms and by the SGD fluctuations of m, so the deterministic ODE does not describe the search phase (it needs ≍ d^${k.value - 1} samples, with fluctuations; arXiv 2003.10409)`;
}
