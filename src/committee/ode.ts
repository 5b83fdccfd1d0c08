/**
 * Integration of the committee overlap ODE (drift.ts) and its exit time from mediocrity
 * (arXiv 2305.18502 eq. exit_time_implicit_equation; docs/theory.md §7): the first t with
 *
 *     R(t) − Δ/2 = (1 − T)·(R(0) − Δ/2),
 *
 * in the paper's time t = ν·γ/(p·d), i.e. ν = t·p·d/γ samples.
 */
import { OutOfRangeError } from '../errors.js';
import { EULER_GAMMA } from './closedForms.js';
import { type CommitteeDrift, committeeDrift, type DriftOptions } from './drift.js';
import { gaussHermiteRule } from './gaussRules.js';
import { integrateOde, type IntegrateResult } from './integrate.js';
import { type CommitteeRisk, committeeRisk } from './risk.js';
import { type CommitteeSpec, initialSecondLayer, packState, stateLayout, unpackState } from './spec.js';

/**
 * The paper's annealed initial condition at dimension d: every overlap at its typical size,
 * m_j = 1/√d and Q_jl = 1/√d (j ≠ l), a = a0 — so that d·Σ_j m_j² = p and d·Σ_{j≠l} Q_jl² = p(p − 1)
 * are the means of μ_0 and τ_0 in the annealed formula (eq. exit_time:p_annealed).
 * @example Array.from(annealedInitialState({ width: 2, target: 'z^2', activation: 'z^2', noise: 0, gamma: 0.1, secondLayer: { trained: false } }, 4)) // [0.5, 0.5, 0.5]
 */
export function annealedInitialState(spec: CommitteeSpec, d: number): Float64Array {
  const p = spec.width;
  const layout = stateLayout(p, spec.secondLayer.trained);
  const x = 1 / Math.sqrt(d);
  const Q = new Float64Array(p * p).fill(x);
  for (let j = 0; j < p; j++) Q[j * p + j] = 1;
  return packState(layout, new Float64Array(p).fill(x), Q, initialSecondLayer(spec));
}

export interface CommitteeIntegrateOptions extends DriftOptions {
  readonly tMax: number;
  readonly rtol?: number;
  readonly atol?: number;
  readonly onStep?: (t: number, state: Float64Array) => void;
}

/**
 * Integrate the committee ODE from `initial` (layout of spec.ts) up to tMax (adaptive Dormand–Prince 5(4)).
 * For σ = σ* = z², p = 1, Δ = 0 the solution of dm/dt = 4(1 − 6γ)m(1 − m²) is m² = 1/(1 + (1/m₀² − 1)e^{−8(1−6γ)t}):
 * @example integrateCommitteeOde({ width: 1, target: 'z^2', activation: 'z^2', noise: 0, gamma: 0.1, secondLayer: { trained: false } }, Float64Array.of(0.1), { tMax: 1 }).y[0] // ≈ 1 / Math.sqrt(1 + 99 * Math.exp(-3.2))
 */
export function integrateCommitteeOde(spec: CommitteeSpec, initial: Float64Array, options: CommitteeIntegrateOptions): IntegrateResult {
  const drift = committeeDrift(spec, options);
  return integrateOde(drift.rhs, initial, {
    tMax: options.tMax,
    rtol: options.rtol,
    atol: options.atol,
    onStep: options.onStep,
  });
}

export type InitialCondition = 'annealed' | 'quenched';

export interface ExitTimeOptions extends DriftOptions {
  /** Dimension d (sets the initial overlaps ≍ d^{−1/2} and the sample count). */
  readonly d: number;
  /** T ∈ (0, 1): the fraction of the initial excess risk to lose. */
  readonly riskDrop: number;
  readonly init: InitialCondition;
  /** Give up at this t (default 1000). */
  readonly tMax?: number;
  /** Gauss–Hermite nodes of the quenched average (default 24; the error compares with 1.5× as many). */
  readonly quadratureNodes?: number;
  readonly rtol?: number;
}

export interface ExitTime {
  /** The exit time in the paper's units t = ν·γ/(p·d), or null. */
  readonly t: number | null;
  /** ν = t·p·d/γ, or null. */
  readonly samples: number | null;
  readonly reached: boolean;
  /** Why t is null. */
  readonly reason?: string;
  /** Quenched only: |E_n − E_{1.5n}| of the Gauss–Hermite average over the initial overlap. */
  readonly quadratureError?: number;
  /** The drift was numeric (Gauss–Hermite in the fields). */
  readonly numeric: boolean;
}

/**
 * Exit time of the ODE from the annealed initial condition, or averaged over the initial overlap
 * √d·m_0 ~ N(0, 1) (quenched, width 1 only: a deterministic Gauss–Hermite average, with the
 * logarithmic singularity −log|m_0|/ω at m_0 = 0 integrated in closed form).
 * @example odeExitTime({ width: 1, target: 'z^2', activation: 'z^2', noise: 0, gamma: 1 / 12, secondLayer: { trained: false } }, { d: 1e4, riskDrop: 0.5, init: 'annealed' }).reached // true
 */
export function odeExitTime(spec: CommitteeSpec, options: ExitTimeOptions): ExitTime {
  const { d, riskDrop: T } = options;
  if (!(d > 1) || !Number.isFinite(d)) throw new OutOfRangeError(`dimension d must be finite and > 1, got ${d}`);
  if (!(T > 0 && T < 1)) throw new OutOfRangeError(`risk drop T must lie in (0, 1), got ${T}`);
  const drift = committeeDrift(spec, options);
  const risk = committeeRisk(spec);
  const numeric = !drift.exact;
  const samplesOf = (t: number) => (t * spec.width * d) / spec.gamma;
  const tMax = options.tMax ?? 1000;
  if (options.init === 'annealed') {
    const r = exitFrom(spec, drift, risk, annealedInitialState(spec, d), T, tMax, options.rtol);
    return r.t === null ? { t: null, samples: null, reached: false, reason: r.reason, numeric } : { t: r.t, samples: samplesOf(r.t), reached: true, numeric };
  }
  if (spec.width !== 1) {
    throw new OutOfRangeError(
      `the quenched ODE exit time averages over the p + p(p−1)/2 initial overlaps by a deterministic quadrature and is implemented for width 1 only (got ${spec.width}); quenchedExitTime (closedForms.ts) gives the paper's closed form for any width`,
    );
  }
  const at = (m0: number) => exitFrom(spec, drift, risk, packState(drift.layout, [m0], [1], initialSecondLayer(spec)), T, tMax, options.rtol);
  // Is m = 0 a fixed point, and at which linear rate ω does m leave it?
  const probe = new Float64Array(drift.layout.size);
  const origin = packState(drift.layout, [0], [1], initialSecondLayer(spec));
  drift.rhs(origin, probe);
  const stationary = Math.abs(probe[0]!) < 1e-14;
  let omega = 0;
  if (stationary) {
    const eps = 1e-6;
    const up = new Float64Array(probe.length);
    const down = new Float64Array(probe.length);
    drift.rhs(packState(drift.layout, [eps], [1], initialSecondLayer(spec)), up);
    drift.rhs(packState(drift.layout, [-eps], [1], initialSecondLayer(spec)), down);
    omega = (up[0]! - down[0]!) / (2 * eps);
    if (!(omega > 0)) {
      return { t: null, samples: null, reached: false, reason: `m = 0 is a fixed point that does not repel (dm/dt ≈ ${omega.toPrecision(4)}·m)`, numeric };
    }
  }
  const n = options.quadratureNodes ?? 24;
  const average = (nodes: number): { value: number | null; reason?: string } => {
    const rule = gaussHermiteRule(nodes);
    let sum = 0;
    for (let i = 0; i < nodes; i++) {
      const m0 = rule.nodes[i]! / Math.sqrt(d);
      if (Math.abs(m0) >= 1) return { value: null, reason: `the quadrature node m_0 = ${m0} is outside (−1, 1): d is too small` };
      const r = at(m0);
      if (r.t === null) return { value: null, reason: `from m_0 = ${m0.toPrecision(4)}: ${r.reason}` };
      // Stationary origin: integrate t(m_0) + log|m_0|/ω (smooth) by the rule, −log|m_0|/ω in closed form.
      sum += rule.weights[i]! * (stationary ? r.t + Math.log(Math.abs(m0)) / omega : r.t);
    }
    // E[−log|m_0|] = (log d − E[log g²])/2 with E[log g²] = −γ_E − log 2 for g ~ N(0, 1).
    return { value: stationary ? sum + (Math.log(d) + EULER_GAMMA + Math.LN2) / (2 * omega) : sum };
  };
  const coarse = average(n);
  if (coarse.value === null) return { t: null, samples: null, reached: false, reason: coarse.reason, numeric };
  const fine = average(Math.ceil(1.5 * n));
  if (fine.value === null) return { t: null, samples: null, reached: false, reason: fine.reason, numeric };
  return { t: fine.value, samples: samplesOf(fine.value), reached: true, quadratureError: Math.abs(fine.value - coarse.value), numeric };
}

/** The exit time from one initial state, or null with the reason. */
function exitFrom(
  spec: CommitteeSpec,
  drift: CommitteeDrift,
  risk: CommitteeRisk,
  y0: Float64Array,
  T: number,
  tMax: number,
  rtol: number | undefined,
): { t: number | null; reason?: string } {
  const a0 = initialSecondLayer(spec);
  const excess = (y: Float64Array): number => {
    const { m, Q, a } = unpackState(drift.layout, y, a0);
    return risk.risk(m, Q, a) - risk.floor;
  };
  const e0 = excess(y0);
  if (!(e0 > 0)) return { t: null, reason: `the initial excess risk ${e0} is not positive` };
  const velocity = new Float64Array(y0.length);
  drift.rhs(y0, velocity);
  if (velocity.every((v) => v === 0)) return { t: null, reason: 'stuck: the initial state is a fixed point of the ODE (m = 0 exactly is stationary)' };
  const level = (1 - T) * e0;
  const r = integrateOde(drift.rhs, y0, { tMax, rtol, event: (y) => excess(y) - level });
  if (r.event) return { t: r.t };
  if (r.failure) return { t: null, reason: r.failure };
  return {
    t: null,
    reason: `the excess risk did not fall by the fraction T = ${T} by t = ${tMax} (excess ${excess(r.y).toPrecision(4)} vs level ${level.toPrecision(4)})`,
  };
}
