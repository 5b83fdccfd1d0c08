/**
 * Special points of a real function g on [lo, hi]: sign changes (crossings), even-multiplicity
 * zeros (touches), poles, and edges of regions where g is NaN.
 *
 * Method: g is sampled on a uniform grid (4096 cells by default); cells where g changes much faster
 * than typical (|Δg| > 32·median|Δg|) are subdivided 8-fold, up to two levels. Then
 *  - exact zeros at sample points are kept exactly; sign changes between finite samples are
 *    bisected down to adjacent doubles (or 1e-16 of the range near 0); a bracket whose |g| grows
 *    while shrinking is a pole (reported in `crossings` AND `poles`); the result is snapped to a
 *    nearby "nice" rational p/q (q ≤ 64) when g is exactly 0 there;
 *  - local minima of |g| without a sign change are refined by golden section on |g|; if the
 *    minimum is ≤ 1e-12·max|g| (grid scale) it is a touch (located more precisely by bisecting the
 *    sign of the central difference, then snapped to a nice rational where |g| is smaller);
 *    if a sign change shows up during the search, the two hidden crossings are bisected;
 *  - local maxima of |g| that blow up by ≥ 1e8 under golden-section refinement (or reach ±∞)
 *    are even poles (in `poles` only);
 *  - isolated ±∞ samples are poles; boundaries between NaN and finite samples are `undefinedEdges`.
 * Limits: features narrower than the (refined) grid spacing without a sign change at grid points
 * can be missed; a zero-free |g| dipping below 1e-12 of its scale is reported as a touch; g ≡ 0
 * on an interval yields no points.
 */

import { checkBudget } from '../budget.js';

export interface SpecialPoints {
  /** Sign changes of g (zeros of odd multiplicity, and sign-changing poles). */
  crossings: number[];
  /** Zeros of even multiplicity (|g| reaches ~0 without a sign change). */
  touches: number[];
  /** Points where |g| → ∞ (sign-changing poles are also in `crossings`). */
  poles: number[];
  /** Boundaries of sets where g is NaN (e.g. 0 for log z). */
  undefinedEdges: number[];
}

export interface FindSpecialPointsOptions {
  /** Number of grid cells (default 4096). */
  cells?: number;
}

const EPS = 2.220446049250313e-16;
const INV_PHI = (Math.sqrt(5) - 1) / 2;

function sgn(v: number): number {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Candidate "nice" numbers p/q (q ≤ 64) within `radius` of x, simplest first. */
function niceCandidates(x: number, radius: number): number[] {
  const out: number[] = [];
  for (let q = 1; q <= 64; q++) {
    const p = Math.round(x * q);
    const c = p / q;
    if (Math.abs(c - x) <= radius && !out.includes(c)) out.push(c);
  }
  return out;
}

/** Replace x by a nice rational where g is exactly zero, if one lies within `radius`. */
function snapZero(g: (z: number) => number, x: number, radius: number): number {
  if (g(x) === 0 && Number.isInteger(x)) return x;
  for (const c of niceCandidates(x, radius)) if (g(c) === 0) return c;
  return x;
}

/** Replace x by a nice rational where g is ±∞, if one lies within `radius`. */
function snapPole(g: (z: number) => number, x: number, radius: number): number {
  for (const c of niceCandidates(x, radius)) {
    const v = g(c);
    if (v === Infinity || v === -Infinity) return c;
  }
  return x;
}

/** Bisect a sign change of g on [a, b] (ga, gb finite, nonzero, of opposite sign). */
function bisect(g: (z: number) => number, a: number, ga: number, b: number, gb: number, absRes: number): { x: number; pole: boolean } {
  const startMax = Math.max(Math.abs(ga), Math.abs(gb));
  const sa = sgn(ga);
  for (let it = 0; it < 2000; it++) {
    const m = 0.5 * (a + b);
    if (!(m > a && m < b)) break;
    if (b - a <= Math.max(2 * EPS * Math.max(Math.abs(a), Math.abs(b)), absRes)) break;
    const gm = g(m);
    if (gm === 0) return { x: m, pole: false };
    if (gm === Infinity || gm === -Infinity) return { x: m, pole: true };
    if (Number.isNaN(gm)) {
      // NaN inside the bracket: try a slightly shifted point, else stop here.
      const m2 = a + 0.5 * (b - a) * (1 + 1e-3);
      const g2 = g(m2);
      if (!Number.isFinite(g2) || g2 === 0) return { x: m, pole: !Number.isNaN(g2) && g2 !== 0 };
      if (sgn(g2) === sa) {
        a = m2;
        ga = g2;
      } else {
        b = m2;
        gb = g2;
      }
      continue;
    }
    if (sgn(gm) === sa) {
      a = m;
      ga = gm;
    } else {
      b = m;
      gb = gm;
    }
  }
  const endMin = Math.min(Math.abs(ga), Math.abs(gb));
  // A zero has |g| shrinking as the bracket shrinks; a pole has |g| growing (a jump: neither).
  const pole = endMin > startMax;
  const aCloser = pole ? Math.abs(ga) >= Math.abs(gb) : Math.abs(ga) <= Math.abs(gb);
  return { x: aCloser ? a : b, pole };
}

/** Golden-section search for the minimum (sense = 1) or maximum (sense = −1) of |g| on [a, b]. */
function golden(g: (z: number) => number, a: number, b: number, sense: 1 | -1): { x: number; v: number; signChangeAt: number | null; sign0: number } {
  let x1 = b - INV_PHI * (b - a);
  let x2 = a + INV_PHI * (b - a);
  let g1 = g(x1);
  let g2 = g(x2);
  const sign0 = sgn(g(0.5 * (a + b)));
  let signChangeAt: number | null = null;
  const note = (x: number, v: number): void => {
    if (signChangeAt === null && sign0 !== 0 && sgn(v) === -sign0) signChangeAt = x;
  };
  note(x1, g1);
  note(x2, g2);
  const key = (v: number): number => (Number.isNaN(v) ? Infinity : sense * Math.abs(v));
  for (let it = 0; it < 200; it++) {
    if (b - a <= 4 * EPS * Math.max(Math.abs(a), Math.abs(b), 1e-300)) break;
    if (key(g1) <= key(g2)) {
      b = x2;
      x2 = x1;
      g2 = g1;
      x1 = b - INV_PHI * (b - a);
      if (!(x1 > a && x1 < x2)) break;
      g1 = g(x1);
      note(x1, g1);
    } else {
      a = x1;
      x1 = x2;
      g1 = g2;
      x2 = a + INV_PHI * (b - a);
      if (!(x2 > x1 && x2 < b)) break;
      g2 = g(x2);
      note(x2, g2);
    }
    if (sense === -1 && (!Number.isFinite(g1) || !Number.isFinite(g2))) break;
  }
  const pick1 = key(g1) <= key(g2);
  return { x: pick1 ? x1 : x2, v: pick1 ? g1 : g2, signChangeAt, sign0 };
}

function pushUnique(arr: number[], x: number, tol: number): void {
  for (const y of arr) if (Math.abs(y - x) <= tol) return;
  arr.push(x === 0 ? 0 : x); // no −0
}

/** g on N + 1 equispaced points of [lo, hi], refined (up to two levels of 8) where |Δg| exceeds 32× the median step. */
function sampleGrid(g: (z: number) => number, lo: number, hi: number, N: number): { xs: number[]; ys: number[] } {
  const range = hi - lo;
  // --- base grid ---
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= N; i++) {
    if ((i & 255) === 0) checkBudget();
    const x = i === N ? hi : lo + (range * i) / N;
    xs.push(x);
    ys.push(g(x));
  }

  // --- adaptive refinement where g changes fast ---
  const diffs: number[] = [];
  for (let i = 0; i < N; i++) {
    const d = Math.abs(ys[i + 1]! - ys[i]!);
    if (Number.isFinite(d)) diffs.push(d);
  }
  diffs.sort((p, q) => p - q);
  const median = diffs.length > 0 ? diffs[Math.floor(diffs.length / 2)]! : 0;
  const thresh = median > 0 ? 32 * median : Infinity;
  if (Number.isFinite(thresh)) {
    const nx: number[] = [];
    const ny: number[] = [];
    /** Push the interior points of the refinement of (a, b) (endpoints excluded), in order. */
    const refine = (a: number, ya: number, b: number, yb: number, depth: number): void => {
      checkBudget();
      if (depth >= 2 || !(Math.abs(yb - ya) > thresh)) return;
      const step = (b - a) / 8;
      let pa = a;
      let pya = ya;
      for (let j = 1; j <= 8; j++) {
        const x = j === 8 ? b : a + step * j;
        const y = j === 8 ? yb : g(x);
        refine(pa, pya, x, y, depth + 1);
        if (j < 8) {
          nx.push(x);
          ny.push(y);
        }
        pa = x;
        pya = y;
      }
    };
    for (let i = 0; i < N; i++) {
      nx.push(xs[i]!);
      ny.push(ys[i]!);
      refine(xs[i]!, ys[i]!, xs[i + 1]!, ys[i + 1]!, 0);
    }
    nx.push(xs[N]!);
    ny.push(ys[N]!);
    const fx: number[] = [];
    const fy: number[] = [];
    for (let i = 0; i < nx.length; i++) {
      if (fx.length > 0 && nx[i]! <= fx[fx.length - 1]!) continue;
      fx.push(nx[i]!);
      fy.push(ny[i]!);
    }
    return { xs: fx, ys: fy };
  }
  return { xs, ys };
}

/** Zeros, touches and poles of g on [lo, hi]. See the module comment for the method and its limits. */
export function findSpecialPoints(g: (z: number) => number, lo: number, hi: number, opts: FindSpecialPointsOptions = {}): SpecialPoints {
  const result: SpecialPoints = { crossings: [], touches: [], poles: [], undefinedEdges: [] };
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return result;
  const N = Math.max(16, Math.floor(opts.cells ?? 4096));
  const range = hi - lo;
  const dupTol = 1e-13 * Math.max(range, Math.abs(lo), Math.abs(hi));
  const absRes = 1e-16 * range;

  const { xs, ys } = sampleGrid(g, lo, hi, N);
  const M = xs.length;

  let scale = 0;
  for (const y of ys) if (Number.isFinite(y)) scale = Math.max(scale, Math.abs(y));
  const touchTol = 1e-12 * scale;

  // --- scan ---
  for (let i = 0; i < M; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    const yPrev = i > 0 ? ys[i - 1]! : NaN;
    const yNext = i + 1 < M ? ys[i + 1]! : NaN;

    if (y === 0) {
      // exact zero at a sample: classify by the nearest nonzero finite samples on either side
      if (yPrev === 0 || yNext === 0) continue; // zero on an interval (or a run): skip
      let l = 0;
      for (let j = i - 1; j >= 0; j--)
        if (Number.isFinite(ys[j]!) && ys[j] !== 0) {
          l = sgn(ys[j]!);
          break;
        }
      let r = 0;
      for (let j = i + 1; j < M; j++)
        if (Number.isFinite(ys[j]!) && ys[j] !== 0) {
          r = sgn(ys[j]!);
          break;
        }
      if (l !== 0 && r !== 0 && l !== r) pushUnique(result.crossings, x, dupTol);
      else pushUnique(result.touches, x, dupTol);
      continue;
    }
    if (y === Infinity || y === -Infinity) {
      pushUnique(result.poles, x, dupTol);
      // sign change across the pole?
      let l = 0;
      for (let j = i - 1; j >= 0 && j >= i - 3; j--)
        if (Number.isFinite(ys[j]!)) {
          l = sgn(ys[j]!);
          break;
        }
      let r = 0;
      for (let j = i + 1; j < M && j <= i + 3; j++)
        if (Number.isFinite(ys[j]!)) {
          r = sgn(ys[j]!);
          break;
        }
      if (l !== 0 && r !== 0 && l !== r) pushUnique(result.crossings, x, dupTol);
      continue;
    }
    if (Number.isNaN(y)) {
      // edges of NaN runs (isolated NaN between finite values of opposite sign: treat as a bracket)
      const isolated = i > 0 && i + 1 < M && Number.isFinite(yPrev) && Number.isFinite(yNext);
      if (isolated) {
        if (yPrev !== 0 && yNext !== 0 && sgn(yPrev) !== sgn(yNext)) {
          const r = bisect(g, xs[i - 1]!, yPrev, xs[i + 1]!, yNext, absRes);
          pushUnique(result.crossings, r.x, dupTol);
          if (r.pole) pushUnique(result.poles, r.x, dupTol);
        }
        continue;
      }
      if (i > 0 && !Number.isNaN(yPrev)) pushUnique(result.undefinedEdges, nanEdge(g, xs[i - 1]!, x, absRes), dupTol);
      if (i + 1 < M && !Number.isNaN(yNext)) pushUnique(result.undefinedEdges, nanEdge(g, xs[i + 1]!, x, absRes), dupTol);
      continue;
    }
    // y finite, nonzero
    if (i + 1 < M && Number.isFinite(yNext) && yNext !== 0 && sgn(yNext) !== sgn(y)) {
      const r = bisect(g, x, y, xs[i + 1]!, yNext, absRes);
      const xr = r.pole
        ? snapPole(g, r.x, 8 * EPS * Math.max(1, Math.abs(r.x)))
        : snapZero(g, r.x, Math.max(4 * (xs[i + 1]! - x) * 1e-9, 8 * EPS * Math.abs(r.x)));
      pushUnique(result.crossings, xr, dupTol);
      if (r.pole) pushUnique(result.poles, xr, dupTol);
    }
    // local extrema of |g| without sign change (interior samples with finite, same-sign neighbours)
    if (i > 0 && i + 1 < M && Number.isFinite(yPrev) && Number.isFinite(yNext) && sgn(yPrev) === sgn(y) && sgn(yNext) === sgn(y)) {
      const ay = Math.abs(y);
      const ap = Math.abs(yPrev);
      const an = Math.abs(yNext);
      if (ay <= ap && ay <= an && (ay < ap || ay < an)) {
        handleMinimum(g, xs[i - 1]!, xs[i + 1]!, touchTol, absRes, dupTol, result);
      } else if (ay >= ap && ay >= an && (ay > ap || ay > an)) {
        const gm = golden(g, xs[i - 1]!, xs[i + 1]!, -1);
        const av = Math.abs(gm.v);
        if (!Number.isFinite(gm.v) && !Number.isNaN(gm.v)) pushUnique(result.poles, gm.x, dupTol);
        else if (av >= 1e8 * Math.max(ap, an) && av >= 1e8 * ay) pushUnique(result.poles, gm.x, dupTol);
      }
    }
  }
  for (const k of ['crossings', 'touches', 'poles', 'undefinedEdges'] as const) result[k].sort((p, q) => p - q);
  return result;
}

/** Local minimum of |g| inside the bracket [a, b] (three grid samples) without a grid sign change. */
function handleMinimum(g: (z: number) => number, a: number, b: number, touchTol: number, absRes: number, dupTol: number, result: SpecialPoints): void {
  const gm = golden(g, a, b, 1);
  if (gm.signChangeAt !== null) {
    // two hidden crossings around the point where the sign flipped
    const c = gm.signChangeAt;
    const gc = g(c);
    const ga = g(a);
    const gb = g(b);
    if (Number.isFinite(ga) && Number.isFinite(gc) && gc !== 0 && sgn(ga) !== sgn(gc)) {
      const r = bisect(g, a, ga, c, gc, absRes);
      pushUnique(result.crossings, snapZero(g, r.x, 1e-9 * (b - a)), dupTol);
    }
    if (Number.isFinite(gb) && Number.isFinite(gc) && gc !== 0 && sgn(gb) !== sgn(gc)) {
      const r = bisect(g, c, gc, b, gb, absRes);
      pushUnique(result.crossings, snapZero(g, r.x, 1e-9 * (b - a)), dupTol);
    }
    return;
  }
  if (!(Math.abs(gm.v) <= touchTol)) return;
  // refine: the central difference D(x) = |g(x+h)| − |g(x−h)| changes sign at the minimum
  let x = gm.x;
  let best = Math.abs(gm.v);
  // h well above the noise level of g near a double zero (|g| ~ h² there), bias O(h²·g'''/g'')
  const h = Math.max(1e-3 * (b - a), 64 * EPS * Math.abs(x));
  const D = (t: number): number => Math.abs(g(t + h)) - Math.abs(g(t - h));
  let l = Math.max(a, x - 20 * h);
  let r = Math.min(b, x + 20 * h);
  let dl = D(l);
  let dr = D(r);
  if (dl < 0 && dr > 0) {
    for (let it = 0; it < 200; it++) {
      const m = 0.5 * (l + r);
      if (!(m > l && m < r)) break;
      const dm = D(m);
      if (dm === 0) {
        l = r = m;
        break;
      }
      if (dm < 0) {
        l = m;
        dl = dm;
      } else {
        r = m;
        dr = dm;
      }
    }
    const c = 0.5 * (l + r);
    const gc = Math.abs(g(c));
    // |g| may be exactly 0 on a small noisy set around a double zero: prefer the D-refined centre
    if (gc <= best || gc <= touchTol) {
      x = c;
      best = gc;
    }
  }
  // snap to a nice point where |g| is not larger
  for (const c of niceCandidates(x, Math.max(1e-7 * (b - a), 1e-7 * Math.abs(x)))) {
    const gc = Math.abs(g(c));
    if (gc === 0 || gc <= best) {
      x = c;
      best = gc;
      if (gc === 0) break;
    }
  }
  pushUnique(result.touches, x, dupTol);
}

/** Boundary between a finite sample (xf) and a NaN sample (xn), by bisection. */
function nanEdge(g: (z: number) => number, xf: number, xn: number, absRes: number): number {
  let a = xf; // non-NaN side
  let b = xn; // NaN side
  for (let it = 0; it < 2000; it++) {
    const m = 0.5 * (a + b);
    if (!(m !== a && m !== b)) break;
    if (Math.abs(b - a) <= Math.max(2 * EPS * Math.max(Math.abs(a), Math.abs(b)), absRes)) break;
    if (Number.isNaN(g(m))) b = m;
    else a = m;
  }
  // prefer a nice point where g is not NaN (e.g. log at 0 gives −∞, sqrt at 0 gives 0)
  for (const c of niceCandidates(a, Math.max(1e-9 * Math.abs(b - xf), 16 * EPS * Math.abs(a)))) {
    if (!Number.isNaN(g(c))) return c;
  }
  return a;
}
