/**
 * λ_k² = E[ζ_k(y)²], ζ_k(y) = E[h_k(z) | y], of a noiseless label y = σ(z), k = 1..K, with error
 * bounds that hold at folds (docs/theory.md §3.3).
 *
 * λ_k² = Σ_atoms E[h_k 1_A]²/P(A) + Σ_slabs ∫ N_k(y)²/p(y) dy,
 *     N_k(y) = Σ_b h_k(z_b) φ(z_b)/|σ'(z_b)|,   p(y) = Σ_b φ(z_b)/|σ'(z_b)|,
 * the sum over the branches b covering the slab between two consecutive levels (levelSets.ts).
 * At a slab end where some branch has a fold of order m (σ − y_c ≈ c·(z − z_c)^m), the density p
 * blows up like |y − y_c|^{1/m − 1}; each half of the slab is therefore integrated in
 * u ∈ (0, 1] with y − y_end = ±(W/2)·u^m, which makes every z_b(u) and every weight
 * φ(z_b)·|dz_b/du| smooth. The preimages are solved from the *offset* y − y_end, never from y:
 * z_b = anchor + h with σ(anchor + h) − σ(anchor) = offset evaluated in difference arithmetic
 * (expr/difference.ts), so near a fold z_b is known to a few ulps of the anchor instead of √ε.
 *
 * The bound of each λ_k² is the sum of: the Gauss–Kronrod error of every half-slab; the integral
 * of a pointwise bound on N_k²/p propagated from the rounding bound of every difference and every
 * derivative (a preimage z_b is uncertain by its root bracket plus error(σ diff)/|σ'(z_b)|); the
 * mass of the z-window's complement (|z| > L, chosen so this is below 1e-18); and the mass of any
 * branch too flat to resolve. A preimage that cannot be found makes the integrand NaN, which the
 * quadrature reports as non-convergence with an infinite bound — never a silent value.
 */
import { isConstant, type Expr } from '../expr/tree.js';
import { checkBudget } from '../budget.js';
import { compileExpr } from '../expr/compile.js';
import { derivativeOf } from '../expr/derivative.js';
import { differenceEvaluator, type DifferenceEvaluator } from '../expr/difference.js';
import { parityOf } from '../expr/parity.js';
import { specialPointsOf } from '../expr/specialPoints.js';
import { integrateVector } from '../quadrature/gaussKronrod.js';
import { normalCdf, normalPdf } from '../numeric/special.js';
import { orthonormalHermite } from '../numeric/hermite.js';
import { atomMoments, gaussianMass } from './gaussianAtoms.js';
import { levelSetsOf, type Branch, type BranchEnd, type LevelSets } from './levelSets.js';

export interface LambdaSquaredEstimate {
  /** λ_k² at index k − 1, k = 1..K. */
  readonly values: Float64Array;
  /** A bound on |λ_k² − value| (Infinity when none could be established). */
  readonly errors: Float64Array;
  readonly evaluations: number;
  readonly converged: boolean;
  /** Σ atoms P(A) + ∫ p over the slabs: P(|z| ≤ L) up to the quadrature error (a check). */
  readonly mass: number;
}

const EPS = 2.220446049250313e-16;
/** Cramér's inequality in our normalisation: h_k(z)² ≤ CRAMER·e^{z²/2} for every k. */
const CRAMER = 1.1806;
/** Cells of the preimage table of each branch on each half-slab (brackets for the root solves). */
const TABLE = 16;

/** ∫_L^∞ zⁿ φ(z) dz by I_n = L^{n−1}φ(L) + (n−1)I_{n−2}. */
function upperMoment(n: number, L: number): number {
  let even = normalCdf(-L);
  let odd = normalPdf(L);
  if (n === 0) return even;
  if (n === 1) return odd;
  for (let j = 2; j <= n; j++) {
    const next = L ** (j - 1) * normalPdf(L) + (j - 1) * (j % 2 === 0 ? even : odd);
    if (j % 2 === 0) even = next;
    else odd = next;
  }
  return n % 2 === 0 ? even : odd;
}

/**
 * Half-width L of the z-window for λ_1²..λ_K²: dropping |z| > L changes each λ_k² by at most
 * ∫_{|z|>L} h_k²φ + P(|z| > L)·max_{|z|≤L} h_k² (the map (N, p) ↦ N²/p is convex and
 * 1-homogeneous), with |He_k(z)| ≤ |z|^k beyond 2√k and Cramér's bound inside. Returns L and that bound.
 */
export function truncation(K: number): { L: number; bound: Float64Array } {
  let L = Math.max(10, 2 * Math.sqrt(K) + 2);
  for (;;) {
    const bound = new Float64Array(K);
    let factorial = 1;
    let worst = 0;
    for (let k = 1; k <= K; k++) {
      factorial *= k;
      const tail = (2 * upperMoment(2 * k, L)) / factorial;
      const inside = Math.max(L ** (2 * k) / factorial, CRAMER * Math.exp(Math.min(L * L, 4 * k + 2) / 2));
      // both terms doubled: the cross term of the convexity split is bounded by the same quantities
      bound[k - 1] = 2 * (tail + 2 * normalCdf(-L) * inside);
      worst = Math.max(worst, bound[k - 1]!);
    }
    if (worst <= 1e-18 || L > 60) return { L, bound };
    L += 1;
  }
}

/** Where a branch meets one level of a slab, and how to solve σ(z) = level ± offset from there. */
interface Anchor {
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

const isAnchor = (a: Anchor | { readonly sliver: number }): a is Anchor => !('sliver' in a);

interface Problem {
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
function endAnchor(p: Problem, end: BranchEnd, side: 1 | -1): Anchor {
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
function crossingAnchor(p: Problem, br: Branch, ends: readonly [number, number], y: number, inside: (level: number) => boolean): Anchor | { readonly sliver: number; readonly z: number } {
  const z = crossing(p, br, y);
  const ulps = (x: number) => 8 * EPS * Math.abs(x);
  const near = Math.abs(z - br.a) <= ulps(br.a) ? ([br.left, 1, ends[0]] as const) : Math.abs(z - br.b) <= ulps(br.b) ? ([br.right, -1, ends[1]] as const) : null;
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

/**
 * ζ_rest,k² for the branches other than `skip`: their weighted mean of h_k at the offset δ (weights
 * φ(z_b)/|σ'(z_b)|, the density of y). Near a level the weights tend to fixed ratios (the branches of
 * the highest order dominate, in proportion φ(z_b)c_b^{−1/m}), so the mean at a small δ holds for
 * every smaller offset.
 */
function restMeanSquares(solvers: readonly BranchSolver[], skip: number, delta: number, reference: BranchSolver, R: number, e: number, K: number, h: Float64Array): Float64Array {
  const out = new Float64Array(K);
  const numerator = new Float64Array(K);
  let total = 0;
  let ok = true;
  solvers.forEach((solver, j) => {
    if (j === skip) return;
    const placed = solver === reference ? reference.place(solverR(reference, delta, R, e)) : solver.solve(delta, 0);
    if (!placed || !(Math.abs(solver.slope) > 0)) {
      ok = false;
      return;
    }
    const w = normalPdf(solver.z) / Math.abs(solver.slope);
    total += w;
    orthonormalHermite(solver.z, h);
    for (let k = 1; k <= K; k++) numerator[k - 1]! += w * h[k]!;
  });
  if (!ok) {
    // fall back to the largest h_k² at any branch's anchor
    for (const solver of solvers) {
      orthonormalHermite(solver.anchor.z, h);
      for (let k = 1; k <= K; k++) out[k - 1] = Math.max(out[k - 1]!, 1.01 * h[k]! * h[k]!);
    }
    return out;
  }
  if (total > 0) for (let k = 0; k < K; k++) out[k] = Math.max(out[k]!, 1.01 * (numerator[k]! / total) ** 2);
  return out;
}

/** r of the reference branch at which its offset reaches `band` (bisection in v). */
function solverR(reference: BranchSolver, band: number, R: number, e: number): number {
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

/** max h_k(z)² over |z| ≤ Z: |He_k(z)| ≤ |z|^k beyond 2√k, Cramér's bound inside. */
function largestHermiteSquared(k: number, Z: number): number {
  let factorial = 1;
  for (let j = 2; j <= k; j++) factorial *= j;
  return Math.max(Z ** (2 * k) / factorial, CRAMER * Math.exp(Math.min(Z * Z, 4 * k + 2) / 2));
}

/**
 * One branch on one half-slab: z = anchor + sh·r, r ≥ 0 increasing into the slab, where the level
 * offset s·(σ(z) − σ(anchor)) grows from 0. `solve(δ)` finds the z with offset δ (Newton inside a
 * bracket from the table); `place(r)` puts the branch at a given r (the reference branch).
 */
class BranchSolver {
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
 * λ_1²..λ_K² of y = σ(z).
 * @example const l = lambdaSquaredDeterministic(parseLink('z^2*exp(-z^2)'), 8); Math.abs(l.values[1]) <= l.errors[1] // true
 */
export function lambdaSquaredDeterministic(link: Expr, K: number, options: { peel?: boolean } = {}): LambdaSquaredEstimate {
  const sigma = options.peel === false ? link : peelInjective(link);
  const dsigma = derivativeOf(sigma);
  const p: Problem = { f: compileExpr(sigma), df: compileExpr(dsigma), d2f: compileExpr(derivativeOf(dsigma)), sigma, dsigma };
  const { kinks, singular } = specialPointsOf(sigma);
  const even = parityOf(sigma) === 'even';
  const { L, bound } = truncation(K);
  const sets = levelSetsOf(sigma, p.f, p.df, p.d2f, [...kinks, ...singular], L, even);
  const density = even ? 2 : 1;
  const values = new Float64Array(K);
  const errors = new Float64Array(K);
  for (let k = 0; k < K; k++) errors[k] = bound[k]!;
  let evaluations = 0;
  let converged = true;
  let mass = 0;

  // --- atoms ---
  const atoms = new Map<number, { moments: Float64Array; mass: number }>();
  for (const fl of sets.flats) {
    const entry = atoms.get(fl.value) ?? { moments: new Float64Array(K), mass: 0 };
    const m = atomMoments(fl.a, fl.b, K);
    for (let k = 0; k < K; k++) entry.moments[k]! += density * m[k]!;
    entry.mass += density * gaussianMass(fl.a, fl.b);
    atoms.set(fl.value, entry);
  }
  for (const atom of atoms.values()) {
    if (!(atom.mass > 0)) continue;
    mass += atom.mass;
    for (let k = 0; k < K; k++) {
      if (even && k % 2 === 0) continue; // odd k (index k − 1 even): zero by parity
      const c = atom.moments[k]! ** 2 / atom.mass;
      values[k]! += c;
      errors[k]! += 16 * EPS * c + 1e-300;
    }
  }

  // --- branches too flat to resolve: their whole mass, at the largest h_k² they could meet ---
  for (const piece of sets.dropped) {
    const P = density * gaussianMass(piece.a, piece.b);
    const zMax = Math.max(Math.abs(piece.a), Math.abs(piece.b), ...sets.branches.flatMap((b) => [Math.abs(b.a), Math.abs(b.b)]));
    for (let k = 0; k < K; k++) errors[k]! += 2 * P * CRAMER * Math.exp((zMax * zMax) / 2);
  }

  // --- slabs ---
  const result = integrateSlabs(p, sets, K, density, even);
  evaluations += result.evaluations;
  converged &&= result.converged;
  mass += result.mass;
  for (let k = 0; k < K; k++) {
    values[k]! += result.values[k]!;
    errors[k]! += result.errors[k]!;
  }
  for (let k = 0; k < K; k++) if (even && k % 2 === 0) {
    values[k] = 0;
    errors[k] = 0;
  }
  return { values, errors, evaluations, converged, mass };
}

/** Functions that are strictly monotone on their whole domain: T∘u generates the same σ-algebra as u. */
const INJECTIVE = new Set(['exp', 'tanh', 'sinh', 'erf', 'sigmoid', 'softplus', 'log', 'sqrt']);

/**
 * σ with its outermost injective maps removed — a·u + b, u^{odd}, exp, tanh, sinh, erf, sigmoid,
 * softplus, log, sqrt of the one z-dependent argument. ζ_k(y) = E[h_k(z) | y] depends only on the
 * σ-algebra of y, so λ_k² is unchanged, and a label that saturates in floating point
 * (tanh(z⁴) = 1 for |z| > 2.2) is integrated through the argument that does not.
 * @example exprToString(peelInjective(parseLink('tanh(2*z^2*exp(-z^2) - 1)'))) // '2*z^2*exp(-z^2)'
 */
export function peelInjective(e: Expr): Expr {
  for (;;) {
    switch (e.kind) {
      case 'neg':
        e = e.arg;
        continue;
      case 'add':
      case 'sub':
        if (isConstant(e.left)) e = e.right;
        else if (isConstant(e.right)) e = e.left;
        else return e;
        continue;
      case 'mul':
        if (isConstant(e.left) && nonzeroConstant(e.left)) e = e.right;
        else if (isConstant(e.right) && nonzeroConstant(e.right)) e = e.left;
        else return e;
        continue;
      case 'div':
        if (isConstant(e.right) && nonzeroConstant(e.right)) e = e.left;
        else return e;
        continue;
      case 'pow':
        if (e.right.kind === 'number' && e.right.value.isInteger() && !e.right.value.num.toString().match(/[02468]$/) && !isConstant(e.left)) e = e.left;
        else return e;
        continue;
      case 'call':
        if (INJECTIVE.has(e.fn) && e.args.length === 1 && !isConstant(e.args[0]!)) e = e.args[0]!;
        else return e;
        continue;
      default:
        return e;
    }
  }
}

function nonzeroConstant(e: Expr): boolean {
  const v = compileExpr(e)(0);
  return Number.isFinite(v) && v !== 0;
}

function integrateSlabs(p: Problem, sets: LevelSets, K: number, density: number, even: boolean) {
  const values = new Float64Array(K);
  const errors = new Float64Array(K);
  let evaluations = 0;
  let converged = true;
  let mass = 0;
  const levels = sets.levels;
  const h = new Float64Array(K + 1);
  for (let i = 0; i + 1 < levels.length; i++) {
    const yLo = levels[i]!.value;
    const yHi = levels[i + 1]!.value;
    const W = yHi - yLo;
    if (!(W > 0) || !Number.isFinite(W)) continue;
    const covering: number[] = [];
    sets.branches.forEach((_, b) => {
      const [p0, p1] = sets.endLevel[b]!;
      if (Math.min(p0, p1) <= i && Math.max(p0, p1) >= i + 1) covering.push(b);
    });
    if (covering.length === 0) continue;
    for (const lower of [true, false]) {
      checkBudget();
      const level = lower ? i : i + 1;
      const yEnd = lower ? yLo : yHi;
      const halfWidth = lower ? W / 2 : W - W / 2;
      const s: 1 | -1 = lower ? 1 : -1;
      // the anchors of every covering branch at this level, and at the far level (for directions)
      const found = covering.map((b) => {
        const br = sets.branches[b]!;
        const [p0, p1] = sets.endLevel[b]!;
        const inside = (l: number) => (lower ? l > level : l < level);
        return p0 === level ? endAnchor(p, br.left, 1) : p1 === level ? endAnchor(p, br.right, -1) : crossingAnchor(p, br, [p0, p1], yEnd, inside);
      });
      // slivers below the resolution of z: left out, with their mass at the largest h_k² the slab can meet
      const slivers = found.filter((a) => !isAnchor(a)) as { sliver: number; z: number }[];
      const kept = covering.filter((_, j) => isAnchor(found[j]!));
      const anchors = found.filter(isAnchor);
      if (slivers.length > 0) {
        const Z = Math.max(...found.map((a) => Math.abs(a.z)), ...kept.map((b) => Math.max(Math.abs(sets.branches[b]!.a), Math.abs(sets.branches[b]!.b))));
        const sliverMass = slivers.reduce((acc, x) => acc + density * normalPdf(Math.max(0, Math.abs(x.z) - x.sliver)) * x.sliver, 0);
        for (let k = 0; k < K; k++) errors[k]! += 4 * sliverMass * largestHermiteSquared(k + 1, Z);
      }
      if (anchors.length === 0) continue;
      const m = Math.max(1, ...anchors.map((a) => a.order));
      const solvers = kept.map((b, j) => {
        const br = sets.branches[b]!;
        const a = anchors[j]!;
        // y increases from this level into the slab iff lower; the branch moves in z towards where σ does that
        const sh: 1 | -1 = a.side !== 0 ? a.side : (br.direction === 1) === lower ? 1 : -1;
        return new BranchSolver(p, a, s, sh, sh === 1 ? br.b - a.z : a.z - br.a);
      });
      // the midpoint level on every branch; the branch spanning the longest z-range is the variable
      const middle = new Float64Array([halfWidth]);
      if (!solvers.every((solver) => solver.build(middle))) {
        converged = false;
        for (let k = 0; k < K; k++) errors[k] = Infinity;
        continue;
      }
      // The variable of integration: the z of the branch carrying the most Gaussian mass in the half-slab,
      // among branches whose slope at the level is known exactly (not critical there): every other
      // branch's weight is expressed through the reference's slope, so an uncertain one would spread its
      // uncertainty to all of them.
      const spans = solvers.map((solver) => solver.r);
      const masses = solvers.map((solver) => Math.abs(gaussianMass(Math.min(solver.anchor.z, solver.z), Math.max(solver.anchor.z, solver.z))));
      const reliable = solvers.map((solver) => !(solver.anchor.critical && solver.anchor.limit === null && solver.anchor.dG.anchorError > 0));
      const score = masses.map((mass, j) => (reliable[j] ? 2 + mass : mass));
      const ref = score.indexOf(Math.max(...score));
      const reference = solvers[ref]!;
      const R = spans[ref]!;
      // z_ref = anchor + sh·R·v^e, so that the level offset grows like v^m
      const e = m / reference.anchor.order;
      const others = solvers.filter((_, j) => j !== ref);
      const deltas = new Float64Array(TABLE);
      for (let j = 1; j <= TABLE; j++) {
        reference.place(R * (j / TABLE) ** e);
        deltas[j - 1] = reference.offsetValue;
      }
      deltas[TABLE - 1] = halfWidth;
      if (!others.every((solver) => solver.build(deltas))) {
        converged = false;
        for (let k = 0; k < K; k++) errors[k] = Infinity;
        continue;
      }
      // Offsets the level does not resolve. (1) A fold member of a merged level other than the
      // representative sits up to |its value − the level| + rounding away from where it is placed;
      // (2) at a critical anchor σ' is taken to vanish, known only to |σ'(anchor)| + rounding. Either
      // moves one branch's weights within a band of offsets; by convexity of (N, p) ↦ N²/p that
      // changes λ_k² by at most 4·(the branch's mass in the band)·max h_k² there.
      const rep = sets.levels[level]!;
      const bands = solvers.map((solver, j) => {
        let band = solver.unresolvedOffset(spans[j]!);
        const member = rep.members.find((mb) => sets.branches[mb.branch]![mb.side].z === solver.anchor.z);
        if (member && solver.anchor.order >= 2 && solver.anchor.z !== rep.z) {
          // a fold merged into a level defined at another point: placed up to this far from its true level
          const end = sets.branches[member.branch]![member.side];
          const repEnd = rep.members.map((mb) => sets.branches[mb.branch]![mb.side]).find((x) => x.z === rep.z);
          band = Math.max(band, Math.abs(end.value - yEnd) + end.valueError + (repEnd?.valueError ?? 0) + EPS * Math.abs(yEnd));
        }
        return band;
      });
      // Below its unresolved offset a branch's weight is suspect: no pointwise bound there; instead its
      // whole part of the band counts, (its mass in the band)·(h_k(z_b)² + ζ_rest,k²)·2, by the
      // convexity of (N, p) ↦ N²/p. (The reference is chosen with an exact slope, so a band never
      // spreads to the branches expressed through it.)
      // the reference's own weight φ(z)·dz/dv never uses its slope; its slope enters every other weight
      const refBand = bands[ref]!;
      for (const [j, solver] of solvers.entries()) {
        const band = solver === reference ? 0 : Math.min(Math.max(bands[j]!, refBand), halfWidth);
        solver.band = band;
        if (!(band > 0)) continue;
        const r = band >= halfWidth ? spans[j]! : solver === reference ? solverR(solver, band, R, e) : solver.solve(band, 0) ? solver.r : spans[j]!;
        const z1 = solver.anchor.z + solver.sh * r;
        const mass = density * gaussianMass(Math.min(solver.anchor.z, z1), Math.max(solver.anchor.z, z1)) + density * normalPdf(solver.anchor.z) * 2 * EPS * Math.abs(solver.anchor.z);
        const own = new Float64Array(K);
        for (const z of [solver.anchor.z, z1]) {
          orthonormalHermite(z, h);
          for (let k = 1; k <= K; k++) own[k - 1] = Math.max(own[k - 1]!, h[k]! * h[k]!);
        }
        const rest = restMeanSquares(solvers, j, band, reference, R, e, K, h);
        const restLow = restMeanSquares(solvers, j, band / 16, reference, R, e, K, h);
        for (let k = 0; k < K; k++) errors[k]! += 2 * mass * 1.01 * (own[k]! + Math.max(rest[k]!, restLow[k]!));
      }
      // Systematic shifts of a branch relative to the level (a crossing's rounding, an end merged into a
      // level defined elsewhere). Shifting one branch by ε changes only its interaction with the others,
      // Σ p_A p_B/(p_A + p_B)(ζ_A − ζ_B)², whose integrand is at most min(p_A, p_B)·4 max h_k²: by at most
      // 2ε·(the branch's largest density in the half-slab)·4 max h_k². (Two folds, both of unbounded
      // density, are the merged-level band above.)
      const shifts = solvers.map((solver) => {
        let shift = solver.anchor.shift;
        const member = rep.members.find((mb) => sets.branches[mb.branch]![mb.side].z === solver.anchor.z);
        if (member && solver.anchor.order < 2 && solver.anchor.z !== rep.z) {
          const end = sets.branches[member.branch]![member.side];
          shift += Math.abs(end.value - yEnd) + end.valueError;
        }
        return shift;
      });
      if (shifts.some((x) => x > 0)) {
        // sup over the half-slab (sampled at 8 offsets, with a margin of 2) of each branch's
        // interaction p_j p_rest/(p_j + p_rest)·(h_k(z_j) − ζ_rest,k)²
        const sup = solvers.map(() => new Float64Array(K));
        const zs = new Float64Array(solvers.length);
        const ws = new Float64Array(solvers.length);
        const hs = solvers.map(() => new Float64Array(K + 1));
        for (let t = 1; t <= 8; t++) {
          let ok = true;
          for (const [j, solver] of solvers.entries()) {
            if (!(solver === reference ? solver.place(solverR(solver, (halfWidth * t) / 8, R, e)) : solver.solve((halfWidth * t) / 8, 0)) || !(Math.abs(solver.slope) > 0)) ok = false;
            zs[j] = solver.z;
            ws[j] = (density * normalPdf(solver.z)) / Math.abs(solver.slope);
            orthonormalHermite(solver.z, hs[j]!);
          }
          if (!ok) {
            for (const x of sup) x.fill(Infinity);
            break;
          }
          const total = ws.reduce((acc, w) => acc + w, 0);
          for (let j = 0; j < solvers.length; j++) {
            const rest = total - ws[j]!;
            if (!(rest > 0)) continue;
            for (let k = 1; k <= K; k++) {
              let mean = 0;
              for (let o = 0; o < solvers.length; o++) if (o !== j) mean += ws[o]! * hs[o]![k]!;
              mean /= rest;
              const g = ((ws[j]! * rest) / (ws[j]! + rest)) * (hs[j]![k]! - mean) ** 2;
              sup[j]![k - 1] = Math.max(sup[j]![k - 1]!, 2 * g);
            }
          }
        }
        for (const [j, shift] of shifts.entries()) {
          if (!(shift > 0)) continue;
          for (let k = 0; k < K; k++) errors[k]! += 4 * shift * sup[j]![k]!;
        }
      }
      const dim = 2 * K + 1;
      const integrand = (v: number, out: Float64Array) => {
        evaluations++;
        out.fill(0);
        const dz = R * e * v ** (e - 1);
        if (!reference.place(R * v ** e)) {
          out.fill(NaN);
          return;
        }
        const refSlope = Math.abs(reference.slope);
        const refRel = others.length && !(reference.offsetValue < refBand) ? reference.slopeError / refSlope : 0;
        const delta = reference.offsetValue;
        let P = 0;
        let dP = 0;
        for (const solver of solvers) {
          let w: number;
          let rel: number;
          if (solver === reference) {
            w = density * normalPdf(solver.z) * dz;
            rel = delta < solver.band ? 0 : Math.abs(solver.z) * solver.zError + 8 * EPS;
          } else {
            if (!(delta > 0) || !solver.solve(delta, reference.offsetError)) {
              out.fill(NaN);
              return;
            }
            const abs = Math.abs(solver.slope);
            w = (density * normalPdf(solver.z) * refSlope * dz) / abs;
            // inside the branch's unresolved band its weights are bounded as a whole (the band term)
            rel = delta < solver.band ? 0 : Math.abs(solver.z) * solver.zError + solver.slopeError / abs + refRel + 8 * EPS;
          }
          const dw = w * rel;
          P += w;
          dP += dw;
          orthonormalHermite(solver.z, h);
          for (let k = 1; k <= K; k++) {
            out[k - 1]! += w * h[k]!;
            // |h_k'| = √k·|h_{k−1}|; rounding of the recurrence ~ k·ε
            out[K + k - 1]! += Math.abs(h[k]!) * dw + w * (Math.sqrt(k) * Math.abs(h[k - 1]!) * solver.zError + 4 * k * EPS * (Math.abs(h[k]!) + 1));
          }
        }
        out[2 * K] = P;
        for (let k = 0; k < K; k++) {
          const N = out[k]!;
          const dN = out[K + k]!;
          const F = P > 0 ? (N * N) / P : 0;
          out[k] = F;
          out[K + k] = P > 0 ? (dP < P / 2 ? (2 * Math.abs(N) * dN + dN * dN) / P + (N * N * dP) / (P * (P - dP)) : F + (2 * dN * dN) / P + 4 * F) : 0;
        }
      };
      const tol = new Float64Array(dim).fill(Infinity);
      tol.fill(2e-14, 0, K);
      const r = integrateVector(integrand, dim, 0, 1, { absTol: tol, maxIntervals: 400 });
      converged &&= r.converged;
      mass += r.value[2 * K]!;
      for (let k = 0; k < K; k++) {
        values[k]! += r.value[k]!;
        errors[k]! += r.error[k]! + Math.abs(r.value[K + k]!) + r.error[K + k]!;
      }
    }
  }
  void even;
  return { values, errors, evaluations, converged, mass };
}
