/**
 * The branches of one half-slab (levelSetIntegral.ts): where each meets the half-slab's level (its
 * anchor), and a solver placing it at a given level offset in difference arithmetic from there.
 */
import { differenceEvaluator, type DifferenceEvaluator } from '../expr/difference.js';
import type { Expr } from '../expr/tree.js';
import type { Branch, BranchEnd, LevelSets } from './levelSets.js';

const EPS = 2.220446049250313e-16;

/** Where a branch meets one level of a slab, and how to solve σ(z) = level ± offset from there. */
export interface Anchor {
  readonly z: number;
  readonly order: number;
  /** σ'(z) is taken to vanish at the anchor (a critical end). */
  readonly critical: boolean;
  readonly G: DifferenceEvaluator;
  readonly dG: DifferenceEvaluator;
  /** Discontinuous end: offsets are taken from this one-sided limit by direct evaluation. */
  readonly limit: number | null;
  /** σ(anchor) − level (and its rounding bound): nonzero for a crossing that is not a branch end. */
  readonly base: number;
  /**
   * How far this branch's placement relative to the level may be off, systematically (the same for
   * every offset): the rounding of σ at the crossing or end. A shift moves the branch's weights
   * together, so it is bounded as a shift (shiftBound), not point by point.
   */
  readonly shift: number;
  /** +1/−1: the branch lies to the right/left of an anchor at one of its ends; 0 for an interior crossing. */
  readonly side: -1 | 0 | 1;
}

/** A branch's part in a half-slab shorter than a few ulps of z: left out, with its z-length. */
export interface Sliver {
  readonly sliver: number;
  readonly z: number;
}

export const isAnchor = (a: Anchor | { readonly sliver: number }): a is Anchor => !('sliver' in a);

export interface Problem {
  readonly f: (z: number) => number;
  readonly df: (z: number) => number;
  readonly d2f: (z: number) => number;
  readonly sigma: Expr;
  readonly dsigma: Expr;
}

/**
 * An anchor at a branch end (`side` +1: the branch lies to the right). σ' is taken to vanish at
 * the anchor, and computed as the difference σ'(end + h) − σ'(end), when the end has order ≥ 2 and
 * σ' is continuous there (σ' of a kink point may be any average of its one-sided limits).
 */
export function endAnchor(p: Problem, end: BranchEnd, side: 1 | -1): Anchor {
  const G = differenceEvaluator(p.sigma);
  const dG = differenceEvaluator(p.dsigma);
  G.set(end.z);
  dG.set(end.z);
  const t = 1e-10 * Math.max(1, Math.abs(end.z));
  const slopeJump = Math.abs(dG.at(side * t));
  const critical = end.continuous && end.order >= 2 && slopeJump <= 1e-6 * (1 + Math.abs(dG.anchorValue)) && Math.abs(dG.anchorValue) <= 1e-6;
  return { z: end.z, order: end.order, critical, G, dG, limit: end.continuous ? null : end.value, base: 0, shift: 0, side };
}

/** The z on the branch where σ(z) = y (y strictly inside its range), by bisection to adjacent doubles. */
function crossing(p: Problem, br: Branch, y: number): number {
  let lo = br.a;
  let hi = br.b;
  const g = (z: number) => br.direction * (p.f(z) - y);
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (!(mid > lo && mid < hi)) break;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * The anchor where the branch crosses the level y. When the crossing lies within a few ulps of a
 * branch end E (an inflection z³ reaches a tiny level at z_c + 10⁻⁴², which no double represents),
 * two cases: if E lies beyond the level (outside the slab), E itself is the anchor and σ(E) − y its
 * base offset — the branch runs from there across the half-slab; if E lies inside the slab, the
 * branch's part in this half-slab is the sliver between the crossing and E, shorter than a few ulps:
 * null with its z-length (found in difference arithmetic from E), left out and counted in the bound.
 * `inside(level)` says whether a level index lies on the slab side of this level.
 */
export function crossingAnchor(p: Problem, br: Branch, ends: readonly [number, number], y: number, inside: (level: number) => boolean): Anchor | Sliver {
  const z = crossing(p, br, y);
  const ulps = (x: number) => 8 * EPS * Math.abs(x);
  const near =
    Math.abs(z - br.a) <= ulps(br.a) ? ([br.left, 1, ends[0]] as const) : Math.abs(z - br.b) <= ulps(br.b) ? ([br.right, -1, ends[1]] as const) : null;
  if (near) {
    const [end, side, endLevel] = near;
    if (!inside(endLevel) && end.continuous) {
      const a = endAnchor(p, end, side);
      return { ...a, base: a.G.anchorValue - y, shift: a.G.anchorError + EPS * Math.abs(y) };
    }
    return { sliver: end.continuous ? sliverLength(p, end, side, y) : ulps(end.z), z: end.z };
  }
  const G = differenceEvaluator(p.sigma);
  const dG = differenceEvaluator(p.dsigma);
  G.set(z);
  dG.set(z);
  // a representable crossing: σ(z) − y is rounding (the bisection stopped at adjacent doubles), carried as a shift
  return { z, order: 1, critical: false, G, dG, limit: null, base: 0, shift: Math.abs(G.anchorValue - y) + G.anchorError + EPS * Math.abs(y), side: 0 };
}

/** |h| with σ(end + side·h) = y, found in difference arithmetic from the end (h below a few ulps of z). */
function sliverLength(p: Problem, end: BranchEnd, side: 1 | -1, y: number): number {
  const D = differenceEvaluator(p.sigma);
  D.set(end.z);
  const target = y - D.anchorValue;
  let lo = 0;
  let hi = 16 * EPS * Math.abs(end.z);
  const beyond = (t: number) => Math.sign(D.at(side * t) - target) === Math.sign(D.at(side * hi) - target);
  for (let i = 0; i < 2100 && hi > lo; i++) {
    const mid = i < 60 ? 0.5 * (lo + hi) : Math.sqrt(Math.max(lo, Number.MIN_VALUE) * hi);
    if (!(mid > lo && mid < hi)) break;
    if (beyond(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** r of the reference branch at which its offset reaches `band` (bisection in v). */
export function solverR(reference: BranchSolver, band: number, R: number, e: number): number {
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (!(mid > lo && mid < hi)) break;
    reference.place(R * mid ** e);
    if (reference.offsetValue >= band) hi = mid;
    else lo = mid;
  }
  return R * hi ** e;
}

/**
 * One branch on one half-slab: z = anchor + sh·r, r ≥ 0 increasing into the slab, where the level
 * offset s·(σ(z) − σ(anchor)) grows from 0. `solve(δ)` finds the z with offset δ (Newton inside a
 * bracket from the table); `place(r)` puts the branch at a given r (the reference branch).
 */
export class BranchSolver {
  /** Offsets below this are not resolved for this branch (a band accounted separately). */
  band = 0;
  /** r at the table's offsets (set by `build`). */
  private table = new Float64Array(0);
  private offsets: Float64Array<ArrayBufferLike> = new Float64Array(0);
  /** After solve/place: r = |z − anchor| (kept apart from z: it may be below the resolution of z), z, σ'(z), the offset reached, and the bounds of z, σ'(z) and the offset. */
  r = NaN;
  z = NaN;
  slope = NaN;
  offsetValue = NaN;
  zError = NaN;
  slopeError = NaN;
  offsetError = NaN;
  constructor(
    private readonly p: Problem,
    readonly anchor: Anchor,
    /** +1 when y increases away from the anchor into the slab. */
    private readonly s: 1 | -1,
    /** Sign of z − anchor inside the slab. */
    readonly sh: 1 | -1,
    /** Distance from the anchor to the branch's far end (a bracket for every offset in the half-slab). */
    private readonly rMax: number,
  ) {}

  /** s·(σ(anchor + sh·r) − σ(anchor)) and its rounding bound. */
  offset(r: number): { value: number; error: number } {
    const a = this.anchor;
    const h = this.sh * r;
    if (a.limit !== null) {
      const v = this.p.f(a.z + h);
      return { value: this.s * (v - a.limit), error: 8 * EPS * (Math.abs(v) + Math.abs(a.limit)) };
    }
    const d = a.G.at(h) + a.base;
    return { value: this.s * d, error: a.G.error };
  }

  /**
   * σ'(anchor + h) and its rounding bound, as σ'(anchor) + (σ'(anchor + h) − σ'(anchor)) with the
   * difference in difference arithmetic: accurate even when h is below the resolution of z itself.
   * At a critical anchor σ'(anchor) is the computed value (rounding, near a fold; exactly right at an
   * inexact inflection z_c of σ³, where σ'(z_c) = 3σ(z_c)²σ₀'(z_c) is tiny but not 0).
   */
  private derivative(h: number): { value: number; error: number } {
    const a = this.anchor;
    if (a.limit !== null) {
      const v = this.p.df(a.z + h);
      a.dG.at(h);
      return { value: v, error: a.dG.valueError };
    }
    const d = a.dG.at(h);
    return { value: a.dG.anchorValue + d, error: a.dG.error + a.dG.anchorError + 2 * EPS * Math.abs(a.dG.anchorValue + d) };
  }

  /** Put the branch at r; the offset and the slope are evaluated there. */
  place(r: number): boolean {
    this.r = r;
    const h = this.sh * r;
    const off = this.offset(r);
    const der = this.derivative(h);
    this.z = this.anchor.z + h;
    this.slope = der.value;
    this.offsetValue = off.value;
    this.offsetError = off.error;
    // z = anchor + h is rounded, which moves φ(z) and h_k(z) by ε|z|; σ' is computed from h itself
    this.zError = 2 * EPS * Math.abs(this.z);
    this.slopeError = der.error;
    return Number.isFinite(this.z) && Number.isFinite(off.value) && Number.isFinite(der.value);
  }

  /** Solve offset(r) = δ with r in [lo, hi]; sets z, slope and their bounds (δ itself uncertain by deltaError). */
  private solveIn(delta: number, deltaError: number, lo: number, hi: number, guess: number): boolean {
    let r = guess > lo && guess < hi ? guess : 0.5 * (lo + hi);
    for (let it = 0; it < 200; it++) {
      const g = this.offset(r).value - delta;
      if (g === 0) break;
      if (g < 0) lo = r;
      else hi = r;
      if (hi - lo <= 2 * EPS * hi) {
        r = 0.5 * (lo + hi);
        break;
      }
      const slope = this.s * this.sh * this.derivative(this.sh * r).value;
      let next = slope > 0 ? r - g / slope : NaN;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (next === r) break;
      r = next;
    }
    if (!this.place(r) || this.slope === 0) {
      return false;
    }
    const abs = Math.abs(this.slope);
    // a-posteriori: the root is within (|residual| + rounding of both offsets)/|σ'| of r (first order)
    const hError = (Math.abs(this.offsetValue - delta) + this.offsetError + deltaError) / abs;
    this.zError += hError;
    this.slopeError += Math.abs(this.p.d2f(this.z)) * hError;
    return Number.isFinite(this.zError);
  }

  /**
   * The level offset below which this branch's geometry is not resolved: at a critical anchor σ' is
   * known to its rounding s0 only; below the h where |σ'(anchor + h) − σ'(anchor)| = 2·s0 the weights
   * are uncertain by more than half (above it, s0 is part of the slope's error bound).
   */
  unresolvedOffset(rMid: number): number {
    const a = this.anchor;
    let band = 0;
    if (a.critical && a.limit === null) {
      const s0 = a.dG.anchorError;
      if (s0 > 0) {
        const resolved = (r: number) => Math.abs(a.dG.at(this.sh * r)) >= 2 * s0;
        if (!resolved(rMid)) return Infinity;
        let lo = 0;
        let hi = rMid;
        for (let i = 0; i < 200; i++) {
          const mid = i < 60 ? 0.5 * (lo + hi) : Math.sqrt(Math.max(lo, Number.MIN_VALUE) * hi);
          if (!(mid > lo && mid < hi)) break;
          if (resolved(mid)) hi = mid;
          else lo = mid;
        }
        band = Math.max(band, Math.abs(this.offset(hi).value) + this.offset(hi).error);
      }
    }
    return band;
  }

  /** Solve at each offset in `deltas` (increasing) from the top down, for brackets. */
  build(deltas: Float64Array): boolean {
    const n = deltas.length;
    this.offsets = deltas;
    this.table = new Float64Array(n);
    let hi = this.rMax;
    for (let j = n - 1; j >= 0; j--) {
      if (deltas[j]! <= 0) {
        this.table[j] = 0;
        continue;
      }
      if (!this.solveIn(deltas[j]!, 0, 0, hi, j === n - 1 ? 0.5 * hi : (deltas[j]! / deltas[j + 1]!) * hi)) return false;
      hi = this.r;
      this.table[j] = hi;
    }
    return true;
  }

  /** Solve for the offset δ (±deltaError), bracketed by the table. */
  solve(delta: number, deltaError: number): boolean {
    const offsets = this.offsets;
    let j = 0;
    while (j < offsets.length && offsets[j]! < delta) j++;
    const lo = j === 0 ? 0 : this.table[j - 1]!;
    const hi = j === offsets.length ? this.rMax : this.table[j]!;
    const dLo = j === 0 ? 0 : offsets[j - 1]!;
    const dHi = j === offsets.length ? NaN : offsets[j]!;
    const guess = Number.isFinite(dHi) && dHi > dLo ? lo + ((delta - dLo) / (dHi - dLo)) * (hi - lo) : 0.5 * (lo + hi);
    return this.solveIn(delta, deltaError, lo, hi, guess);
  }
}

/**
 * One half of the slab between two consecutive levels: the part next to `level` (value yEnd), of
 * width halfWidth in y, integrated from that level inwards.
 */
export interface HalfSlab {
  readonly p: Problem;
  readonly sets: LevelSets;
  /** λ_1²..λ_K². */
  readonly K: number;
  /** 2 for an even link integrated over z ≥ 0 only, else 1. */
  readonly density: number;
  /** Scratch for h_0..h_K. */
  readonly h: Float64Array;
  /** The half next to the lower level. */
  readonly lower: boolean;
  /** Index of the half-slab's level in sets.levels. */
  readonly level: number;
  readonly yEnd: number;
  readonly halfWidth: number;
  /** +1 when y increases from the level into the half-slab (the lower half). */
  readonly s: 1 | -1;
}

/**
 * The variable of integration of a half-slab: z_ref = anchor + sh·R·v^e, v ∈ (0, 1], on the branch
 * `solver` (index `index` among the half-slab's solvers); every other branch is solved at its offset.
 */
export interface Reference {
  readonly index: number;
  readonly solver: BranchSolver;
  /** Distance in z from the anchor to the half-slab's inner end on the reference branch. */
  readonly R: number;
  /** m/(the reference anchor's order), m the largest order among the anchors. */
  readonly e: number;
  /** The branches other than the reference. */
  readonly others: readonly BranchSolver[];
}
