/**
 * The drift coefficients and the second moment of an oracle (arXiv 2510.21020; docs/theory.md §4):
 *   μ_i(η) = Σ_k c_k(η)·u_i(E[y^k | z])·u_{i−1}(g_k)            (u = probabilists' coefficients)
 *   E[ψ_η²] at m = 0 = Σ_{k,l} c_k c_l·E[y^{k+l}]·E[g_k g_l]     (z independent of y when m = 0)
 * Both are polynomials in the scale variable t, exact when target and student are polynomials.
 */
import { Rational } from '../exact/rational.js';
import { conditionalLabelMoment } from '../analysis/labelPowers.js';
import { hermiteCoefficients } from '../analysis/hermiteCoefficients.js';
import { mul } from '../expr/derivative.js';
import type { Expr } from '../expr/tree.js';
import type { Oracle } from './oracle.js';
import { ZERO, exactly, mulUncertain, type Uncertain } from './uncertainNumber.js';
import { addEtaD, type EtaDPolynomial } from './etaDPolynomial.js';

/** u_0..u_I of a link: exact rationals for polynomials, exact zeros where certified, else value ± error. */
export function probabilistsCoefficients(e: Expr, maxIndex: number): Uncertain[] {
  const table = hermiteCoefficients(e, { maxDegree: maxIndex, convention: 'probabilists' });
  if (table.exactProbabilists) {
    return Array.from({ length: maxIndex + 1 }, (_, k) => exactly(table.exactProbabilists![k] ?? Rational.ZERO));
  }
  return table.coefficients.map((c) =>
    c.zero && c.decidedBy !== 'numeric' ? ZERO : { exact: null, value: c.probabilists, error: c.error + 4 * Number.EPSILON * Math.abs(c.probabilists) },
  );
}

export interface DriftCoefficient {
  readonly i: number;
  /** μ_i(η, d). */
  readonly polynomial: EtaDPolynomial;
  /** For each oracle term (label power y^k, monomial η^a d^b): c_k·u_i(E[y^k|z])·u_{i−1}(g_k). */
  readonly contributions: readonly { readonly power: number; readonly etaPower: number; readonly dPower: number; readonly value: Uncertain }[];
}

/** μ_1..μ_I(η, d) and E[ψ_η²] at m = 0 of one oracle. */
export interface DriftExpansion {
  readonly mu: readonly DriftCoefficient[];
  readonly psiSecondMoment: EtaDPolynomial;
}

/** μ_1..μ_I and E[ψ²] for target σ* (label noise Δ) and an oracle built on the student. */
export function driftCoefficients(target: Expr, oracle: Oracle, noise: Rational, maxIndex: number): DriftExpansion {
  const labelCoefficients = new Map<number, Uncertain[]>();
  const labelU = (k: number) => {
    let u = labelCoefficients.get(k);
    if (!u) labelCoefficients.set(k, (u = probabilistsCoefficients(conditionalLabelMoment(target, k, noise), maxIndex)));
    return u;
  };
  const gU = oracle.terms.map((t) => probabilistsCoefficients(t.g, maxIndex));
  const mu: DriftCoefficient[] = [];
  for (let i = 1; i <= maxIndex; i++) {
    let polynomial: EtaDPolynomial = [];
    const contributions = oracle.terms.map((term, j) => {
      const value = mulUncertain(mulUncertain(exactly(term.coefficient), labelU(term.power)[i]!), gU[j]![i - 1]!);
      polynomial = addEtaD(polynomial, [{ eta: term.etaPower, d: term.dPower, c: value }]);
      return { power: term.power, etaPower: term.etaPower, dPower: term.dPower, value };
    });
    mu.push({ i, polynomial, contributions });
  }
  // E[y^n] = u_0(E[y^n | z]); E[g_k g_l] = u_0(g_k·g_l)
  let psiSecondMoment: EtaDPolynomial = [];
  oracle.terms.forEach((a, ia) =>
    oracle.terms.forEach((b, ib) => {
      if (ib < ia) return;
      const moment = probabilistsCoefficients(conditionalLabelMoment(target, a.power + b.power, noise), 0)[0]!;
      const cross = probabilistsCoefficients(mul(a.g, b.g), 0)[0]!;
      const symmetry = exactly(Rational.of(ia === ib ? 1 : 2));
      const value = mulUncertain(mulUncertain(mulUncertain(exactly(a.coefficient.mul(b.coefficient)), moment), cross), symmetry);
      psiSecondMoment = addEtaD(psiSecondMoment, [{ eta: a.etaPower + b.etaPower, d: a.dPower + b.dPower, c: value }]);
    }),
  );
  return { mu, psiSecondMoment };
}
