/**
 * Adaptive Dormand–Prince 5(4) for y' = f(y) (autonomous), with a stop predicate located by
 * bisection on the last step. The committee ODE (drift.ts) is integrated with it.
 */

/** y' = f(y), written into `out`. */
export type Rhs = (y: Float64Array, out: Float64Array) => void;

export interface IntegrateOptions {
  /** Integrate up to this time. */
  readonly tMax: number;
  /** Relative and absolute tolerances of the local error (defaults 1e-10, 1e-13). */
  readonly rtol?: number;
  readonly atol?: number;
  /** First step (default 1e-3·tMax). */
  readonly h0?: number;
  /** Largest number of accepted steps (default 1e6). */
  readonly maxSteps?: number;
  /** Stop at the first time g(y) ≤ 0 (g(y(0)) > 0 assumed); located to `eventTolerance` in t. */
  readonly event?: (y: Float64Array) => number;
  readonly eventTolerance?: number;
  /** Called after every accepted step (t, y); y is reused, copy it to keep it. */
  readonly onStep?: (t: number, y: Float64Array) => void;
}

export interface IntegrateResult {
  /** Final time: tMax, the event time, or where it gave up. */
  readonly t: number;
  readonly y: Float64Array;
  readonly event: boolean;
  readonly steps: number;
  /** Why it stopped early (step size underflow, step cap, non-finite state), or null. */
  readonly failure: string | null;
}

// Dormand–Prince tableau.
const A: number[][] = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
const B5 = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];
const B4 = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];

/**
 * Integrate y' = f(y) from y0 at t = 0. y' = y, y(0) = 1 gives e at t = 1:
 * @example integrateOde((y, o) => o.set(y), Float64Array.of(1), { tMax: 1 }).y[0] // ≈ Math.E
 */
export function integrateOde(f: Rhs, y0: Float64Array, options: IntegrateOptions): IntegrateResult {
  const n = y0.length;
  const rtol = options.rtol ?? 1e-10;
  const atol = options.atol ?? 1e-13;
  const maxSteps = options.maxSteps ?? 1_000_000;
  const k = Array.from({ length: 7 }, () => new Float64Array(n));
  const y = Float64Array.from(y0);
  const trial = new Float64Array(n);
  const stage = new Float64Array(n);
  const step = (h: number, from: Float64Array, into: Float64Array): number => {
    f(from, k[0]!);
    for (let s = 1; s < 7; s++) {
      for (let i = 0; i < n; i++) {
        let v = from[i]!;
        for (let r = 0; r < s; r++) v += h * A[s]![r]! * k[r]![i]!;
        stage[i] = v;
      }
      f(stage, k[s]!);
    }
    let err = 0;
    for (let i = 0; i < n; i++) {
      let v5 = from[i]!;
      let d = 0;
      for (let s = 0; s < 7; s++) {
        v5 += h * B5[s]! * k[s]![i]!;
        d += h * (B5[s]! - B4[s]!) * k[s]![i]!;
      }
      into[i] = v5;
      const scale = atol + rtol * Math.max(Math.abs(from[i]!), Math.abs(v5));
      err = Math.max(err, Math.abs(d) / scale);
    }
    return err;
  };
  let t = 0;
  let h = options.h0 ?? 1e-3 * options.tMax;
  let steps = 0;
  while (t < options.tMax) {
    if (steps >= maxSteps) return { t, y, event: false, steps, failure: `step cap ${maxSteps} reached at t = ${t}` };
    h = Math.min(h, options.tMax - t);
    const err = step(h, y, trial);
    if (!Number.isFinite(err) || trial.some((v) => !Number.isFinite(v))) {
      if (h < 1e-14 * Math.max(1, t)) return { t, y, event: false, steps, failure: `non-finite state at t = ${t}` };
      h /= 4;
      continue;
    }
    if (err > 1) {
      h *= Math.max(0.1, 0.9 * err ** -0.2);
      if (h < 1e-14 * Math.max(1, t)) return { t, y, event: false, steps, failure: `step size underflow at t = ${t}` };
      continue;
    }
    if (options.event && options.event(trial) <= 0) {
      // Bisect the step length: a Dormand–Prince step of length ≤ h from y is as accurate.
      let lo = 0;
      let hi = h;
      const tol = options.eventTolerance ?? 1e-12 * Math.max(1, t);
      const probe = new Float64Array(n);
      while (hi - lo > tol) {
        const mid = 0.5 * (lo + hi);
        step(mid, y, probe);
        if (options.event(probe) <= 0) hi = mid;
        else lo = mid;
      }
      step(hi, y, probe);
      return { t: t + hi, y: probe, event: true, steps: steps + 1, failure: null };
    }
    t += h;
    y.set(trial);
    steps++;
    options.onStep?.(t, y);
    h *= Math.min(5, 0.9 * Math.max(err, 1e-10) ** -0.2);
  }
  return { t, y, event: false, steps, failure: null };
}
