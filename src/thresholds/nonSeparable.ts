import { OutOfRangeError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import type { Link } from '../expr/link.js';
import { exprToString, type Expr } from '../expr/tree.js';
import { analyze } from '../analyze.js';
import { compileExpr, type SymbolCells } from '../expr/compile.js';
import { specialPointsOf } from '../expr/specialPoints.js';
import { branchAtD } from './branches.js';
import { etaStarOf } from './crossovers.js';
import { driftByQuadrature } from './quadrature2d.js';
import type { Crossover, ThresholdOptions, ThresholdResult } from './result.js';

/**
 * A custom ψ that is not a polynomial in y, η, d: μ_i(η) and E[ψ²](η) by 2-D quadrature on a
 * grid η = d^{−α}, α = 3, 2.75, …, 0, at the concrete d; no exact phase diagram exists then.
 */
export function nonSeparable(
  options: ThresholdOptions,
  targetLink: Link,
  student: Expr,
  psi: Expr,
  noise: Rational,
  maxIndex: number,
  d: number,
): ThresholdResult {
  if (noise.sign() > 0) {
    // driftByQuadrature would integrate the noise inside the outer integral, re-running the inner
    // one at every (a, ε) node: ~10⁹–10¹⁰ evaluations of ψ per η
    throw new OutOfRangeError(
      'label noise with a custom ψ that is not a polynomial in y is not supported (its 2-D quadrature with noise would run for hours): give ψ polynomial in y, η, d, or set the noise to 0',
    );
  }
  const target = targetLink.expr;
  const analysis = analyze(targetLink, { parameters: options.parameters, noise, maxDegree: Math.max(12, maxIndex) });
  const cells: SymbolCells = { y: 0, eta: 0, d };
  const psiAt = compileExpr(psi, cells);
  const f = compileExpr(target);
  const cuts = specialPointsOf(target).kinks;
  const quadrature = [];
  const T = [];
  for (let s = 12; s >= 0; s--) {
    const eta = d ** (-s / 4);
    cells.eta = eta;
    const q = driftByQuadrature(
      f,
      cuts,
      [],
      (y, z) => {
        cells.y = y;
        return psiAt(z);
      },
      maxIndex,
      noise.toNumber(),
    );
    quadrature.push({ eta, mu: Array.from(q.mu), muError: Array.from(q.muError), psiSecondMoment: q.secondMoment, psiSecondMomentError: q.secondMomentError });
    let best = { eta, T: Infinity, branch: 0, gamma: 0 };
    q.mu.forEach((m, j) => {
      const i = j + 1;
      if (Math.abs(m) <= Math.max(q.muError[j]!, 1e-12)) return;
      const b = branchAtD(i, m, q.secondMoment, d);
      if (b.T < best.T) best = { eta, T: b.T, branch: i, gamma: b.gamma };
    });
    T.push(best);
  }
  const crossovers: Crossover[] = [];
  for (let s = 1; s < T.length; s++) {
    if (T[s]!.branch !== T[s - 1]!.branch) {
      // between two grid points a factor d^{1/4} apart: the bracket is the step
      const eta = Math.sqrt(T[s]!.eta * T[s - 1]!.eta);
      crossovers.push({
        eta,
        etaBracket: [T[s - 1]!.eta, T[s]!.eta],
        alphaEquivalent: -Math.log(eta) / Math.log(d),
        fromBranch: T[s - 1]!.branch,
        toBranch: T[s]!.branch,
      });
    }
  }
  return {
    algorithm: 'custom',
    target: exprToString(target),
    student: exprToString(student),
    noise: noise.isZero() ? null : noise.toString(),
    oracle: `psi = ${exprToString(psi)} (not a polynomial in y, eta, d)`,
    truncatedAt: null,
    exact: false,
    informationExponent: analysis.informationExponent,
    generativeExponent: analysis.generativeExponent,
    labelPowers: analysis.labelPowers.map((l) => l.informationExponent),
    mu: [],
    psiSecondMoment: {
      exact: null,
      polynomial: 'by quadrature, see "quadrature"',
      error: Math.max(...quadrature.map((q) => q.psiSecondMomentError)),
      atEtaZero: quadrature[0]!.psiSecondMoment,
      atEtaZeroError: quadrature[0]!.psiSecondMomentError,
      atEtaOne: quadrature[quadrature.length - 1]!.psiSecondMoment,
      atEtaOneError: quadrature[quadrature.length - 1]!.psiSecondMomentError,
    },
    branches: [],
    phaseDiagram: {
      pieces: [],
      breakpoints: [],
      note: 'ψ is not a polynomial in y, η and d: μ_i(η) is computed by 2-D quadrature on an η grid at the given d, and no exact phase diagram exists',
    },
    quadrature,
    checks: [],
    depth: null,
    atD: { d, ...etaStarOf(crossovers, analysis.informationExponent, d), crossovers, T },
  };
}
