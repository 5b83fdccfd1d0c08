/**
 * The run loop of the coupled two-layer committee (arXiv 2305.18502; committee.ts states the
 * model), shared by its two engines: the exact d-free Gram chain (committeeReduced.ts) and the
 * explicit d-dimensional vectors (committeeFull.ts). An engine is a `CommitteeChain`: it holds the
 * state (θ*, w_1..w_p, a_1..a_p), draws one sample and steps; this loop watches the overlaps and
 * the population risk and decides when the run ends.
 *
 * After step ν (ν = samples used; ν = 0 is the start):
 * - hit: the first ν with max_j m_j ≥ τ, hitAbs: the first with max_j |m_j| ≥ τ (every step);
 * - the risk R_ν = risk(m, Q, a), evaluated when ν is a multiple of riskEvery (ν = 0 included);
 *   exit: the first such ν with R_ν − floor ≤ (1 − T)·(R_0 − floor) (`riskExitLevel`);
 * - a divergence: a step that reports failure, or a NaN/±∞ overlap, second-layer weight or risk.
 * The run stops at exit (with untilHitAbs: once exit and hitAbs are both known), at a
 * divergence, or after maxSteps (exit then null: censored). Nothing is allocated per step; the
 * buffers m, Q, a handed to `risk` are reused (the callback must not keep them).
 */

/** Validated options with their defaults resolved (committee.ts, `committeeInput`). */
export interface CommitteeInput {
  readonly d: number;
  /** p, the number of hidden neurons */
  readonly width: number;
  readonly target: (u: number) => number;
  readonly activation: (z: number) => number;
  readonly activationDerivative: (z: number) => number;
  /** Δ ≥ 0 */
  readonly noise: number;
  /** γ: the first layer's step is (γ/(p·d))·ℰ·a_j·σ'(λ_j)·x */
  readonly gamma: number;
  /** whether a_j moves */
  readonly trained: boolean;
  /** γ_a: the second layer's step is (γ_a/(p·d))·ℰ·σ(λ_j) */
  readonly rate: number;
  /** a_j at the start, every j */
  readonly a0: number;
  readonly risk: (m: Float64Array, Q: Float64Array, a: Float64Array) => number;
  readonly riskFloor: number;
  readonly riskDrop: number;
  readonly riskEvery: number;
  readonly threshold: number;
  readonly untilHitAbs: boolean;
  readonly maxSteps: number;
  readonly engine: 'reduced' | 'full';
  readonly seed: number;
}

/** One engine's state and step. Overlap and weight indices are 0..p−1. */
export interface CommitteeChain {
  /** a_j (live: the engine updates it in place) */
  readonly a: Float64Array;
  /** out[j] = m_j = ⟨w_j, θ*⟩ */
  overlaps(out: Float64Array): void;
  /** out[j·p + l] = Q_jl = ⟨w_j, w_l⟩ (row-major, Q_jj = 1) */
  gram(out: Float64Array): void;
  /** draw one sample and apply it to every neuron; false on overflow (the state is then undefined) */
  step(): boolean;
}

/** One seed of the committee. Times are in samples ν (the paper's time is t = ν·γ/(p·d)). */
export interface CommitteeRun {
  seed: number;
  /** the first ν (a multiple of riskEvery) with R_ν − floor ≤ (1 − T)·(R_0 − floor); null if censored */
  exit: number | null;
  /** R_0, the risk at the start */
  risk0: number;
  /** the first ν with max_j m_j ≥ τ; null if not reached before the run stopped */
  hit: number | null;
  /** the first ν with max_j |m_j| ≥ τ; null if not reached before the run stopped */
  hitAbs: number | null;
  /** samples used */
  steps: number;
  /** the step at which the state or the risk became NaN/±∞ (the run ends there) */
  diverged: number | null;
  /** the risk of the final state (after a divergence: the last finite value evaluated) */
  finalRisk: number;
  /** m_j of the final state (after a divergence: the last finite ones) */
  finalOverlaps: number[];
  /** a_j of the final state (after a divergence: the last finite ones) */
  finalSecondLayer: number[];
}

/**
 * The risk level whose crossing is the exit: floor + (1 − T)·(R_0 − floor).
 * @example riskExitLevel(3, 1, 0.75) // 1.5
 */
export function riskExitLevel(risk0: number, floor: number, drop: number): number {
  return floor + (1 - drop) * (risk0 - floor);
}

function allFinite(xs: Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) if (!Number.isFinite(xs[i]!)) return false;
  return true;
}

/** Run `chain` as the module comment says. */
export function driveCommittee(chain: CommitteeChain, o: CommitteeInput): CommitteeRun {
  const p = o.width;
  const m = new Float64Array(p);
  const Q = new Float64Array(p * p);
  const a = chain.a;
  const lastM = new Float64Array(p);
  const lastA = new Float64Array(p);
  let hit: number | null = null;
  let hitAbs: number | null = null;
  let exit: number | null = null;
  let diverged: number | null = null;
  let level = NaN;
  let risk0 = NaN;
  let finalRisk = NaN;
  let riskAt = -1;
  let t = 0;
  /** observe the state after step t; true when the run stops */
  const observe = (): boolean => {
    chain.overlaps(m);
    if (!allFinite(m) || !allFinite(a)) {
      diverged = t;
      return true;
    }
    lastM.set(m);
    lastA.set(a);
    let max = -Infinity;
    let maxAbs = -Infinity;
    for (let j = 0; j < p; j++) {
      if (m[j]! > max) max = m[j]!;
      if (Math.abs(m[j]!) > maxAbs) maxAbs = Math.abs(m[j]!);
    }
    if (hit === null && max >= o.threshold) hit = t;
    if (hitAbs === null && maxAbs >= o.threshold) hitAbs = t;
    if (t % o.riskEvery === 0) {
      chain.gram(Q);
      const r = o.risk(m, Q, a);
      if (!Number.isFinite(r)) {
        diverged = t;
        return true;
      }
      finalRisk = r;
      riskAt = t;
      if (t === 0) {
        risk0 = r;
        level = riskExitLevel(r, o.riskFloor, o.riskDrop);
      }
      if (exit === null && r <= level) exit = t;
    }
    return exit !== null && (!o.untilHitAbs || hitAbs !== null);
  };
  if (!observe()) {
    for (t = 1; t <= o.maxSteps; t++) {
      if (!chain.step()) {
        diverged = t;
        break;
      }
      if (observe()) break;
    }
    if (t > o.maxSteps) t = o.maxSteps;
  }
  if (diverged === null && riskAt !== t) {
    chain.gram(Q);
    finalRisk = o.risk(m, Q, a);
  }
  return {
    seed: o.seed,
    exit,
    risk0,
    hit,
    hitAbs,
    steps: t,
    diverged,
    finalRisk,
    finalOverlaps: Array.from(lastM),
    finalSecondLayer: Array.from(lastA),
  };
}
