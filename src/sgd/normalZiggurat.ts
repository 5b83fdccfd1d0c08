/**
 * Ziggurat tables of N(0, 1) with n layers (Marsaglia & Tsang 2000, with Doornik's 2005 setup),
 * for any n: f(x) = e^{−x²/2}, R the base edge, V = R·f(R) + ∫_R^∞ f = R·f(R) + √(π/2)·erfc(R/√2)
 * the area of every layer, X[0] = V/f(R), X[1] = R, f(X[i+1]) = V/X[i] + f(X[i]), X[n] = 0;
 * R solves the last equation by bisection. A first attempt is layer i and u uniform on [−1, 1):
 * x = u·X[i] is accepted at once when |u| < X[i+1]/X[i]. Rng keeps Doornik's 128-layer table
 * for normal() and fillNormals; the reduced chain's inline draws use 2048 layers, which cuts the
 * share of first attempts that miss their core from 2.8 % to 0.23 % (those are completed from a
 * reserve, see scalarChain.ts).
 */
import { erfc } from '../numeric/special.js';
import { AliasTable } from './alias.js';

export interface NormalZiggurat {
  readonly layers: number;
  /** the base edge R = X[1] and the layers' area V */
  readonly r: number;
  readonly v: number;
  /** X[0] = V/f(R) > R, X[1] = R > X[2] > … > X[n] = 0 */
  readonly x: Float64Array;
  /** X[i+1]/X[i]: the core of layer i is |u| below it */
  readonly ratio: Float64Array;
  /** f(X[i]) */
  readonly f: Float64Array;
  /**
   * The chord squeeze of layer i ≥ 1's wedge X[i+1] ≤ |x| ≤ X[i]: f(x) ≥ f(X[i+1]) − chord[i]·δ,
   * δ = |x| − X[i+1] (log f is concave, and e^{−t} ≥ 1 − t); and f(x) ≤ f(X[i+1])·(1 − κ + κ²/2),
   * κ = X[i+1]·δ, from its tangent at X[i+1].
   */
  readonly chord: Float64Array;
  /** the layer of a first attempt that missed its core: weight 1 − ratio[i] */
  readonly missLayer: AliasTable;
}

function edges(n: number, r: number): { x: Float64Array; v: number; residual: number } {
  const fr = Math.exp(-0.5 * r * r);
  const v = r * fr + Math.sqrt(Math.PI / 2) * erfc(r / Math.SQRT2);
  const x = new Float64Array(n + 1);
  x[0] = v / fr;
  x[1] = r;
  let f = fr;
  for (let i = 1; i < n - 1; i++) {
    const next = v / x[i]! + f; // f(X[i+1])
    if (!(next < 1)) return { x, v, residual: n - i }; // the layers reach the mode too early: R too small
    x[i + 1] = Math.sqrt(-2 * Math.log(next));
    f = next;
  }
  return { x, v, residual: v / x[n - 1]! + f - 1 };
}

/** The n-layer ziggurat of N(0, 1) (see the module comment). */
export function buildNormalZiggurat(n: number): NormalZiggurat {
  if (!(n >= 4 && (n & (n - 1)) === 0))
    throw new RangeError(`buildNormalZiggurat: the layer count must be a power of 2 ≥ 4 (its index is drawn as bits), got ${n}`);
  let lo = 1;
  let hi = 12;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
    const mid = (lo + hi) / 2;
    if (edges(n, mid).residual > 0) lo = mid;
    else hi = mid;
  }
  const { x, v } = edges(n, hi);
  x[n] = 0;
  const ratio = new Float64Array(n);
  for (let i = 0; i < n; i++) ratio[i] = x[i + 1]! / x[i]!;
  const f = Float64Array.from(x, (t) => Math.exp(-0.5 * t * t));
  const chord = new Float64Array(n);
  for (let i = 1; i < n; i++) chord[i] = (f[i + 1]! * Math.log(f[i + 1]! / f[i]!)) / (x[i]! - x[i + 1]!);
  return { layers: n, r: hi, v, x, ratio, f, chord, missLayer: new AliasTable(Array.from(ratio, (q) => 1 - q)) };
}

/** Doornik's 128-layer table of Rng.normal() and Rng.fillNormals. */
export const RNG_NORMAL_ZIGGURAT = buildNormalZiggurat(128);

/** The 2048-layer table of the reduced chain's draws. */
export const CHAIN_NORMAL_ZIGGURAT = buildNormalZiggurat(2048);
