/**
 * A committee f(x) = (1/p)·Σ_j a_j·σ(⟨w_j, x⟩) learning y = σ*(⟨θ*, x⟩) + √Δ·ε by projected online
 * SGD (arXiv 2305.18502; docs/theory.md §7), and the layout of its overlap state.
 *
 * Conventions: θ*, w_j unit vectors, m_j = ⟨w_j, θ*⟩, Q_jl = ⟨w_j, w_l⟩ (Q_jj = 1); one step
 * w_j ← normalize(w_j + (γ/(p·d))·ℰ·a_j·σ'(λ_j)·x), a_j ← a_j + (γ_a/(p·d))·ℰ·σ(λ_j); time t = ν·γ/(p·d).
 */
import { OutOfRangeError } from '../errors.js';
import { compileExpr, type RealFunction } from '../expr/compile.js';
import { derivativeOf } from '../expr/derivative.js';
import { asLink, type LinkInput } from '../expr/link.js';
import { exprToPolynomial } from '../expr/toPolynomial.js';
import { polyDerivative, type Polynomial } from '../poly/polynomial.js';

export interface SecondLayer {
  /** Whether a is trained (paper: rate γ_a = γ). */
  readonly trained: boolean;
  /** γ_a; defaults to γ. */
  readonly rate?: number;
  /** a(0); defaults to a_j = 1 (the paper's choice). */
  readonly a0?: readonly number[];
}

export interface CommitteeSpec {
  /** p ≥ 1. */
  readonly width: number;
  /** σ*. */
  readonly target: LinkInput;
  /** σ. */
  readonly activation: LinkInput;
  /** Δ ≥ 0: label noise variance. */
  readonly noise: number;
  /** γ > 0: the paper's learning rate (step γ/(p·d) in the conventions above). */
  readonly gamma: number;
  readonly secondLayer: SecondLayer;
}

/** One link, exact when it is a rational polynomial: σ, σ' as polynomials, or as closures. */
export interface ResolvedLink {
  readonly polynomial: Polynomial | null;
  readonly derivative: Polynomial | null;
  readonly f: RealFunction;
  readonly df: RealFunction;
  readonly source: string;
}

/** σ or σ* resolved once: exact polynomials when possible, compiled closures always. */
export function resolveLink(input: LinkInput): ResolvedLink {
  const link = asLink(input);
  const polynomial = exprToPolynomial(link.expr);
  return {
    polynomial,
    derivative: polynomial ? polyDerivative(polynomial) : null,
    f: compileExpr(link.expr),
    df: compileExpr(derivativeOf(link.expr)),
    source: link.source,
  };
}

/**
 * Where each overlap sits in the ODE state (a Float64Array): m_0..m_{p−1}, then Q_jl for j < l in
 * row order ((0,1), (0,2), …, (1,2), …), then a_0..a_{p−1} when the second layer is trained.
 */
export interface StateLayout {
  readonly width: number;
  readonly trained: boolean;
  /** Offset of Q_01 (= p). */
  readonly qOffset: number;
  /** Offset of a_0 (= p + p(p−1)/2), meaningful when trained. */
  readonly aOffset: number;
  /** Length of the state. */
  readonly size: number;
  /** Index of Q_jl (j ≠ l) in the state. */
  readonly qIndex: (j: number, l: number) => number;
}

/**
 * The state layout of width p.
 * @example stateLayout(3, true).size // 9
 */
export function stateLayout(width: number, trained: boolean): StateLayout {
  const p = width;
  const qOffset = p;
  const aOffset = p + (p * (p - 1)) / 2;
  const qIndex = (j: number, l: number): number => {
    const [a, b] = j < l ? [j, l] : [l, j];
    return qOffset + a * p - (a * (a + 1)) / 2 + (b - a - 1);
  };
  return { width: p, trained, qOffset, aOffset, size: aOffset + (trained ? p : 0), qIndex };
}

/** Check a spec's numbers; OutOfRangeError otherwise. */
export function checkSpec(spec: CommitteeSpec): void {
  const p = spec.width;
  if (!Number.isInteger(p) || p < 1) throw new OutOfRangeError(`committee width must be an integer ≥ 1, got ${p}`);
  if (!(spec.noise >= 0) || !Number.isFinite(spec.noise)) throw new OutOfRangeError(`noise Δ must be finite and ≥ 0, got ${spec.noise}`);
  if (!(spec.gamma > 0) || !Number.isFinite(spec.gamma)) throw new OutOfRangeError(`learning rate γ must be finite and > 0, got ${spec.gamma}`);
  const a0 = spec.secondLayer.a0;
  if (a0 && a0.length !== p) throw new OutOfRangeError(`a0 has ${a0.length} entries, the width is ${p}`);
}

/** a(0): spec.secondLayer.a0 or all ones. */
export function initialSecondLayer(spec: CommitteeSpec): Float64Array {
  return Float64Array.from(spec.secondLayer.a0 ?? new Array<number>(spec.width).fill(1));
}

/**
 * The state of overlaps (m, Q, a): Q is p×p row-major (only j < l is read); a is read only when trained.
 * @example Array.from(packState(stateLayout(2, false), [0.1, 0.2], [1, 0.3, 0.3, 1], [1, 1])) // [0.1, 0.2, 0.3]
 */
export function packState(layout: StateLayout, m: ArrayLike<number>, Q: ArrayLike<number>, a: ArrayLike<number>): Float64Array {
  const p = layout.width;
  const s = new Float64Array(layout.size);
  for (let j = 0; j < p; j++) s[j] = m[j]!;
  for (let j = 0; j < p; j++) for (let l = j + 1; l < p; l++) s[layout.qIndex(j, l)] = Q[j * p + l]!;
  if (layout.trained) for (let j = 0; j < p; j++) s[layout.aOffset + j] = a[j]!;
  return s;
}

/** m, the full Q (unit diagonal, p×p row-major) and a of a state; `aFixed` when a is not trained. */
export function unpackState(layout: StateLayout, s: ArrayLike<number>, aFixed: ArrayLike<number>): { m: Float64Array; Q: Float64Array; a: Float64Array } {
  const p = layout.width;
  const m = new Float64Array(p);
  const Q = new Float64Array(p * p);
  const a = new Float64Array(p);
  unpackInto(layout, s, aFixed, m, Q, a);
  return { m, Q, a };
}

/** unpackState without allocating. */
export function unpackInto(layout: StateLayout, s: ArrayLike<number>, aFixed: ArrayLike<number>, m: Float64Array, Q: Float64Array, a: Float64Array): void {
  const p = layout.width;
  for (let j = 0; j < p; j++) m[j] = s[j]!;
  for (let j = 0; j < p; j++) {
    Q[j * p + j] = 1;
    for (let l = j + 1; l < p; l++) {
      const v = s[layout.qIndex(j, l)]!;
      Q[j * p + l] = v;
      Q[l * p + j] = v;
    }
  }
  for (let j = 0; j < p; j++) a[j] = layout.trained ? s[layout.aOffset + j]! : aFixed[j]!;
}
