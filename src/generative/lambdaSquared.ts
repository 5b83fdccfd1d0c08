/**
 * λ_k² = E[ζ_k(y)²], ζ_k(y) = E[h_k(z) | y] (Damian, Pillaud-Vivien, Lee, Bruna 2024;
 * ../shared/THEORY.md §3), for k = 1..K, with error bounds.
 *
 * Deterministic y = σ(z): by the tower property λ_k² = E[h_k(z)·ζ_k(σ(z))]. On each monotone
 * piece ζ_k(σ(z)) = Σ_i h_k(z_i)w_i / Σ_i w_i over the preimages z_i of y = σ(z) (one per
 * monotone piece whose image holds y), w_i = φ(z_i)/|σ'(z_i)|; the piece is cut where σ(z)
 * crosses a critical value (an end value of another piece), so the integrand is smooth between
 * cuts and adaptive Gauss–Kronrod reaches ~1e-12. Each flat piece set {σ = c} is an atom:
 * ζ_k(c) = E[h_k 1_A]/P(A) and it adds E[h_k 1_A]²/P(A), with ∫_a^b He_k φ = He_{k−1}(a)φ(a) − He_{k−1}(b)φ(b).
 *
 * Noisy y = σ(z) + √Δ·ε: ζ_k(y) = N_k(y)/p(y), N_k(y) = ∫ h_k φ φ_Δ(y − σ) dz, p(y) = ∫ φ φ_Δ(y − σ) dz,
 * λ_k² = ∫ N_k(y)²/p(y) dy, by nested adaptive quadrature (inner cuts at the preimages of y).
 */
import type { RealFunction } from '../expr/compile.js';
import { integrateVector } from '../quadrature/gaussKronrod.js';
import { normalCdf, normalPdf } from '../numeric/special.js';
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

/** P(a < z < b) for z ~ N(0,1), accurate in both tails. */
function gaussianMass(a: number, b: number): number {
  if (a >= 0) return normalCdf(-a) - normalCdf(-b);
  if (b <= 0) return normalCdf(b) - normalCdf(a);
  return 1 - normalCdf(a) - normalCdf(-b);
}

/** ∫_a^b h_k φ dz for k = 1..K: (h_{k−1}(a)φ(a) − h_{k−1}(b)φ(b))/√k. */
function atomMoments(a: number, b: number, K: number): Float64Array {
  const out = new Float64Array(K);
  const at = (x: number) => {
    const h = new Float64Array(K + 1);
    if (Number.isFinite(x)) orthonormalHermite(x, h);
    return { h, w: Number.isFinite(x) ? normalPdf(x) : 0 };
  };
  const A = at(a);
  const B = at(b);
  for (let k = 1; k <= K; k++) out[k - 1] = (A.h[k - 1]! * A.w - B.h[k - 1]! * B.w) / Math.sqrt(k);
  return out;
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

/** λ_1²..λ_K² of the noiseless label y = σ(z). */
export function lambdaSquaredDeterministic(sigma: RealFunction, derivative: RealFunction, cuts: readonly number[], K: number): LambdaSquaredEstimate {
  const window = zWindow(K);
  const pieces = monotonePieces(sigma, derivative, cuts, window);
  const monotone = pieces.filter((p): p is MonotonePiece => p.kind === 'monotone');
  const flat = pieces.filter((p): p is FlatPiece => p.kind === 'flat');
  const values = new Float64Array(K);
  const errors = new Float64Array(K);
  let evaluations = 0;
  let converged = true;

  // atoms: group flat pieces by their value
  const atoms = new Map<number, FlatPiece[]>();
  for (const p of flat) {
    const group = atoms.get(p.value);
    if (group) group.push(p);
    else atoms.set(p.value, [p]);
  }
  for (const group of atoms.values()) {
    const moments = new Float64Array(K);
    let mass = 0;
    for (const p of group) {
      const m = atomMoments(p.a, p.b, K);
      for (let k = 0; k < K; k++) moments[k]! += m[k]!;
      mass += gaussianMass(p.a, p.b);
    }
    if (mass <= 0) continue;
    for (let k = 0; k < K; k++) {
      values[k]! += (moments[k]! * moments[k]!) / mass;
      errors[k]! += 1e-15 * (Math.abs(moments[k]!) + 1e-16) ** 2 / mass + 1e-16;
    }
  }

  const criticalValues = [...new Set(monotone.flatMap((p) => [p.ya, p.yb]))];
  const inImage = (p: MonotonePiece, y: number) => (p.direction > 0 ? y > p.ya && y < p.yb : y < p.ya && y > p.yb);
  const hSelf = new Float64Array(K);
  const hOther = new Float64Array(K);
  const numerator = new Float64Array(K);

  for (const piece of monotone) {
    const splits = interiorPoints(
      criticalValues.filter((v) => inImage(piece, v)).map((v) => preimageOn(piece, v, sigma, derivative)),
      piece.a,
      piece.b,
    );
    const integrand = (z: number, out: Float64Array) => {
      evaluations++;
      const y = sigma(z);
      const wSelf = normalPdf(z) / Math.abs(derivative(z));
      hermiteFromOne(z, hSelf);
      let total = 0;
      let infinite = 0;
      numerator.fill(0);
      const accumulate = (w: number, h: Float64Array) => {
        if (w === Infinity) {
          if (infinite === 0) numerator.fill(0);
          infinite++;
          for (let k = 0; k < K; k++) numerator[k]! += h[k]!;
        } else if (infinite === 0) {
          total += w;
          for (let k = 0; k < K; k++) numerator[k]! += w * h[k]!;
        }
      };
      accumulate(wSelf, hSelf);
      for (const other of monotone) {
        if (other === piece || !inImage(other, y)) continue;
        const zi = preimageOn(other, y, sigma, derivative);
        hermiteFromOne(zi, hOther);
        accumulate(normalPdf(zi) / Math.abs(derivative(zi)), hOther);
      }
      const denominator = infinite > 0 ? infinite : total;
      const weight = normalPdf(z);
      for (let k = 0; k < K; k++) out[k] = denominator > 0 ? (weight * hSelf[k]! * numerator[k]!) / denominator : 0;
    };
    const r = integrateVector(integrand, K, piece.a, piece.b, { absTol: 1e-12, points: splits, maxIntervals: 4000 });
    converged &&= r.converged;
    for (let k = 0; k < K; k++) {
      values[k]! += r.value[k]!;
      errors[k]! += r.error[k]!;
    }
  }
  return { values, errors, evaluations, converged };
}

/** λ_1²..λ_K² of y = σ(z) + √Δ·ε, ε ~ N(0,1). */
export function lambdaSquaredNoisy(sigma: RealFunction, derivative: RealFunction, cuts: readonly number[], K: number, noiseVariance: number): LambdaSquaredEstimate {
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
    const preimages = monotone
      .filter((p) => (p.direction > 0 ? y > p.ya && y < p.yb : y < p.ya && y > p.yb))
      .map((p) => preimageOn(p, y, sigma, derivative));
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
    { absTol: new Float64Array(2 * K).fill(1e-10).fill(Infinity, K), points: interiorPoints(criticalValues, yMin, yMax), maxInitialWidth: Math.max(4 * sd, (yMax - yMin) / 64), maxIntervals: 2000 },
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
