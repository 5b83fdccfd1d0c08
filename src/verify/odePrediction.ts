/**
 * The deterministic prediction beside a sweep (`--ode`): the ODE's hitting time of m ≥ τ at each
 * (α, d), with its quadrature error (stats/ode.ts), and the log–log slope of those times over the
 * same d with a bound from the errors.
 */
import { formatRounded } from '../format/numbers.js';
import { logLogSlope } from '../stats/fit.js';
import { odeHittingTimeWithError } from '../stats/ode.js';
import type { DriftExpansion } from '../thresholds/driftCoefficients.js';
import { evaluateEtaD, significantTerms } from '../thresholds/etaDPolynomial.js';
import type { SweepConfig } from './plan.js';
import type { FitSummary, RunSummary } from './summary.js';

/** The log–log slope of the ODE's hitting times over the same d: the finite-d prediction beside the asymptotic one. */
export function withOdeSlopes(fits: readonly FitSummary[], runs: readonly RunSummary[]): FitSummary[] {
  return fits.map((f) => {
    const mine = runs.filter((r) => r.alpha === f.alpha && r.ode != null && r.ode > 0);
    const points = mine.map((r) => ({ d: r.d, median: r.ode!, lo: null, hi: null }));
    const odeSlope = points.length >= 2 ? logLogSlope(points).slope : null;
    if (odeSlope === null) return { ...f, odeSlope };
    // the OLS slope is Σ w_i·ln T_i, w_i = (x_i − x̄)/Σ(x_j − x̄)², x = ln d: each T_i's quadrature
    // error e_i moves it by at most |w_i|·|ln(1 ± e_i/T_i)| ≤ |w_i|·e_i/(T_i − e_i)
    const xs = mine.map((r) => Math.log(r.d));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sxx = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
    const bound = mine.reduce((a, r, i) => {
      const e = r.odeError ?? 0;
      return a + (Math.abs(xs[i]! - mean) / sxx) * (e < r.ode! ? e / (r.ode! - e) : Infinity);
    }, 0);
    return { ...f, odeSlope, reason: `${f.reason}; the ODE over these d gives slope ${formatRounded(odeSlope, bound, 4)}` };
  });
}

export function odeColumn(config: SweepConfig, runs: RunSummary[], drift: DriftExpansion | null): RunSummary[] {
  if (!drift) return runs.map((r) => ({ ...r, ode: null, odeError: null }));
  return runs.map((r) => {
    const mu = drift.mu.map((m) => evaluateEtaD(significantTerms(m.polynomial, 0), r.eta, r.d).value);
    const psi = evaluateEtaD(drift.psiSecondMoment, r.eta, r.d).value;
    const ode = odeHittingTimeWithError({ gamma: r.gamma, d: r.d, mu, psiSecondMoment: psi, threshold: config.threshold, maxSteps: config.maxSteps });
    return { ...r, ode: ode?.steps ?? null, odeError: ode?.error ?? null };
  });
}
