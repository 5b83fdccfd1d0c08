/**
 * λ_k² = E[ζ_k(y)²], ζ_k(y) = E[h_k(z) | y] (Damian, Pillaud-Vivien, Lee, Bruna 2024;
 * docs/theory.md §3.3) for a noisy label, and tables of ζ_k (the witness of p*). The noiseless
 * label is integrated over its level sets in levelSetIntegral.ts.
 *
 * Noisy y = σ(z) + √Δ·ε: ζ_k(y) = N_k(y)/p(y), N_k(y) = ∫ h_k φ φ_Δ(y − σ) dz, p(y) = ∫ φ φ_Δ(y − σ) dz,
 * λ_k² = ∫ N_k(y)²/p(y) dy, by nested adaptive quadrature (inner cuts at the preimages of y).
 */
import type { RealFunction } from '../expr/compile.js';
import { integrateVector } from '../quadrature/gaussKronrod.js';
import { normalPdf } from '../numeric/special.js';
import { atomMoments, gaussianMass } from './gaussianAtoms.js';
import { orthonormalHermite } from '../numeric/hermite.js';
import { monotonePieces, preimageOn, type FlatPiece, type MonotonePiece } from './monotonePieces.js';

export interface LambdaSquaredEstimate {
  /** λ_k² at index k − 1, k = 1..K. */
  readonly values: Float64Array;
  readonly errors: Float64Array;
  readonly evaluations: number;
  readonly converged: boolean;
}

/** h_1(z)..h_K(z) into out[0..K−1]. */
const hermiteFromOne = (z: number, out: Float64Array) => orthonormalHermite(z, out, 1);

/** Half-width of the z window: beyond it ∫ h_k²φ is below ~1e-12 for k ≤ K (the tail bound of |λ_k²| lost). */
export function zWindow(maxDegree: number): number {
  return Math.max(10, Math.sqrt(4 * maxDegree + 2) + 5);
}

/** Sorted points strictly inside (a, b), merged when closer than ~1e-10 relative (near-equal critical values). */
function interiorPoints(points: readonly number[], a: number, b: number): number[] {
  const gap = (x: number) => 1e-10 * Math.max(1, Math.abs(x));
  const out: number[] = [];
  for (const x of [...points].sort((u, v) => u - v)) {
    if (!(x > a + gap(a) && x < b - gap(b))) continue;
    if (out.length === 0 || x - out[out.length - 1]! > gap(x)) out.push(x);
  }
  return out;
}

/** λ_1²..λ_K² of y = σ(z) + √Δ·ε, ε ~ N(0,1). */
export function lambdaSquaredNoisy(
  sigma: RealFunction,
  derivative: RealFunction,
  cuts: readonly number[],
  K: number,
  noiseVariance: number,
): LambdaSquaredEstimate {
  const window = zWindow(K);
  const pieces = monotonePieces(sigma, derivative, cuts, window);
  const monotone = pieces.filter((p): p is MonotonePiece => p.kind === 'monotone');
  const sd = Math.sqrt(noiseVariance);
  const noiseDensity = (r: number) => Math.exp((-0.5 * r * r) / noiseVariance) / (sd * Math.sqrt(2 * Math.PI));
  // the range of y that carries the mass: σ over |z| ≤ 9, widened by 12 noise deviations
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let z = -9; z <= 9; z += 0.01) {
    const v = sigma(z);
    if (Number.isFinite(v)) {
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
    }
  }
  yMin -= 12 * sd;
  yMax += 12 * sd;
  const innerCuts = cuts.filter((c) => Math.abs(c) < window);
  const criticalValues = [...new Set(pieces.flatMap((p) => (p.kind === 'monotone' ? [p.ya, p.yb] : [p.value])))].filter((v) => v > yMin && v < yMax);
  const h = new Float64Array(K);
  let evaluations = 0;
  let converged = true;
  const inner = (y: number) => {
    const preimages = monotone.filter((p) => (p.direction > 0 ? y > p.ya && y < p.yb : y < p.ya && y > p.yb)).map((p) => preimageOn(p, y, sigma, derivative));
    const r = integrateVector(
      (z, out) => {
        evaluations++;
        const w = normalPdf(z) * noiseDensity(y - sigma(z));
        out[0] = w;
        hermiteFromOne(z, h);
        for (let k = 0; k < K; k++) out[k + 1] = w * h[k]!;
      },
      K + 1,
      -window,
      window,
      { absTol: 1e-13, points: interiorPoints([...innerCuts, ...preimages], -window, window), maxInitialWidth: Math.max(0.05, 2 * sd), maxIntervals: 4000 },
    );
    converged &&= r.converged;
    return r;
  };
  // components K..2K−1 integrate the propagated inner error 2|N_k|δN_k/p + N_k²δp/p²
  const outer = integrateVector(
    (y, out) => {
      const r = inner(y);
      const p = r.value[0]!;
      const dp = r.error[0]!;
      for (let k = 0; k < K; k++) {
        const n = r.value[k + 1]!;
        out[k] = p > 1e-300 ? (n * n) / p : 0;
        out[K + k] = p > 1e-300 ? (2 * Math.abs(n) * r.error[k + 1]!) / p + (n * n * dp) / (p * p) : 0;
      }
    },
    2 * K,
    yMin,
    yMax,
    {
      absTol: new Float64Array(2 * K).fill(1e-10).fill(Infinity, K),
      points: interiorPoints(criticalValues, yMin, yMax),
      maxInitialWidth: Math.max(4 * sd, (yMax - yMin) / 64),
      maxIntervals: 2000,
    },
  );
  const values = outer.value.slice(0, K);
  const errors = new Float64Array(K);
  for (let k = 0; k < K; k++) errors[k] = outer.error[k]! + Math.abs(outer.value[K + k]!);
  return { values, errors, evaluations, converged: converged && outer.converged };
}

export interface ZetaPoint {
  readonly y: number;
  readonly zeta: number;
}

/**
 * ζ_k(y) = E[h_k(z) | y] at representative labels: the atoms of y and σ(z) at z = −2.5, −2, …, 2.5
 * (noisy: at those σ values, by the ratio N_k(y)/p(y)). The witness transform for p* = k.
 */
export function zetaTable(sigma: RealFunction, derivative: RealFunction, cuts: readonly number[], k: number, noiseVariance: number): ZetaPoint[] {
  const window = zWindow(k);
  const pieces = monotonePieces(sigma, derivative, cuts, window);
  const monotone = pieces.filter((p): p is MonotonePiece => p.kind === 'monotone');
  const atomValues = [...new Set(pieces.flatMap((p) => (p.kind === 'flat' ? [p.value] : [])))];
  const ys = new Set<number>(atomValues);
  for (let z = -2.5; z <= 2.5; z += 0.5) ys.add(sigma(z));
  const h = new Float64Array(k);
  const out: ZetaPoint[] = [];
  for (const y of [...ys].filter(Number.isFinite).sort((a, b) => a - b)) {
    if (noiseVariance > 0) {
      const sd = Math.sqrt(noiseVariance);
      const r = integrateVector(
        (z, o) => {
          const w = normalPdf(z) * Math.exp((-0.5 * (y - sigma(z)) ** 2) / noiseVariance);
          hermiteFromOne(z, h);
          o[0] = w;
          o[1] = w * h[k - 1]!;
        },
        2,
        -window,
        window,
        { absTol: 1e-14, points: interiorPoints(cuts, -window, window), maxInitialWidth: Math.max(0.05, 2 * sd) },
      );
      out.push({ y, zeta: r.value[1]! / r.value[0]! });
      continue;
    }
    const atom = pieces.filter((p): p is FlatPiece => p.kind === 'flat' && p.value === y);
    if (atom.length > 0) {
      let moment = 0;
      let mass = 0;
      for (const p of atom) {
        moment += atomMoments(p.a, p.b, k)[k - 1]!;
        mass += gaussianMass(p.a, p.b);
      }
      out.push({ y, zeta: moment / mass });
      continue;
    }
    let numerator = 0;
    let total = 0;
    for (const p of monotone) {
      if (!(p.direction > 0 ? y > p.ya && y < p.yb : y < p.ya && y > p.yb)) continue;
      const z = preimageOn(p, y, sigma, derivative);
      const w = normalPdf(z) / Math.abs(derivative(z));
      hermiteFromOne(z, h);
      numerator += w * h[k - 1]!;
      total += w;
    }
    if (total > 0 && Number.isFinite(total)) out.push({ y, zeta: numerator / total });
  }
  return out;
}
