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
import { parityOf } from '../expr/parity.js';
import { specialPointsOf } from '../expr/specialPoints.js';
import { integrateVector } from '../quadrature/gaussKronrod.js';
import { normalCdf, normalPdf } from '../numeric/special.js';
import { orthonormalHermite } from '../numeric/hermite.js';
import { type Anchor, BranchSolver, crossingAnchor, endAnchor, type HalfSlab, isAnchor, type Problem, type Reference, type Sliver } from './branchSolver.js';
import { atomMoments, gaussianMass } from './gaussianAtoms.js';
import { levelSetsOf, type LevelSets } from './levelSets.js';
import { addBandErrors, addShiftErrors, addSliverErrors, CRAMER, unresolvedBands } from './slabErrors.js';

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
  const result = integrateSlabs(p, sets, K, density);
  evaluations += result.evaluations;
  converged &&= result.converged;
  mass += result.mass;
  for (let k = 0; k < K; k++) {
    values[k]! += result.values[k]!;
    errors[k]! += result.errors[k]!;
  }
  for (let k = 0; k < K; k++)
    if (even && k % 2 === 0) {
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

/** Running sums over the half-slabs: λ_k² and their bounds, and the quadrature's counters. */
interface SlabSums {
  readonly values: Float64Array;
  readonly errors: Float64Array;
  evaluations: number;
  converged: boolean;
  mass: number;
}

/** Σ_slabs ∫ N_k(y)²/p(y) dy, each slab between two consecutive levels as two half-slabs, with the bounds. */
function integrateSlabs(p: Problem, sets: LevelSets, K: number, density: number): SlabSums {
  const sums: SlabSums = { values: new Float64Array(K), errors: new Float64Array(K), evaluations: 0, converged: true, mass: 0 };
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
      integrateHalfSlab({ p, sets, K, density, h, lower, level, yEnd, halfWidth, s: lower ? 1 : -1 }, covering, sums);
    }
  }
  return sums;
}

/**
 * One half-slab: its branches, the reference branch and every branch's preimage table, then the
 * error terms the quadrature does not see (slivers, unresolved bands, systematic shifts) and the
 * quadrature itself, all added into `sums`. A branch that cannot be placed makes every bound infinite.
 */
function integrateHalfSlab(half: HalfSlab, covering: readonly number[], sums: SlabSums): void {
  const solvers = halfSlabSolvers(half, covering, sums.errors);
  if (solvers.length === 0) return;
  // the midpoint level on every branch; the branch spanning the longest z-range is the variable
  const middle = new Float64Array([half.halfWidth]);
  if (!solvers.every((solver) => solver.build(middle))) {
    unplaceable(sums);
    return;
  }
  const spans = solvers.map((solver) => solver.r);
  const ref = chooseReference(solvers, spans);
  if (!buildTables(half, ref)) {
    unplaceable(sums);
    return;
  }
  const bands = unresolvedBands(half, solvers, spans);
  addBandErrors(half, solvers, bands, spans, ref, sums.errors);
  addShiftErrors(half, solvers, ref, sums.errors);
  halfSlabQuadrature(half, solvers, ref, bands[ref.index]!, sums);
}

/** A half-slab whose branches cannot all be placed: not converged, every bound infinite. */
function unplaceable(sums: SlabSums): void {
  sums.converged = false;
  sums.errors.fill(Infinity);
}

/**
 * The anchors of the covering branches at the half-slab's level (a branch end at that level, else the
 * crossing), one solver per anchored branch; branch slivers below the resolution of z are left out
 * and counted into `errors`.
 */
function halfSlabSolvers(half: HalfSlab, covering: readonly number[], errors: Float64Array): BranchSolver[] {
  const { p, sets, lower, level, yEnd, s } = half;
  // the anchors of every covering branch at this level, and at the far level (for directions)
  const found: (Anchor | Sliver)[] = covering.map((b) => {
    const br = sets.branches[b]!;
    const [p0, p1] = sets.endLevel[b]!;
    const inside = (l: number) => (lower ? l > level : l < level);
    return p0 === level ? endAnchor(p, br.left, 1) : p1 === level ? endAnchor(p, br.right, -1) : crossingAnchor(p, br, [p0, p1], yEnd, inside);
  });
  // slivers below the resolution of z: left out, with their mass at the largest h_k² the slab can meet
  const kept = covering.filter((_, j) => isAnchor(found[j]!));
  const anchors = found.filter(isAnchor);
  addSliverErrors(half, found, kept, errors);
  return kept.map((b, j) => {
    const br = sets.branches[b]!;
    const a = anchors[j]!;
    // y increases from this level into the slab iff lower; the branch moves in z towards where σ does that
    const sh: 1 | -1 = a.side !== 0 ? a.side : (br.direction === 1) === lower ? 1 : -1;
    return new BranchSolver(p, a, s, sh, sh === 1 ? br.b - a.z : a.z - br.a);
  });
}

/**
 * The variable of integration: the z of the branch carrying the most Gaussian mass in the half-slab,
 * among branches whose slope at the level is known exactly (not critical there): every other
 * branch's weight is expressed through the reference's slope, so an uncertain one would spread its
 * uncertainty to all of them. z_ref = anchor + sh·R·v^e, so that the level offset grows like v^m.
 * Called with every branch placed at the half-slab's inner end (`spans`: their r there).
 */
function chooseReference(solvers: readonly BranchSolver[], spans: readonly number[]): Reference {
  const m = Math.max(1, ...solvers.map((solver) => solver.anchor.order));
  const masses = solvers.map((solver) => Math.abs(gaussianMass(Math.min(solver.anchor.z, solver.z), Math.max(solver.anchor.z, solver.z))));
  const reliable = solvers.map((solver) => !(solver.anchor.critical && solver.anchor.limit === null && solver.anchor.dG.anchorError > 0));
  const score = masses.map((mass, j) => (reliable[j] ? 2 + mass : mass));
  const index = score.indexOf(Math.max(...score));
  const solver = solvers[index]!;
  return { index, solver, R: spans[index]!, e: m / solver.anchor.order, others: solvers.filter((_, j) => j !== index) };
}

/**
 * The preimage tables of the branches other than the reference, at the offsets the reference reaches
 * at v = j/TABLE (the last one the half-width itself): brackets for every later root solve.
 */
function buildTables(half: HalfSlab, ref: Reference): boolean {
  const { solver: reference, R, e } = ref;
  const deltas = new Float64Array(TABLE);
  for (let j = 1; j <= TABLE; j++) {
    reference.place(R * (j / TABLE) ** e);
    deltas[j - 1] = reference.offsetValue;
  }
  deltas[TABLE - 1] = half.halfWidth;
  return ref.others.every((solver) => solver.build(deltas));
}

/**
 * ∫_0^1 of N_k²/p in v (Gauss–Kronrod, adaptive, over the half-slab), with beside each N_k²/p a
 * pointwise bound of its propagated rounding: every weight is uncertain by its z's bound (through
 * φ and h_k), its slope's bound and the reference slope's (outside the branch's unresolved band,
 * which is bounded as a whole), and N and p move together (the integrand carries (N, dN, p, dP)).
 * Adds the values, the quadrature error, the integrated pointwise bound and the mass into `sums`.
 */
function halfSlabQuadrature(half: HalfSlab, solvers: readonly BranchSolver[], ref: Reference, refBand: number, sums: SlabSums): void {
  const { K, density, h } = half;
  const { solver: reference, R, e, others } = ref;
  const dim = 2 * K + 1;
  const integrand = (v: number, out: Float64Array) => {
    sums.evaluations++;
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
  sums.converged &&= r.converged;
  sums.mass += r.value[2 * K]!;
  for (let k = 0; k < K; k++) {
    sums.values[k]! += r.value[k]!;
    sums.errors[k]! += r.error[k]! + Math.abs(r.value[K + k]!) + r.error[K + k]!;
  }
}
