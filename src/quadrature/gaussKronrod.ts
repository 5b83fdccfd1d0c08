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
  0.995657163025808080735527280689003, 0.973906528517171720077964012084452, 0.930157491355708226001207180059508,
  0.865063366688984510732096688423493, 0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
  0.562757134668604683339000099272694, 0.433395394129247190799265943165784, 0.294392862701460198131126603103866,
  0.14887433898163121088482600112972, 0,
];

/** Kronrod K21 weights matching KRONROD21_NODES (the weight of x_10 = 0 is used once). */
export const KRONROD21_WEIGHTS: readonly number[] = [
  0.011694638867371874278064396062192, 0.03255816230796472747881897245939, 0.05475589657435199603138130024458,
  0.07503967481091995276704314091619, 0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
  0.123491976262065851077958109831074, 0.134709217311473325928054001771707, 0.142775938577060080797094273138717,
  0.147739104901338491374841515972068, 0.149445554002916905664936468389821,
];

/** Gauss G10 weights for the nodes KRONROD21_NODES[1], [3], [5], [7], [9]. */
export const GAUSS10_WEIGHTS: readonly number[] = [
  0.066671344308688137593568809893332, 0.149451349150580593145776339657697, 0.219086362515982043995534934228163,
  0.269266719309996355091226921569469, 0.295524224714752870173892994651338,
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

/** Binary max-heap of interval slots keyed by a priority array. */
class SlotHeap {
  private heap: number[] = [];
  constructor(private readonly prio: () => Float64Array) {}
  get size(): number {
    return this.heap.length;
  }
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
  peek(): number | undefined {
    return this.heap[0];
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

  // --- interval storage (slots, grown by doubling) ---
  let cap = 64;
  let los: Float64Array = new Float64Array(cap);
  let his: Float64Array = new Float64Array(cap);
  let prio: Float64Array = new Float64Array(cap);
  let vals: Float64Array = new Float64Array(cap * dim);
  let errs: Float64Array = new Float64Array(cap * dim);
  const free: number[] = [];
  let nextSlot = 0;
  const alloc = (): number => {
    const s = free.pop();
    if (s !== undefined) return s;
    if (nextSlot === cap) {
      const ncap = cap * 2;
      const grow = (x: Float64Array, n: number): Float64Array => {
        const y = new Float64Array(n);
        y.set(x);
        return y;
      };
      los = grow(los, ncap);
      his = grow(his, ncap);
      prio = grow(prio, ncap);
      vals = grow(vals, ncap * dim);
      errs = grow(errs, ncap * dim);
      cap = ncap;
    }
    return nextSlot++;
  };

  const out = new Float64Array(dim);
  const resK = new Float64Array(dim);
  const resG = new Float64Array(dim);
  const resA = new Float64Array(dim);
  const bad = new Uint8Array(dim);
  let evaluations = 0;

  /** Evaluate g at the node c + h·x, writing into `out`; returns false if the node is not strictly inside. */
  const evalAt = (z: number, lo: number, hi: number): boolean => {
    if (!(z > lo && z < hi)) return false;
    out.fill(NaN);
    g(z, out);
    evaluations++;
    return true;
  };

  /** Apply the G10/K21 pair on [lo, hi] and store value/error/priority in slot s. */
  const rule = (s: number, lo: number, hi: number): void => {
    checkBudget();
    los[s] = lo;
    his[s] = hi;
    const c = 0.5 * (lo + hi);
    const h = 0.5 * (hi - lo);
    resK.fill(0);
    resG.fill(0);
    resA.fill(0);
    bad.fill(0);
    let inside = true;
    // centre node (Kronrod only)
    if (evalAt(c, lo, hi)) {
      const w = WK[10]!;
      for (let j = 0; j < dim; j++) {
        const v = out[j]!;
        if (v - v !== 0) bad[j] = 1;
        else {
          resK[j] = w * v;
          resA[j] = w * Math.abs(v);
        }
      }
    } else inside = false;
    for (let i = 0; i < 10 && inside; i++) {
      const x = h * XK[i]!;
      const wk = WK[i]!;
      const isGauss = (i & 1) === 1;
      const wg = isGauss ? WG[i >> 1]! : 0;
      for (let side = 0; side < 2; side++) {
        if (!evalAt(side === 0 ? c - x : c + x, lo, hi)) {
          inside = false;
          break;
        }
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
    prio[s] = worst;
  };

  // --- initial partition ---
  const cuts: number[] = [a];
  const pts = (opts.points ?? []).filter((p) => Number.isFinite(p) && p > a && p < b);
  pts.sort((x, y) => x - y);
  for (const p of pts) if (p > cuts[cuts.length - 1]!) cuts.push(p);
  cuts.push(b);
  const maxW = opts.maxInitialWidth && opts.maxInitialWidth > 0 ? opts.maxInitialWidth : Infinity;
  const heap = new SlotHeap(() => prio);
  let live: Uint8Array = new Uint8Array(cap);
  const markLive = (s: number, on: boolean): void => {
    if (live.length < cap) {
      const y = new Uint8Array(cap);
      y.set(live);
      live = y;
    }
    live[s] = on ? 1 : 0;
  };
  let nIntervals = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const lo = cuts[i]!;
    const hi = cuts[i + 1]!;
    const n = Number.isFinite(maxW) ? Math.max(1, Math.ceil((hi - lo) / maxW - 1e-9)) : 1;
    for (let k = 0; k < n; k++) {
      const l = k === 0 ? lo : lo + ((hi - lo) * k) / n;
      const r = k === n - 1 ? hi : lo + ((hi - lo) * (k + 1)) / n;
      if (!(r > l)) continue;
      const s = alloc();
      rule(s, l, r);
      markLive(s, true);
      heap.push(s);
      nIntervals++;
    }
  }

  const totVal = new Float64Array(dim);
  const totErr = new Float64Array(dim);
  const recompute = (): void => {
    totVal.fill(0);
    totErr.fill(0);
    for (let s = 0; s < nextSlot; s++) {
      if (live[s] !== 1) continue;
      const base = s * dim;
      for (let j = 0; j < dim; j++) {
        totVal[j] = totVal[j]! + vals[base + j]!;
        totErr[j] = totErr[j]! + errs[base + j]!;
      }
    }
  };
  recompute();

  const withinTol = (): boolean => {
    for (let j = 0; j < dim; j++) if (!(totErr[j]! <= tol[j]!)) return false;
    return true;
  };

  let converged = false;
  let dirty = false;
  for (;;) {
    if (dirty) {
      recompute();
      dirty = false;
    }
    if (withinTol()) {
      recompute();
      if (withinTol()) {
        converged = true;
        break;
      }
    }
    if (nIntervals >= maxIntervals) break;
    const s = heap.pop();
    if (s === undefined) break;
    const lo = los[s]!;
    const hi = his[s]!;
    if (!splittable(lo, hi)) continue; // frozen: stays in the partition with its error
    const mid = 0.5 * (lo + hi);
    const base = s * dim;
    let parentFinite = true;
    for (let j = 0; j < dim; j++) if (!Number.isFinite(errs[base + j]!)) parentFinite = false;
    const s1 = alloc();
    const s2 = alloc();
    markLive(s1, true);
    markLive(s2, true);
    rule(s1, lo, mid);
    rule(s2, mid, hi);
    const b1 = s1 * dim;
    const b2 = s2 * dim;
    if (parentFinite) {
      for (let j = 0; j < dim; j++) {
        totVal[j] = totVal[j]! + (vals[b1 + j]! + vals[b2 + j]! - vals[base + j]!);
        totErr[j] = totErr[j]! + (errs[b1 + j]! + errs[b2 + j]! - errs[base + j]!);
      }
    } else dirty = true;
    markLive(s, false);
    free.push(s);
    heap.push(s1);
    heap.push(s2);
    nIntervals++;
  }
  recompute();
  const value = new Float64Array(totVal);
  const error = new Float64Array(totErr);
  for (let j = 0; j < dim; j++) if (Number.isNaN(error[j]!)) error[j] = Infinity;
  return { value, error, evaluations, intervals: nIntervals, converged };
}
