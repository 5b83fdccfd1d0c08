/**
 * The level sets of a noiseless label y = σ(z), organised for integrating over y.
 *
 * The z-window is cut at kinks, singular points and critical points (zeros of σ') into flat pieces
 * (atoms of y) and strictly monotone pieces (branches). Each end of a branch records its value
 * (a one-sided limit), the rounding bound of that value, and its *order*: near the end,
 * |σ(z) − value| ≈ c·|z − end|^order (1 at a regular end, 2 at an ordinary fold, 4 for z⁴ at 0,
 * 3 at an inflection such as z³ at 0). The end values, merged where they agree within their
 * rounding bounds, are the *levels*; between two consecutive levels (a *slab*) the set of
 * branches covering y is fixed, and each branch is the graph of a smooth inverse z_b(y).
 *
 * An even link (σ(−z) = σ(z) by the structure of its tree) is described on the half-line z ≥ 0
 * with the density 2φ, so the mirror images of a fold never have to be merged numerically.
 */
import type { Expr } from '../expr/tree.js';
import { differenceEvaluator, type DifferenceEvaluator } from '../expr/difference.js';
import type { RealFunction } from '../expr/compile.js';
import { findSpecialPoints } from '../quadrature/roots.js';
import { closeTo, SAME_POINT } from '../numeric/tolerance.js';

export interface BranchEnd {
  readonly z: number;
  /** σ at the end (the one-sided limit from inside the branch) and a bound on its rounding. */
  readonly value: number;
  readonly valueError: number;
  /** |σ(z) − value| ≈ coefficient·|z − end|^order inside the branch. */
  readonly order: number;
  readonly coefficient: number;
  /** `critical`: σ' = 0 here (a fold, or a flat inflection); `cut`: a kink, jump or singular point; `window`: the edge of the z-window. */
  readonly kind: 'critical' | 'cut' | 'window';
  /** σ is continuous at the end, so differences anchored here are accurate. */
  readonly continuous: boolean;
}

export interface Branch {
  readonly a: number;
  readonly b: number;
  /** +1: σ increases on (a, b). */
  readonly direction: 1 | -1;
  readonly left: BranchEnd;
  readonly right: BranchEnd;
}

export interface Flat {
  readonly a: number;
  readonly b: number;
  readonly value: number;
}

export interface LevelMember {
  readonly branch: number;
  readonly side: 'left' | 'right';
}

export interface Level {
  /** The representative value (of the member of largest Gaussian weight) and where it is attained. */
  readonly value: number;
  readonly z: number;
  readonly members: readonly LevelMember[];
}

export interface LevelSets {
  /** The z-window [lo, hi]; `half` when the link is even and only z ≥ 0 is described (density 2φ). */
  readonly lo: number;
  readonly hi: number;
  readonly half: boolean;
  readonly branches: readonly Branch[];
  readonly flats: readonly Flat[];
  /** Sorted by value. */
  readonly levels: readonly Level[];
  /** Level index of each branch end: [left, right]. */
  readonly endLevel: readonly (readonly [number, number])[];
  /** Monotone pieces whose variation is below rounding: left out, their mass goes into the error bound. */
  readonly dropped: readonly { readonly a: number; readonly b: number }[];
}

const EPS = 2.220446049250313e-16;

/** Order of |σ(end + s·t) − σ(end)| in t, and its coefficient, from two small offsets. */
function endOrder(D: DifferenceEvaluator, end: number, side: 1 | -1, length: number): { order: number; coefficient: number } {
  const t1 = Math.min(1e-3 * Math.max(1, Math.abs(end)), length / 8);
  const t2 = t1 / 16;
  const d1 = Math.abs(D.at(side * t1));
  const d2 = Math.abs(D.at(side * t2));
  if (!(d1 > 0) || !(d2 > 0) || !Number.isFinite(d1) || !Number.isFinite(d2)) return { order: 1, coefficient: d1 / t1 || 0 };
  let order = Math.log(d1 / d2) / Math.log(16);
  const nearest = Math.round(order);
  if (Math.abs(order - nearest) < 0.25) order = nearest;
  if (!(order >= 1.5)) order = 1;
  order = Math.min(order, 12);
  return { order, coefficient: d1 / t1 ** order };
}

/** The sign change of σ'' nearest to a touch t of σ', bisected to adjacent doubles (t itself when there is none). */
function refineTouch(second: RealFunction, t: number): number {
  for (let w = 1e-9 * Math.max(1, Math.abs(t)); w <= 1e-2 * Math.max(1, Math.abs(t)); w *= 4) {
    let a = t - w;
    let b = t + w;
    const sa = Math.sign(second(a));
    const sb = Math.sign(second(b));
    if (sa === 0) return a;
    if (sb === 0) return b;
    if (sa === sb) continue;
    for (let i = 0; i < 200; i++) {
      const m = 0.5 * (a + b);
      if (!(m > a && m < b)) break;
      const sm = Math.sign(second(m));
      if (sm === 0) return m;
      if (sm === sa) a = m;
      else b = m;
    }
    return 0.5 * (a + b);
  }
  return t;
}

/**
 * Describe the level sets of σ on the window [−L, L] (or [0, L] for an even link).
 * `cuts` are the kinks and singular points of σ.
 */
export function levelSetsOf(
  sigma: Expr,
  f: RealFunction,
  derivative: RealFunction,
  second: RealFunction,
  cuts: readonly number[],
  L: number,
  even: boolean,
): LevelSets {
  const lo = even ? 0 : -L;
  const hi = L;
  const critical = findSpecialPoints(derivative, lo, hi);
  // a touch of σ' (an even-order zero, as at an inflection z³) is located by sampling |σ'| only to
  // about √ε; σ'' changes sign there, so bisect it to adjacent doubles
  const touches = critical.touches.map((t) => refineTouch(second, t));
  const criticalSet = [...critical.crossings, ...touches];
  // cut points (kinks, singular points: exact zeros of tree arguments) win over nearby numeric zeros of σ'
  const close = (x: number, y: number) => closeTo(x, y, SAME_POINT);
  const numeric = [...criticalSet, ...critical.poles].filter((x) => !cuts.some((c) => close(c, x)));
  const points = [...cuts, ...numeric].filter((x) => x > lo && x < hi).sort((x, y) => x - y);
  const edges = [lo];
  for (const x of points) if (!close(x, edges[edges.length - 1]!)) edges.push(x);
  if (!close(hi, edges[edges.length - 1]!)) edges.push(hi);
  else edges[edges.length - 1] = hi;
  const isCritical = (x: number) => criticalSet.some((c) => close(c, x));

  const D = differenceEvaluator(sigma);
  const endAt = (x: number, side: 1 | -1, length: number): BranchEnd => {
    const kind: BranchEnd['kind'] = x === -L || x === L ? 'window' : isCritical(x) ? 'critical' : 'cut';
    D.set(x);
    const t = 1e-10 * Math.max(1, Math.abs(x));
    const d1 = D.at(side * t);
    const d2 = D.at((side * t) / 2);
    const jump = Math.abs(d1) > 1e-7 * (1 + Math.abs(D.anchorValue)) && Math.abs(d1 - d2) < 0.1 * Math.abs(d1);
    if (jump || !Number.isFinite(D.anchorValue)) {
      // one-sided limit by linear extrapolation from inside
      const z1 = x + side * t;
      const v1 = f(z1);
      const slope = derivative(z1);
      const value = v1 - slope * side * t;
      return { z: x, value, valueError: Math.abs(slope * t) + 4 * EPS * Math.abs(v1), order: 1, coefficient: Math.abs(slope), kind, continuous: false };
    }
    const { order, coefficient } = endOrder(D, x, side, length);
    return { z: x, value: D.anchorValue, valueError: D.anchorError, order, coefficient, kind, continuous: true };
  };

  const branches: Branch[] = [];
  const flats: Flat[] = [];
  const dropped: { a: number; b: number }[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i]!;
    const b = edges[i + 1]!;
    // flat only when the tree is constant there (a relu or step switched off): the difference from the
    // midpoint is exactly 0 in difference arithmetic, not merely rounded to 0 as for a saturated tanh
    const mid = 0.5 * (a + b);
    D.set(mid);
    const samples = [0.1, 0.3, 0.7, 0.9].map((t) => a + t * (b - a));
    if (derivative(mid) === 0 && samples.every((z) => derivative(z) === 0 && D.at(z - mid) === 0)) {
      flats.push({ a: i === 0 && !even ? -Infinity : a, b: i + 2 === edges.length ? Infinity : b, value: D.anchorValue });
      continue;
    }
    const left = endAt(a, 1, b - a);
    const right = endAt(b, -1, b - a);
    if (!(left.value !== right.value) || !Number.isFinite(left.value) || !Number.isFinite(right.value)) {
      dropped.push({ a, b });
      continue;
    }
    branches.push({ a, b, direction: right.value > left.value ? 1 : -1, left, right });
  }

  // levels: merge end values that agree within their rounding bounds
  const members: { value: number; error: number; z: number; weight: number; member: LevelMember }[] = [];
  branches.forEach((br, i) => {
    for (const side of ['left', 'right'] as const) {
      const end = br[side];
      members.push({
        value: end.value,
        error: end.valueError,
        z: end.z,
        weight: Math.exp(-0.5 * end.z * end.z) * (end.order >= 2 ? 2 : 1),
        member: { branch: i, side },
      });
    }
  });
  members.sort((p, q) => p.value - q.value);
  const levels: Level[] = [];
  const endLevel = branches.map(() => [0, 0] as [number, number]);
  let group: typeof members = [];
  const flush = () => {
    if (group.length === 0) return;
    const best = group.reduce((p, q) => (q.weight > p.weight ? q : p));
    const index = levels.length;
    levels.push({ value: best.value, z: best.z, members: group.map((g) => g.member) });
    for (const g of group) endLevel[g.member.branch]![g.member.side === 'left' ? 0 : 1] = index;
    group = [];
  };
  for (const m of members) {
    const last = group[group.length - 1];
    if (last && m.value - last.value > m.error + last.error) flush();
    group.push(m);
  }
  flush();
  // a branch whose two ends fall in one level varies by less than rounding: leave it out
  const kept: Branch[] = [];
  const keptLevels: (readonly [number, number])[] = [];
  branches.forEach((br, i) => {
    const [p, q] = endLevel[i]!;
    if (p === q) dropped.push({ a: br.a, b: br.b });
    else {
      kept.push(br);
      keptLevels.push([p, q]);
    }
  });
  if (kept.length === branches.length) return { lo, hi, half: even, branches, flats, levels, endLevel, dropped };
  // renumber the level members after dropping
  const renumber = new Map<number, number>();
  branches.forEach((br, i) => {
    const j = kept.indexOf(br);
    if (j >= 0) renumber.set(i, j);
  });
  const cleaned = levels.map((l) => ({
    value: l.value,
    z: l.z,
    members: l.members.filter((m) => renumber.has(m.branch)).map((m) => ({ branch: renumber.get(m.branch)!, side: m.side })),
  }));
  return { lo, hi, half: even, branches: kept, flats, levels: cleaned, endLevel: keptLevels, dropped };
}
