/**
 * The z-line cut into pieces on which σ is monotone or flat: cuts at kinks, singular
 * points and the zeros of σ' (critical points). Flat pieces are the atoms of y = σ(z).
 */
import type { RealFunction } from '../expr/compile.js';
import { findSpecialPoints } from '../quadrature/roots.js';
import { beyond, SAME_POINT } from '../numeric/tolerance.js';

export interface MonotonePiece {
  readonly kind: 'monotone';
  readonly a: number;
  readonly b: number;
  /** One-sided limits σ(a+), σ(b−). */
  readonly ya: number;
  readonly yb: number;
  /** +1 increasing, −1 decreasing. */
  readonly direction: 1 | -1;
  /** σ tabulated on a grid of the piece (z increasing): brackets and first guesses for preimages. */
  readonly gridZ: Float64Array;
  readonly gridY: Float64Array;
}

/** Points per piece in the preimage table. */
const GRID = 48;

export interface FlatPiece {
  readonly kind: 'flat';
  readonly a: number;
  readonly b: number;
  readonly value: number;
}

export type Piece = MonotonePiece | FlatPiece;

/** Just inside an endpoint, to read one-sided limits at kinks and jumps. */
function inside(x: number, towards: number): number {
  const step = 1e-12 * Math.max(1, Math.abs(x));
  return x + Math.sign(towards - x) * step;
}

/**
 * Cut [−L, L] at the given points and at the zeros of σ'; classify each piece. Flat end
 * pieces are taken to reach ±∞ (σ constant beyond L, as for relu or sign).
 */
export function monotonePieces(sigma: RealFunction, derivative: RealFunction, cuts: readonly number[], window: number): Piece[] {
  const critical = findSpecialPoints(derivative, -window, window);
  const points = [...cuts, ...critical.crossings, ...critical.touches, ...critical.poles].filter((x) => x > -window && x < window).sort((x, y) => x - y);
  const edges = [-window];
  for (const x of points) if (beyond(edges[edges.length - 1]!, x, SAME_POINT)) edges.push(x);
  if (beyond(edges[edges.length - 1]!, window, SAME_POINT)) edges.push(window);
  else edges[edges.length - 1] = window;
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i]!;
    const b = edges[i + 1]!;
    const samples = [0.1, 0.3, 0.5, 0.7, 0.9].map((t) => a + t * (b - a));
    const values = samples.map(sigma);
    const flat = samples.every((z) => derivative(z) === 0) && values.every((v) => v === values[0]);
    if (flat) {
      pieces.push({ kind: 'flat', a: i === 0 ? -Infinity : a, b: i + 2 === edges.length ? Infinity : b, value: values[0]! });
      continue;
    }
    const ya = sigma(inside(a, b));
    const yb = sigma(inside(b, a));
    if (ya === yb) continue; // numerically constant but not flat: no mass to speak of
    const gridZ = new Float64Array(GRID + 1);
    const gridY = new Float64Array(GRID + 1);
    for (let j = 0; j <= GRID; j++) {
      gridZ[j] = j === 0 ? a : j === GRID ? b : a + ((b - a) * j) / GRID;
      gridY[j] = j === 0 ? ya : j === GRID ? yb : sigma(gridZ[j]!);
    }
    pieces.push({ kind: 'monotone', a, b, ya, yb, direction: yb > ya ? 1 : -1, gridZ, gridY });
  }
  return pieces;
}

/**
 * The z in (a, b) with σ(z) = y on a monotone piece, by Newton's method safeguarded by
 * bisection (the bracket always holds the root), to ~2e-15 relative.
 */
export function preimageOn(piece: MonotonePiece, y: number, sigma: RealFunction, derivative: RealFunction): number {
  // g(z) = direction·(σ(z) − y) is increasing on the piece; bracket the root in the table
  const { gridZ, gridY, direction } = piece;
  let i = 0;
  let j = gridZ.length - 1;
  while (j - i > 1) {
    const m = (i + j) >> 1;
    if (direction * (gridY[m]! - y) < 0) i = m;
    else j = m;
  }
  let lo = gridZ[i]!;
  let hi = gridZ[j]!;
  const g = (z: number) => direction * (sigma(z) - y);
  const y0 = gridY[i]!;
  const y1 = gridY[j]!;
  let z = y1 === y0 ? 0.5 * (lo + hi) : lo + ((y - y0) / (y1 - y0)) * (hi - lo);
  if (!(z > lo && z < hi)) z = 0.5 * (lo + hi);
  for (let iter = 0; iter < 100; iter++) {
    const gz = g(z);
    if (gz === 0) return z;
    if (gz < 0) lo = z;
    else hi = z;
    if (hi - lo <= 4e-16 * Math.max(1, Math.abs(z))) return 0.5 * (lo + hi);
    const slope = piece.direction * derivative(z);
    let next = slope > 0 ? z - gz / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    else if (Math.abs(next - z) <= 2e-15 * Math.max(1, Math.abs(z))) return next;
    z = next;
  }
  return z;
}
