/**
 * Adaptive, vector-valued Gauss–Kronrod quadrature (G10/K21) on a finite interval.
 *
 * Error model (deliberately conservative): on every sub-interval and for every component
 * the error of the 21-point Kronrod value is estimated by `safety · |K21 − G10|` plus a round-off
 * term `roundoffFactor · ε · K21(|g|)`. Since K21 is exact to degree 31 and G10 only to degree 19,
 * |K21 − G10| is essentially the error of G10, which for smooth integrands overestimates the
 * error of K21 by many orders of magnitude. For endpoint singularities it does not: on [0, 1]
 * the ratio (true K21 error)/|K21 − G10| is 0.22, 0.32, 0.64, 1.7, 4.9, 53 for x^{-p} with
 * p = 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 (0.18 for log x, 0.06 for √x); hence the default safety
 * factor 8, which makes the bound hold for |x|^{-p} singularities up to p ≈ 0.9 and costs only
 * ~10% more intervals on smooth integrands (G10's error shrinks like h^{20}). We do NOT use the
 * QUADPACK rescaling (200|K−G|/resasc)^1.5, which is cheaper but can under-estimate. The
 * reported error is the sum of the per-interval estimates (no cancellation assumed).
 *
 * Non-finite integrand values (NaN, ±Infinity) at a node make that component's value 0 and
 * its error +Infinity on that interval, so the interval is bisected (an isolated bad point that
 * was a node ends up as an interval endpoint, which is never evaluated). Intervals that become
 * too narrow to be split while keeping all nodes strictly inside are frozen with their error.
 *
 * Endpoint singularities (|z|^{-1/4}, √|z|, log|z| at a or b) are handled by repeated bisection
 * toward the endpoint; the nodes are always strictly inside the interval, so g is never
 * evaluated exactly at a, b or at any of the split `points`. The attainable resolution near an
 * endpoint e is limited by floating point (~1e3·ε·|e|), so a singularity at a non-zero endpoint
 * may leave an irreducible error which is then reported (and `converged` is false).
 */

/** Kronrod K21 abscissae on [−1, 1]: x_0 > x_1 > … > x_10 = 0 (the rule uses ±x_i). Odd i are the G10 nodes. */
export const KRONROD21_NODES: readonly number[] = [
  0.995657163025808080735527280689003, 0.973906528517171720077964012084452, 0.930157491355708226001207180059508, 0.865063366688984510732096688423493,
  0.780817726586416897063717578345042, 0.679409568299024406234327365114874, 0.562757134668604683339000099272694, 0.433395394129247190799265943165784,
  0.294392862701460198131126603103866, 0.14887433898163121088482600112972, 0,
];

/** Kronrod K21 weights matching KRONROD21_NODES (the weight of x_10 = 0 is used once). */
export const KRONROD21_WEIGHTS: readonly number[] = [
  0.011694638867371874278064396062192, 0.03255816230796472747881897245939, 0.05475589657435199603138130024458, 0.07503967481091995276704314091619,
  0.093125454583697605535065465083366, 0.109387158802297641899210590325805, 0.123491976262065851077958109831074, 0.134709217311473325928054001771707,
  0.142775938577060080797094273138717, 0.147739104901338491374841515972068, 0.149445554002916905664936468389821,
];

/** Gauss G10 weights for the nodes KRONROD21_NODES[1], [3], [5], [7], [9]. */
export const GAUSS10_WEIGHTS: readonly number[] = [
  0.066671344308688137593568809893332, 0.149451349150580593145776339657697, 0.219086362515982043995534934228163, 0.269266719309996355091226921569469,
  0.295524224714752870173892994651338,
];

import { checkBudget } from '../budget.js';

const XK = Float64Array.from(KRONROD21_NODES);
const WK = Float64Array.from(KRONROD21_WEIGHTS);
const WG = Float64Array.from(GAUSS10_WEIGHTS);
const EPS = 2.220446049250313e-16;

export interface IntegrateVectorOptions {
  /** Absolute tolerance on the total error, either one value for all components or one per component. */
  absTol: number | ArrayLike<number>;
  /** Cap on the number of sub-intervals (default 2000; additionally limited so storage stays ≲ 80 MB). */
  maxIntervals?: number;
  /** Interior points where the initial partition is split (kinks, jumps, singularities). Never evaluated. */
  points?: readonly number[];
  /** Initial pieces wider than this are split into equal parts (default: no limit). */
  maxInitialWidth?: number;
  /** Multiplier of ε·K21(|g|) added to each interval's error for round-off (default 50). */
  roundoffFactor?: number;
  /** Multiplier of |K21 − G10| in each interval's error (default 8, see the module comment). */
  safety?: number;
}

export interface IntegrateVectorResult {
  value: Float64Array;
  /** Estimated absolute error bound of each component. */
  error: Float64Array;
  evaluations: number;
  /** Number of sub-intervals in the final partition. */
  intervals: number;
  /** True when every component's error is ≤ its tolerance. */
  converged: boolean;
}

/** Binary max-heap of interval slots keyed by a priority array (read through `prio`, which may be reallocated). */
class SlotHeap {
  private heap: number[] = [];
  constructor(private readonly prio: () => Float64Array) {}
  push(slot: number): void {
    const h = this.heap;
    const p = this.prio();
    h.push(slot);
    let i = h.length - 1;
    const key = p[slot]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ps = h[parent]!;
      if (p[ps]! >= key) break;
      h[i] = ps;
      i = parent;
    }
    h[i] = slot;
  }
  pop(): number | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      const p = this.prio();
      const key = p[last]!;
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && p[h[r]!]! > p[h[l]!]!) c = r;
        if (p[h[c]!]! <= key) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

/** Smallest half-width we accept so that all 21 nodes are strictly inside [lo, hi]. */
function splittable(lo: number, hi: number): boolean {
  const quarter = (hi - lo) / 4;
  const scale = Math.max(Math.abs(lo), Math.abs(hi));
  return quarter >= 1024 * EPS * scale && quarter > 1e-290;
}

function grow(x: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n);
  y.set(x);
  return y;
}

/**
 * The sub-intervals of the partition in numbered slots (grown by doubling, freed slots reused):
 * endpoints, priority (worst error/tolerance over the components) and, per component, the value
 * and error estimate. `live` marks the slots in the current partition.
 */
class Partition {
  cap = 64;
  los: Float64Array = new Float64Array(this.cap);
  his: Float64Array = new Float64Array(this.cap);
  prio: Float64Array = new Float64Array(this.cap);
  vals: Float64Array;
  errs: Float64Array;
  live: Uint8Array = new Uint8Array(this.cap);
  /** Slots 0..used−1 have been handed out. */
  used = 0;
  private readonly free: number[] = [];

  constructor(readonly dim: number) {
    this.vals = new Float64Array(this.cap * dim);
    this.errs = new Float64Array(this.cap * dim);
  }

  alloc(): number {
    const s = this.free.pop();
    if (s !== undefined) return s;
    if (this.used === this.cap) {
      const ncap = this.cap * 2;
      this.los = grow(this.los, ncap);
      this.his = grow(this.his, ncap);
      this.prio = grow(this.prio, ncap);
      this.vals = grow(this.vals, ncap * this.dim);
      this.errs = grow(this.errs, ncap * this.dim);
      this.cap = ncap;
    }
    return this.used++;
  }

  markLive(s: number): void {
    if (this.live.length < this.cap) {
      const y = new Uint8Array(this.cap);
      y.set(this.live);
      this.live = y;
    }
    this.live[s] = 1;
  }

  release(s: number): void {
    this.live[s] = 0;
    this.free.push(s);
  }

  /** totVal, totErr ← the sums over the live slots, in slot order. */
  sum(totVal: Float64Array, totErr: Float64Array): void {
    const { dim, live, vals, errs } = this;
    totVal.fill(0);
    totErr.fill(0);
    for (let s = 0; s < this.used; s++) {
      if (live[s] !== 1) continue;
      const base = s * dim;
      for (let j = 0; j < dim; j++) {
        totVal[j] = totVal[j]! + vals[base + j]!;
        totErr[j] = totErr[j]! + errs[base + j]!;
      }
    }
  }
}

/**
 * The G10/K21 pair on one interval [lo, hi] = c ± h, for every component of g:
 * K21 = h·Σ w_i g(c + h·x_i), G10 on the odd-indexed nodes, and K21(|g|) for the round-off term.
 */
class KronrodRule {
  evaluations = 0;
  private readonly out: Float64Array;
  private readonly resK: Float64Array;
  private readonly resG: Float64Array;
  private readonly resA: Float64Array;
  /** bad[j] = 1 when component j was not finite at some node. */
  private readonly bad: Uint8Array;

  constructor(
    private readonly g: (z: number, out: Float64Array) => void,
    private readonly dim: number,
    private readonly safety: number,
    private readonly roundoff: number,
    private readonly invTol: Float64Array,
  ) {
    this.out = new Float64Array(dim);
    this.resK = new Float64Array(dim);
    this.resG = new Float64Array(dim);
    this.resA = new Float64Array(dim);
    this.bad = new Uint8Array(dim);
  }

  /** Apply the rule on [lo, hi] and store value, error and priority in slot s. */
  apply(p: Partition, s: number, lo: number, hi: number): void {
    checkBudget();
    p.los[s] = lo;
    p.his[s] = hi;
    const h = 0.5 * (hi - lo);
    const inside = this.sumNodes(lo, hi, h);
    this.estimate(p, s, h, inside);
  }

  /** Evaluate g at z into `out`; false if z is not strictly inside (lo, hi). */
  private evalAt(z: number, lo: number, hi: number): boolean {
    if (!(z > lo && z < hi)) return false;
    this.out.fill(NaN);
    this.g(z, this.out);
    this.evaluations++;
    return true;
  }

  /** The weighted sums over the 21 nodes; false if a node fell on an endpoint (interval too narrow). */
  private sumNodes(lo: number, hi: number, h: number): boolean {
    const { dim, out, resK, resG, resA, bad } = this;
    const c = 0.5 * (lo + hi);
    resK.fill(0);
    resG.fill(0);
    resA.fill(0);
    bad.fill(0);
    // centre node (Kronrod only)
    if (!this.evalAt(c, lo, hi)) return false;
    const w = WK[10]!;
    for (let j = 0; j < dim; j++) {
      const v = out[j]!;
      if (v - v !== 0) bad[j] = 1;
      else {
        resK[j] = w * v;
        resA[j] = w * Math.abs(v);
      }
    }
    for (let i = 0; i < 10; i++) {
      const x = h * XK[i]!;
      const wk = WK[i]!;
      const isGauss = (i & 1) === 1;
      const wg = isGauss ? WG[i >> 1]! : 0;
      for (let side = 0; side < 2; side++) {
        if (!this.evalAt(side === 0 ? c - x : c + x, lo, hi)) return false;
        if (isGauss) {
          for (let j = 0; j < dim; j++) {
            const v = out[j]!;
            if (v - v !== 0) {
              bad[j] = 1;
              continue;
            }
            resK[j] = resK[j]! + wk * v;
            resG[j] = resG[j]! + wg * v;
            resA[j] = resA[j]! + wk * Math.abs(v);
          }
        } else {
          for (let j = 0; j < dim; j++) {
            const v = out[j]!;
            if (v - v !== 0) {
              bad[j] = 1;
              continue;
            }
            resK[j] = resK[j]! + wk * v;
            resA[j] = resA[j]! + wk * Math.abs(v);
          }
        }
      }
    }
    return true;
  }

  /**
   * The error model (module comment): value h·K21, error safety·h·|K21 − G10| + roundoff·h·K21(|g|);
   * value 0 and error ∞ for a component that was not finite at a node, or for all when a node fell
   * outside. The priority is the worst error/tolerance ratio.
   */
  private estimate(p: Partition, s: number, h: number, inside: boolean): void {
    const { dim, resK, resG, resA, bad, invTol, safety, roundoff } = this;
    const { vals, errs } = p;
    const base = s * dim;
    let worst = 0;
    for (let j = 0; j < dim; j++) {
      let v: number;
      let e: number;
      if (!inside || bad[j] === 1) {
        v = 0;
        e = Infinity;
      } else {
        v = h * resK[j]!;
        e = safety * h * Math.abs(resK[j]! - resG[j]!) + roundoff * h * resA[j]!;
      }
      vals[base + j] = v;
      errs[base + j] = e;
      const r = e * invTol[j]!;
      if (r > worst) worst = r;
    }
    p.prio[s] = worst;
  }
}

/**
 * The initial partition: [a, b] cut at the `points` inside it, and each piece wider than maxWidth
 * split into equal parts. Returns the number of intervals.
 */
function initialPartition(rule: KronrodRule, p: Partition, heap: SlotHeap, a: number, b: number, points: readonly number[], maxWidth: number): number {
  const cuts: number[] = [a];
  const pts = points.filter((x) => Number.isFinite(x) && x > a && x < b);
  pts.sort((x, y) => x - y);
  for (const x of pts) if (x > cuts[cuts.length - 1]!) cuts.push(x);
  cuts.push(b);
  let nIntervals = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const lo = cuts[i]!;
    const hi = cuts[i + 1]!;
    const n = Number.isFinite(maxWidth) ? Math.max(1, Math.ceil((hi - lo) / maxWidth - 1e-9)) : 1;
    for (let k = 0; k < n; k++) {
      const l = k === 0 ? lo : lo + ((hi - lo) * k) / n;
      const r = k === n - 1 ? hi : lo + ((hi - lo) * (k + 1)) / n;
      if (!(r > l)) continue;
      const s = p.alloc();
      rule.apply(p, s, l, r);
      p.markLive(s);
      heap.push(s);
      nIntervals++;
    }
  }
  return nIntervals;
}

/**
 * Bisect the interval of largest priority until every component's total error is within its
 * tolerance, or the interval cap is reached, or no interval can be split any more. The totals are
 * updated by differences, and summed afresh when a parent's error was not finite and before the
 * convergence is declared. totVal, totErr hold the final totals.
 */
function subdivide(
  rule: KronrodRule,
  p: Partition,
  heap: SlotHeap,
  nIntervals: number,
  maxIntervals: number,
  tol: Float64Array,
  totVal: Float64Array,
  totErr: Float64Array,
): { converged: boolean; intervals: number } {
  const dim = p.dim;
  const withinTol = (): boolean => {
    for (let j = 0; j < dim; j++) if (!(totErr[j]! <= tol[j]!)) return false;
    return true;
  };
  p.sum(totVal, totErr);
  let converged = false;
  let dirty = false;
  for (;;) {
    if (dirty) {
      p.sum(totVal, totErr);
      dirty = false;
    }
    if (withinTol()) {
      p.sum(totVal, totErr);
      if (withinTol()) {
        converged = true;
        break;
      }
    }
    if (nIntervals >= maxIntervals) break;
    const s = heap.pop();
    if (s === undefined) break;
    const lo = p.los[s]!;
    const hi = p.his[s]!;
    if (!splittable(lo, hi)) continue; // frozen: stays in the partition with its error
    const mid = 0.5 * (lo + hi);
    const base = s * dim;
    let parentFinite = true;
    for (let j = 0; j < dim; j++) if (!Number.isFinite(p.errs[base + j]!)) parentFinite = false;
    const s1 = p.alloc();
    const s2 = p.alloc();
    p.markLive(s1);
    p.markLive(s2);
    rule.apply(p, s1, lo, mid);
    rule.apply(p, s2, mid, hi);
    const b1 = s1 * dim;
    const b2 = s2 * dim;
    if (parentFinite) {
      const { vals, errs } = p;
      for (let j = 0; j < dim; j++) {
        totVal[j] = totVal[j]! + (vals[b1 + j]! + vals[b2 + j]! - vals[base + j]!);
        totErr[j] = totErr[j]! + (errs[b1 + j]! + errs[b2 + j]! - errs[base + j]!);
      }
    } else dirty = true;
    p.release(s);
    heap.push(s1);
    heap.push(s2);
    nIntervals++;
  }
  p.sum(totVal, totErr);
  return { converged, intervals: nIntervals };
}

/**
 * Integrate the vector-valued function g over [a, b]. `g(z, out)` must write all `dim` components
 * of the integrand at z into `out`. See the module comment for the error model.
 */
export function integrateVector(
  g: (z: number, out: Float64Array) => void,
  dim: number,
  a: number,
  b: number,
  opts: IntegrateVectorOptions,
): IntegrateVectorResult {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`integrateVector: dim must be a positive integer, got ${dim}`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError('integrateVector: interval must be finite');
  if (a === b) {
    return { value: new Float64Array(dim), error: new Float64Array(dim), evaluations: 0, intervals: 0, converged: true };
  }
  if (a > b) {
    const r = integrateVector(g, dim, b, a, opts);
    for (let j = 0; j < dim; j++) r.value[j] = -r.value[j]!;
    return r;
  }

  const tol = new Float64Array(dim);
  if (typeof opts.absTol === 'number') tol.fill(opts.absTol);
  else for (let j = 0; j < dim; j++) tol[j] = opts.absTol[j] ?? 0;
  const invTol = new Float64Array(dim);
  for (let j = 0; j < dim; j++) invTol[j] = tol[j]! > 0 ? 1 / tol[j]! : 1e300;
  const roundoff = (opts.roundoffFactor ?? 50) * EPS;
  const safety = opts.safety ?? 8;
  const memCap = Math.max(64, Math.floor(1e7 / (2 * dim)));
  const maxIntervals = Math.max(1, Math.min(opts.maxIntervals ?? 2000, memCap));
  const maxWidth = opts.maxInitialWidth && opts.maxInitialWidth > 0 ? opts.maxInitialWidth : Infinity;

  const partition = new Partition(dim);
  const rule = new KronrodRule(g, dim, safety, roundoff, invTol);
  const heap = new SlotHeap(() => partition.prio);
  const initial = initialPartition(rule, partition, heap, a, b, opts.points ?? [], maxWidth);
  const totVal = new Float64Array(dim);
  const totErr = new Float64Array(dim);
  const { converged, intervals } = subdivide(rule, partition, heap, initial, maxIntervals, tol, totVal, totErr);
  const value = new Float64Array(totVal);
  const error = new Float64Array(totErr);
  for (let j = 0; j < dim; j++) if (Number.isNaN(error[j]!)) error[j] = Infinity;
  return { value, error, evaluations: rule.evaluations, intervals, converged };
}
