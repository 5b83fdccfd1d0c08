/**
 * The error terms of one half-slab of λ_k² (levelSetIntegral.ts) that the quadrature does not see:
 * branch slivers below the resolution of z, bands of level offsets a branch does not resolve, and
 * systematic shifts of a branch relative to the level. Each is added to the bounds of λ_1²..λ_K².
 */
import { normalPdf } from '../numeric/special.js';
import { orthonormalHermite } from '../numeric/hermite.js';
import { type Anchor, type BranchSolver, type HalfSlab, isAnchor, type Reference, type Sliver, solverR } from './branchSolver.js';
import { gaussianMass } from './gaussianAtoms.js';

const EPS = 2.220446049250313e-16;
/** Cramér's inequality in our normalisation: h_k(z)² ≤ CRAMER·e^{z²/2} for every k. */
export const CRAMER = 1.1806;

/**
 * ζ_rest,k² for the branches other than `skip`: their weighted mean of h_k at the offset δ (weights
 * φ(z_b)/|σ'(z_b)|, the density of y). Near a level the weights tend to fixed ratios (the branches of
 * the highest order dominate, in proportion φ(z_b)c_b^{−1/m}), so the mean at a small δ holds for
 * every smaller offset.
 */
function restMeanSquares(
  solvers: readonly BranchSolver[],
  skip: number,
  delta: number,
  reference: BranchSolver,
  R: number,
  e: number,
  K: number,
  h: Float64Array,
): Float64Array {
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

/** max h_k(z)² over |z| ≤ Z: |He_k(z)| ≤ |z|^k beyond 2√k, Cramér's bound inside. */
function largestHermiteSquared(k: number, Z: number): number {
  let factorial = 1;
  for (let j = 2; j <= k; j++) factorial *= j;
  return Math.max(Z ** (2 * k) / factorial, CRAMER * Math.exp(Math.min(Z * Z, 4 * k + 2) / 2));
}

/**
 * Slivers (a branch's part in the half-slab shorter than a few ulps of z) are left out: each counts
 * with its whole mass, 4·(mass)·max h_k² over every z the half-slab's branches reach. `found` holds
 * the covering branches' anchors or slivers, `kept` the branches that have an anchor.
 */
export function addSliverErrors(half: HalfSlab, found: readonly (Anchor | Sliver)[], kept: readonly number[], errors: Float64Array): void {
  const { sets, density, K } = half;
  const slivers = found.filter((a) => !isAnchor(a)) as Sliver[];
  if (slivers.length > 0) {
    const Z = Math.max(...found.map((a) => Math.abs(a.z)), ...kept.map((b) => Math.max(Math.abs(sets.branches[b]!.a), Math.abs(sets.branches[b]!.b))));
    const sliverMass = slivers.reduce((acc, x) => acc + density * normalPdf(Math.max(0, Math.abs(x.z) - x.sliver)) * x.sliver, 0);
    for (let k = 0; k < K; k++) errors[k]! += 4 * sliverMass * largestHermiteSquared(k + 1, Z);
  }
}

/**
 * The band of level offsets each branch does not resolve. (1) A fold member of a merged level other
 * than the representative sits up to |its value − the level| + rounding away from where it is placed;
 * (2) at a critical anchor σ' is taken to vanish, known only to |σ'(anchor)| + rounding. `spans`
 * holds each branch's r at the half-slab's inner end.
 */
export function unresolvedBands(half: HalfSlab, solvers: readonly BranchSolver[], spans: readonly number[]): number[] {
  const { sets, level, yEnd } = half;
  const rep = sets.levels[level]!;
  return solvers.map((solver, j) => {
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
}

/**
 * Either kind of unresolved band moves one branch's weights within it; by convexity of (N, p) ↦ N²/p
 * that changes λ_k² by at most 4·(the branch's mass in the band)·max h_k² there. Below its band a
 * branch's weight is suspect: no pointwise bound there (its `band` is set here for the integrand);
 * instead its whole part of the band counts, (its mass in the band)·(h_k(z_b)² + ζ_rest,k²)·2. (The
 * reference is chosen with an exact slope, so a band never spreads to the branches expressed
 * through it; the reference's own weight φ(z)·dz/dv never uses its slope, while its slope enters
 * every other weight: every other band is at least the reference's.)
 */
export function addBandErrors(
  half: HalfSlab,
  solvers: readonly BranchSolver[],
  bands: readonly number[],
  spans: readonly number[],
  ref: Reference,
  errors: Float64Array,
): void {
  const { K, density, halfWidth, h } = half;
  const { solver: reference, R, e } = ref;
  const refBand = bands[ref.index]!;
  for (const [j, solver] of solvers.entries()) {
    const band = solver === reference ? 0 : Math.min(Math.max(bands[j]!, refBand), halfWidth);
    solver.band = band;
    if (!(band > 0)) continue;
    const r = band >= halfWidth ? spans[j]! : solver === reference ? solverR(solver, band, R, e) : solver.solve(band, 0) ? solver.r : spans[j]!;
    const z1 = solver.anchor.z + solver.sh * r;
    const mass =
      density * gaussianMass(Math.min(solver.anchor.z, z1), Math.max(solver.anchor.z, z1)) +
      density * normalPdf(solver.anchor.z) * 2 * EPS * Math.abs(solver.anchor.z);
    const own = new Float64Array(K);
    for (const z of [solver.anchor.z, z1]) {
      orthonormalHermite(z, h);
      for (let k = 1; k <= K; k++) own[k - 1] = Math.max(own[k - 1]!, h[k]! * h[k]!);
    }
    const rest = restMeanSquares(solvers, j, band, reference, R, e, K, h);
    const restLow = restMeanSquares(solvers, j, band / 16, reference, R, e, K, h);
    for (let k = 0; k < K; k++) errors[k]! += 2 * mass * 1.01 * (own[k]! + Math.max(rest[k]!, restLow[k]!));
  }
}

/**
 * Systematic shifts of a branch relative to the level (a crossing's rounding, an end merged into a
 * level defined elsewhere). Shifting one branch by ε changes only its interaction with the others,
 * Σ p_A p_B/(p_A + p_B)(ζ_A − ζ_B)², whose integrand is at most min(p_A, p_B)·4 max h_k²: by at most
 * 2ε·(the branch's largest density in the half-slab)·4 max h_k². (Two folds, both of unbounded
 * density, are the merged-level band of unresolvedBands.)
 */
export function addShiftErrors(half: HalfSlab, solvers: readonly BranchSolver[], ref: Reference, errors: Float64Array): void {
  const { sets, level, yEnd, K } = half;
  const rep = sets.levels[level]!;
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
    const sup = interactionSup(half, solvers, ref);
    for (const [j, shift] of shifts.entries()) {
      if (!(shift > 0)) continue;
      for (let k = 0; k < K; k++) errors[k]! += 4 * shift * sup[j]![k]!;
    }
  }
}

/**
 * Sup over the half-slab (sampled at 8 offsets, with a margin of 2) of each branch's interaction
 * p_j p_rest/(p_j + p_rest)·(h_k(z_j) − ζ_rest,k)², k = 1..K; Infinity where a branch cannot be placed.
 */
function interactionSup(half: HalfSlab, solvers: readonly BranchSolver[], ref: Reference): Float64Array[] {
  const { K, density, halfWidth } = half;
  const { solver: reference, R, e } = ref;
  const sup = solvers.map(() => new Float64Array(K));
  const zs = new Float64Array(solvers.length);
  const ws = new Float64Array(solvers.length);
  const hs = solvers.map(() => new Float64Array(K + 1));
  for (let t = 1; t <= 8; t++) {
    let ok = true;
    for (const [j, solver] of solvers.entries()) {
      if (
        !(solver === reference ? solver.place(solverR(solver, (halfWidth * t) / 8, R, e)) : solver.solve((halfWidth * t) / 8, 0)) ||
        !(Math.abs(solver.slope) > 0)
      )
        ok = false;
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
  return sup;
}
