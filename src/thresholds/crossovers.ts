/**
 * The crossovers at a concrete d with constants: T_i(η) on a log grid in η, the branch that wins,
 * and the η where it changes (bisection in log η); η* is where the information branch stops winning.
 */
import { branchAtD } from './branches.js';
import type { DriftCoefficient } from './driftCoefficients.js';
import { evaluateEtaD, significantTerms, type EtaDPolynomial } from './etaDPolynomial.js';
import type { Crossover } from './result.js';

/** η*: where the information branch (i = IE) stops winning as η grows, with its bracket. */
export function etaStarOf(crossovers: readonly Crossover[], ie: number | null, d: number) {
  const info = crossovers.find((c) => c.fromBranch === ie);
  if (info === undefined) return { etaStar: null, etaStarBracket: null, etaStarOverInverseSqrtD: null };
  return { etaStar: info.eta, etaStarBracket: info.etaBracket, etaStarOverInverseSqrtD: info.eta * Math.sqrt(d) };
}

/** T_i(η) with constants at a concrete d, its argmin over a log grid in η ∈ [d^{−3}, 1], and the crossovers (bisection in log η). */
export function crossoverAt(d: number, live: readonly DriftCoefficient[], psi: EtaDPolynomial, tolerance: number, ie: number | null) {
  const supports = new Map(live.map((m) => [m.i, significantTerms(m.polynomial, tolerance)]));
  const branchT = (m: DriftCoefficient, eta: number) => branchAtD(m.i, evaluateEtaD(supports.get(m.i)!, eta, d).value, evaluateEtaD(psi, eta, d).value, d);
  const best = (eta: number) => {
    let out = { eta, T: Infinity, branch: 0, gamma: 0 };
    for (const m of live) {
      const { T, gamma } = branchT(m, eta);
      if (T < out.T) out = { eta, T, branch: m.i, gamma };
    }
    return out;
  };
  const grid: { eta: number; T: number; branch: number; gamma: number }[] = [];
  const steps = 120;
  for (let s = 0; s <= steps; s++) grid.push(best(d ** (-3 + (3 * s) / steps)));
  const crossovers: Crossover[] = [];
  for (let s = 1; s < grid.length; s++) {
    const a = grid[s - 1]!;
    const b = grid[s]!;
    if (a.branch === b.branch) continue;
    let lo = Math.log(a.eta);
    let hi = Math.log(b.eta);
    for (let it = 0; it < 60; it++) {
      const mid = 0.5 * (lo + hi);
      if (best(Math.exp(mid)).branch === a.branch) lo = mid;
      else hi = mid;
    }
    const eta = Math.exp(0.5 * (lo + hi));
    crossovers.push({ eta, etaBracket: [Math.exp(lo), Math.exp(hi)], alphaEquivalent: -Math.log(eta) / Math.log(d), fromBranch: a.branch, toBranch: b.branch });
  }
  return { d, ...etaStarOf(crossovers, ie, d), crossovers, T: grid.filter((_, s) => s % 10 === 0) };
}
