/**
 * The branches of docs/theory.md §4: branch i learns through μ_i, with sample complexity
 * T_i ≍ E[ψ²]·μ_i^{−2}·d^{(i−1)∨1} (× log d at i = 2) and step γ_i ≍ μ_i/(E[ψ²]·d^{(i/2)∨1}).
 * Here: T_i at a concrete d, the exponent lines of μ_i in α (η = d^{−α}), the label power driving
 * each monomial of μ_i, and the entries of the result (μ_i and branch rows).
 */
import { Rational } from '../exact/rational.js';
import { onlineExponent } from '../generative/sampleComplexity.js';
import type { DriftCoefficient } from './driftCoefficients.js';
import { formatEtaD, isExactEtaD, significantTerms, type EtaDTerm } from './etaDPolynomial.js';
import type { MaxOfLines } from './phaseDiagram.js';
import type { BranchEntry, MuEntry } from './result.js';

/**
 * Branch i at a concrete d with constants (docs/theory.md §4): T_i = E[ψ²]·μ_i^{−2}·d^{(i−1)∨1} (times
 * log d at i = 2) and its step γ_i = μ_i/(E[ψ²]·d^{(i/2)∨1}).
 */
export function branchAtD(i: number, mu: number, psiSecondMoment: number, d: number): { T: number; gamma: number } {
  return {
    T: (psiSecondMoment / (mu * mu)) * d ** onlineExponent(i) * (i === 2 ? Math.log(d) : 1),
    gamma: mu / (psiSecondMoment * d ** Math.max(i / 2, 1)),
  };
}

/** The exponent of d of Σ c·η^a·d^b at η = d^{−α}: the max of the lines b − a·α. */
export function exponentLines(support: readonly EtaDTerm[]): MaxOfLines {
  return support.map((t) => ({ slope: Rational.of(-t.eta), intercept: Rational.of(t.d) }));
}

/** The label power whose contribution to μ_i carries the monomial η^a·d^b (the largest if several do). */
export function drivingLabelPower(m: DriftCoefficient, eta: number, d: number): number {
  let best = { power: 1, size: -1 };
  for (const c of m.contributions) {
    if (c.etaPower === eta && c.dPower === d && Math.abs(c.value.value) > best.size) best = { power: c.power, size: Math.abs(c.value.value) };
  }
  return best.power;
}

/** The μ_i row of the result: exact or numeric polynomial, lowest η power and its label power. */
export function muEntry(m: DriftCoefficient, tolerance: number): MuEntry {
  const support = significantTerms(m.polynomial, tolerance);
  const lowest = support[0] ?? null;
  return {
    i: m.i,
    exact: isExactEtaD(m.polynomial) ? formatEtaD(m.polynomial) : null,
    polynomial: formatEtaD(m.polynomial, tolerance),
    error: Math.max(0, ...m.polynomial.map((t) => t.c.error)),
    zero: support.length === 0,
    etaPower: lowest?.eta ?? null,
    labelPower: lowest === null ? null : drivingLabelPower(m, lowest.eta, lowest.d),
    contributions: m.contributions.map((c) => ({
      labelPower: c.power,
      etaPower: c.etaPower,
      dPower: c.dPower,
      value: c.value.value,
      error: c.value.error,
      exact: c.value.exact?.toString() ?? null,
    })),
  };
}

/** The branch row of the result: T_i and γ_i as formulas in η and d. */
export function branchEntry(m: DriftCoefficient, tolerance: number): BranchEntry {
  const support = significantTerms(m.polynomial, tolerance);
  const p = formatEtaD(m.polynomial, tolerance);
  const e = onlineExponent(m.i);
  const half = Rational.of(Math.max(m.i, 2), 2).toString();
  return {
    i: m.i,
    dExponent: String(e),
    log: m.i === 2,
    etaPower: support[0]!.eta,
    labelPower: drivingLabelPower(m, support[0]!.eta, support[0]!.d),
    mu: p,
    T: `E[psi^2]*(${p})^(-2)*${e === 1 ? 'd' : `d^${e}`}${m.i === 2 ? '*log(d)' : ''}`,
    gamma: `(${p})/(E[psi^2]*${half === '1' ? 'd' : half.includes('/') ? `d^(${half})` : `d^${half}`})`,
  };
}
