/**
 * The deterministic prediction beside a sweep (`--ode`): the ODE's hitting time of m ≥ τ at each
 * (α, d), with its quadrature error (stats/ode.ts), and the log–log slope of those times over the
 * same d with a bound from the errors.
 */
import { formatRounded } from '../format/numbers.js';
import { normalCdf } from '../numeric/special.js';
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

/**
 * The median of max_j |g_j| over N independent standard normals, Φ⁻¹((1 + 2^{−1/N})/2), by bisection.
 * @example halfNormalMaxMedian(1) // ≈ 0.6744897501960817
 */
export function halfNormalMaxMedian(n: number): number {
  const target = (1 + 2 ** (-1 / n)) / 2;
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The ODE's start for `--width N` independent neurons: one neuron's ODE, started from the best of
 * N. The time of max_j m_j ≥ τ is the smallest of the N neurons' times, a decreasing function of
 * each start, so its median is the time from the median of max_j |m_j(0)|; relative to the single
 * neuron's m₀ = d^{−1/2}, the start is scaled by halfNormalMaxMedian(N)/halfNormalMaxMedian(1).
 * (Neurons that share the residual — a committee — are `sindex escape`'s subject.)
 * @example widthStartScale(1) // 1
 */
export function widthStartScale(width: number): number {
  return width === 1 ? 1 : halfNormalMaxMedian(width) / halfNormalMaxMedian(1);
}

export function odeColumn(config: SweepConfig, runs: RunSummary[], drift: DriftExpansion | null): RunSummary[] {
  if (!drift) return runs.map((r) => ({ ...r, ode: null, odeError: null }));
  const startScale = widthStartScale(config.width);
  return runs.map((r) => {
    const mu = drift.mu.map((m) => evaluateEtaD(significantTerms(m.polynomial, 0), r.eta, r.d).value);
    const psi = evaluateEtaD(drift.psiSecondMoment, r.eta, r.d).value;
    const ode = odeHittingTimeWithError({
      gamma: r.gamma,
      d: r.d,
      startScale,
      mu,
      psiSecondMoment: psi,
      threshold: config.threshold,
      maxSteps: config.maxSteps,
    });
    return { ...r, ode: ode?.steps ?? null, odeError: ode?.error ?? null };
  });
}
