/**
 * The closed forms of arXiv 2305.18502 for the square committee on noisy phase retrieval
 * (σ = σ* = z², a_j = 1 fixed, Δ the label-noise variance, T the fraction of the initial excess risk
 * to lose; time t = ν·γ/(p·d)); equation labels are the paper's (docs/theory.md §7).
 *
 * Linearised at m = 0, Q = I (appendix "Derivation of the expected exit time formulas"):
 * dm_j/dt = ω_M·m_j with ω_M = 4[1 − (γ/p)(1 + 1/p + 4/p² + Δ/2)], dQ_jl/dt = −(8/p)(1 − 8γ/p²)·Q_jl.
 * With μ_0 = d·Σ_j m_j(0)², τ_0 = d·Σ_{j≠l} Q_jl(0)² the exit time is
 * t(μ_0, τ_0) = log[(T·p(p+1)·d + (2μ_0p − τ_0)(1 − T))/(2μ_0p)]/(2ω_M).
 */
import { OutOfRangeError } from '../errors.js';
import { gaussLaguerreRule } from './gaussRules.js';

/** Euler–Mascheroni constant γ_E. */
export const EULER_GAMMA = 0.5772156649015329;

export interface SquareCommitteeParameters {
  /** p ≥ 1. */
  readonly width: number;
  /** d > 1. */
  readonly d: number;
  /** Δ ≥ 0. */
  readonly noise: number;
  /** γ > 0. */
  readonly gamma: number;
  /** T ∈ (0, 1). */
  readonly riskDrop: number;
}

function check(o: Partial<SquareCommitteeParameters>): void {
  if (o.width !== undefined && !(Number.isInteger(o.width) && o.width >= 1)) throw new OutOfRangeError(`width must be an integer ≥ 1, got ${o.width}`);
  if (o.d !== undefined && !(o.d > 1)) throw new OutOfRangeError(`d must be > 1, got ${o.d}`);
  if (o.noise !== undefined && !(o.noise >= 0)) throw new OutOfRangeError(`noise Δ must be ≥ 0, got ${o.noise}`);
  if (o.gamma !== undefined && !(o.gamma > 0)) throw new OutOfRangeError(`γ must be > 0, got ${o.gamma}`);
  if (o.riskDrop !== undefined && !(o.riskDrop > 0 && o.riskDrop < 1)) throw new OutOfRangeError(`T must lie in (0, 1), got ${o.riskDrop}`);
}

/**
 * ω_M = 4[1 − (γ/p)(1 + 1/p + 4/p² + Δ/2)]: the rate at which m_j leaves 0 (eq. Msphericalgenericpk1);
 * p = 1: 4(1 − 6γ) − 2γΔ (eq. spherical-p1-ode linearised).
 * @example escapeRate(1, 0.1, 0) // ≈ 1.6
 */
export function escapeRate(width: number, gamma: number, noise: number): number {
  const p = width;
  return 4 * (1 - (gamma / p) * (1 + 1 / p + 4 / p ** 2 + noise / 2));
}

/**
 * Annealed exit time (eq. exit_time:p_annealed; p = 1: eq. exit_time_p1), μ_0, τ_0 replaced by their means p, p(p − 1):
 * t = log[(T(p+1)d + (p+1)(1 − T))/(2p)]/(8[1 − (γ/p)(1 + 1/p + 4/p² + Δ/2)]).
 * @example annealedExitTime({ width: 1, d: 1001, noise: 0, gamma: 0.1, riskDrop: 0.5 }) // ≈ Math.log(501) / 3.2
 */
export function annealedExitTime(o: SquareCommitteeParameters): number {
  check(o);
  const p = o.width;
  const T = o.riskDrop;
  return Math.log((T * (p + 1) * o.d + (p + 1) * (1 - T)) / (2 * p)) / (2 * escapeRate(p, o.gamma, o.noise));
}

/**
 * Quenched exit time (eq. exit_time:p_quenched; p = 1: eq. exit:quenched): the mean of t(μ_0, τ_0) over
 * the initial overlaps, in the d → ∞ law of the paper's 𝒫^d_p: μ_0 ~ χ²(p), τ_0 ~ 2·χ²(p(p−1)/2),
 * independent (√d·m_j(0), √d·Q_jl(0) → iid N(0, 1), eq. initial_distribution_QM). E[log μ_0] = ψ(p/2) + log 2
 * is exact; the rest, smooth, by a product Gauss–Laguerre rule of `nodes` points per variable.
 * @example quenchedExitTime({ width: 1, d: 1e6, noise: 0, gamma: 0.1, riskDrop: 0.5 }) > annealedExitTime({ width: 1, d: 1e6, noise: 0, gamma: 0.1, riskDrop: 0.5 }) // true
 */
export function quenchedExitTime(o: SquareCommitteeParameters, nodes = 32): number {
  check(o);
  const p = o.width;
  const T = o.riskDrop;
  const q = (p * (p - 1)) / 2;
  const A = T * p * (p + 1) * o.d;
  const mu = gaussLaguerreRule(nodes, p / 2); // μ_0 = 2u
  const tau = q > 0 ? gaussLaguerreRule(nodes, q / 2) : { nodes: Float64Array.of(0), weights: Float64Array.of(1) }; // τ_0 = 2·2v
  let smooth = 0;
  for (let i = 0; i < mu.nodes.length; i++)
    for (let k = 0; k < tau.nodes.length; k++) {
      const mu0 = 2 * mu.nodes[i]!;
      const tau0 = 4 * tau.nodes[k]!;
      const arg = A + (2 * mu0 * p - tau0) * (1 - T);
      if (!(arg > 0)) throw new OutOfRangeError(`the quenched formula's logarithm is not defined at μ_0 = ${mu0}, τ_0 = ${tau0}: d is too small for T = ${T}`);
      smooth += mu.weights[i]! * tau.weights[k]! * Math.log(arg);
    }
  const meanLogMu = digammaHalf(p) + Math.LN2;
  return (smooth - Math.log(2 * p) - meanLogMu) / (2 * escapeRate(p, o.gamma, o.noise));
}

/** ψ(n/2) for a positive integer n: ψ(1/2) = −γ_E − 2 log 2, ψ(1) = −γ_E, ψ(x + 1) = ψ(x) + 1/x. */
function digammaHalf(n: number): number {
  let x = n % 2 === 0 ? 1 : 0.5;
  let psi = n % 2 === 0 ? -EULER_GAMMA : -EULER_GAMMA - 2 * Math.LN2;
  while (x < n / 2) {
    psi += 1 / x;
    x += 1;
  }
  return psi;
}

/**
 * The step minimising the annealed sample count s = (p·d/γ)·t (appendix "Overparameterization gain"):
 * γ_opt = p³/(8 + 2p + (2 + Δ)p²); p = 1: 1/(12 + Δ).
 * @example gammaOpt(1, 0) // ≈ 1 / 12
 */
export function gammaOpt(width: number, noise: number): number {
  check({ width, noise });
  const p = width;
  return p ** 3 / (8 + 2 * p + (2 + noise) * p ** 2);
}

/**
 * The step above which the linearised ODE no longer escapes (ω_M ≤ 0): γ_c = p/(1 + 1/p + 4/p² + Δ/2) = 2·γ_opt.
 * For p = 1, Δ = 0 this is the paper's bound γ < 1/6 (below eq. spherical-p1-ode); with noise 2/(12 + Δ).
 * @example gammaCritical(1, 0) // ≈ 1 / 6
 */
export function gammaCritical(width: number, noise: number): number {
  check({ width, noise });
  const p = width;
  return p / (1 + 1 / p + 4 / p ** 2 + noise / 2);
}

/**
 * The minimal number of samples (SGD steps) to escape, in samples — the paper reports s_min itself, ≍ d·log d:
 * s_min = d·[8 + 2p + (2 + Δ)p²]·log[(T(p+1)d + (p+1)(1 − T))/(2p)]/(4p²), the annealed count at γ_opt.
 * @example sMin(1, 1001, 0, 0.5) // ≈ 1001 * 12 * Math.log(501) / 4
 */
export function sMin(width: number, d: number, noise: number, riskDrop: number): number {
  check({ width, d, noise, riskDrop });
  const p = width;
  const T = riskDrop;
  return (d * (8 + 2 * p + (2 + noise) * p ** 2) * Math.log((T * (p + 1) * d + (p + 1) * (1 - T)) / (2 * p))) / (4 * p ** 2);
}

/**
 * The overparametrisation gain s_min(1)/s_min(p) at finite d.
 * @example gain(1, 1e4, 0, 0.5) // 1
 */
export function gain(width: number, d: number, noise: number, riskDrop: number): number {
  return sMin(1, d, noise, riskDrop) / sMin(width, d, noise, riskDrop);
}

/**
 * lim_{d→∞} s_min(1)/lim_{p→∞} s_min(p) = (12 + Δ)/(2 + Δ) (appendix "Overparameterization gain").
 * @example gainLimit(0) // 6
 */
export function gainLimit(noise: number): number {
  check({ noise });
  return (12 + noise) / (2 + noise);
}

/**
 * p = 1: the excess risk the ODE settles at, lim_t R − Δ/2 = γΔ/(1 − 6γ) (fixed point of eq. spherical-p1-ode).
 * @example plateauExcessRisk(0.1, 1) // ≈ 0.25
 */
export function plateauExcessRisk(gamma: number, noise: number): number {
  check({ gamma, noise });
  return (gamma * noise) / (1 - 6 * gamma);
}
