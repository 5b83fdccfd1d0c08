/**
 * Deterministic (ODE) prediction of the SGD hitting time of the overlap m = ⟨w, θ*⟩.
 *
 *   dm/dt = f(m) = γ(1 − m²)·Σ_{i=1}^{I} i!·μ_i·m^{i−1} − γ²·d·E[ψ²]·m/2,   m(0) = m₀ = d^{−1/2},
 *
 * t in SGD steps (one step = one unit of t, γ the step size). The hitting time is the first t
 * with m(t) ≥ τ.
 *
 * Method: the flow is one-dimensional and autonomous, so while f > 0 the overlap increases
 * monotonically and time is a function of it. In u = ln m,
 *   du/dt = g(u) = f(e^u)/e^u = γ(1 − m²)·Σ i!·μ_i·m^{i−2} − γ²·d·E[ψ²]/2,
 *   t(τ) = ∫_{ln m₀}^{ln τ} du / g(u),
 * integrated with error control (adaptive 5-point Gauss–Legendre, target 1e-12 relative).
 * This is the ODE integrated with u = ln m as the independent variable; unlike marching in t
 * (e.g. RK45 with event location) its accuracy does not degrade when τ sits just below a fixed
 * point, where a small error in m becomes a large error in t.
 *
 * If f has a zero in [m₀, τ], m converges to the first one (a stable fixed point) and never
 * reaches τ: the result is null when g ≤ 0 anywhere on [ln m₀, ln τ] — checked on a 1024-point
 * grid (endpoints included, so a negative drift at the start gives null), then at every
 * quadrature node. Also null when the hitting time exceeds maxSteps, or τ ≥ 1 (m cannot pass 1:
 * f(1) = −γ²dE[ψ²]/2 ≤ 0). The result is a real number of steps (not rounded); 0 when τ ≤ m₀.
 */

export interface OdeProblem {
  /** Step size γ > 0. */
  gamma: number;
  /** Dimension d ≥ 1 (m₀ = startScale·d^{−1/2}). */
  d: number;
  /** m₀ in units of d^{−1/2} (default 1). */
  startScale?: number;
  /** μ_1..μ_I at index i − 1. */
  mu: readonly number[];
  /** E[ψ²] ≥ 0, the noise (second-moment) term. */
  psiSecondMoment: number;
  /** Threshold τ > 0 on the overlap. */
  threshold: number;
  /** Give up (null) beyond this many steps. */
  maxSteps: number;
}

// 5-point Gauss–Legendre on [−1, 1]: nodes 0, ±⅓√(5 ∓ 2√(10/7)); weights 128/225, (322 ± 13√70)/900.
const GL_NODES = [0, Math.sqrt(5 - 2 * Math.sqrt(10 / 7)) / 3, Math.sqrt(5 + 2 * Math.sqrt(10 / 7)) / 3] as const;
const GL_WEIGHTS = [128 / 225, (322 + 13 * Math.sqrt(70)) / 900, (322 - 13 * Math.sqrt(70)) / 900] as const;

const SCAN_POINTS = 1024;
const REL_TOL = 1e-12;
const MAX_PANELS = 20_000;

function validate(o: OdeProblem): void {
  const positive = (name: string, v: number): void => {
    if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`odeHittingTime: ${name} must be positive and finite, got ${v}`);
  };
  positive('gamma', o.gamma);
  positive('threshold', o.threshold);
  positive('maxSteps', o.maxSteps);
  if (o.startScale !== undefined) positive('startScale', o.startScale);
  if (!(o.d >= 1 && Number.isFinite(o.d))) throw new RangeError(`odeHittingTime: d must be ≥ 1 and finite, got ${o.d}`);
  if (!(o.psiSecondMoment >= 0 && Number.isFinite(o.psiSecondMoment)))
    throw new RangeError(`odeHittingTime: psiSecondMoment must be ≥ 0 and finite, got ${o.psiSecondMoment}`);
  if (o.mu.length === 0) throw new RangeError('odeHittingTime: mu must have at least one coefficient');
  for (const m of o.mu) if (!Number.isFinite(m)) throw new RangeError(`odeHittingTime: mu entries must be finite, got ${m}`);
}

/** g(u) = f(m)/m at m = e^u (see the module comment). */
function makeLogDrift(o: OdeProblem): (u: number) => number {
  // coef[i−1] = i!·μ_i, so Σ coef[k]·m^k = Σ i!μ_i m^{i−1}.
  const coef: number[] = [];
  let fact = 1;
  o.mu.forEach((mu, k) => {
    fact *= k + 1;
    coef.push(fact * mu);
  });
  const noise = (o.gamma * o.gamma * o.d * o.psiSecondMoment) / 2;
  return (u: number): number => {
    const m = Math.exp(u);
    let p = 0;
    for (let k = coef.length - 1; k >= 0; k--) p = p * m + coef[k]!;
    return (o.gamma * (1 - m * m) * p) / m - noise;
  };
}

/** 5-point Gauss–Legendre ∫_a^b du/g(u); NaN if g ≤ 0 at a node. */
function gaussLegendre5(g: (u: number) => number, a: number, b: number): number {
  const mid = (a + b) / 2;
  const half = (b - a) / 2;
  let sum = 0;
  for (let j = 0; j < GL_NODES.length; j++) {
    const offsets = j === 0 ? [0] : [-GL_NODES[j]!, GL_NODES[j]!];
    for (const x of offsets) {
      const gv = g(mid + x * half);
      if (!(gv > 0)) return NaN;
      sum += GL_WEIGHTS[j]! / gv;
    }
  }
  return sum * half;
}

/** SGD steps for the ODE overlap to reach the threshold, or null (see the module comment). */
export function odeHittingTime(o: OdeProblem): number | null {
  return odeHittingTimeWithError(o)?.steps ?? null;
}

/**
 * odeHittingTime with the quadrature's error estimate: the sum over accepted panels of
 * |L + R − P| (two halves against the whole panel), which bounds the error of L + R whenever
 * the refinement converges; it is large when the panel budget ran out first.
 */
export function odeHittingTimeWithError(o: OdeProblem): { steps: number; error: number } | null {
  validate(o);
  const u0 = Math.log(o.startScale ?? 1) - 0.5 * Math.log(o.d);
  const target = Math.log(o.threshold);
  if (target <= u0) return { steps: 0, error: 0 };
  if (o.threshold >= 1) return null;
  const g = makeLogDrift(o);
  for (let j = 0; j <= SCAN_POINTS; j++) {
    if (!(g(u0 + ((target - u0) * j) / SCAN_POINTS) > 0)) return null;
  }
  return integrateInverseDrift(g, u0, target, o.maxSteps);
}

/**
 * ∫_a^b du/g(u) by adaptive 5-point Gauss–Legendre: a panel [lo, hi] with one-panel value P and
 * halves L, R is accepted when |L + R − P| ≤ REL_TOL·|I₀|·(hi − lo)/(b − a), I₀ the one-panel
 * value on [a, b]; at most
 * MAX_PANELS splits, after which remaining panels are accepted as they are (the error estimate
 * then says so). Null as soon as
 * g ≤ 0 at a node or the accumulated time exceeds maxSteps (every panel adds a positive time).
 */
function integrateInverseDrift(g: (u: number) => number, a: number, b: number, maxSteps: number): { steps: number; error: number } | null {
  const whole = gaussLegendre5(g, a, b);
  if (Number.isNaN(whole)) return null;
  const scale = (REL_TOL * whole) / (b - a);
  let splits = 0;
  let total = 0;
  let error = 0;
  const stack: [number, number, number][] = [[a, b, whole]];
  while (stack.length > 0) {
    const [lo, hi, est] = stack.pop()!;
    const mid = (lo + hi) / 2;
    const left = gaussLegendre5(g, lo, mid);
    const right = gaussLegendre5(g, mid, hi);
    if (Number.isNaN(left) || Number.isNaN(right)) return null;
    if (Math.abs(left + right - est) <= scale * (hi - lo) || splits >= MAX_PANELS) {
      total += left + right;
      error += Math.abs(left + right - est);
      if (total > maxSteps) return null;
    } else {
      splits++;
      stack.push([lo, mid, left], [mid, hi, right]);
    }
  }
  return { steps: total, error };
}
