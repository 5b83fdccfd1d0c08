/** Gaussian masses and Hermite moments of intervals: the atoms of a label (a flat piece of σ). */
import { normalCdf, normalPdf } from '../numeric/special.js';
import { orthonormalHermite } from '../numeric/hermite.js';

/** P(a < z < b) for z ~ N(0,1), accurate in both tails. */
export function gaussianMass(a: number, b: number): number {
  if (a >= 0) return normalCdf(-a) - normalCdf(-b);
  if (b <= 0) return normalCdf(b) - normalCdf(a);
  return 1 - normalCdf(a) - normalCdf(-b);
}

/**
 * ∫_a^b h_k φ dz for k = 1..K: (h_{k−1}(a)φ(a) − h_{k−1}(b)φ(b))/√k, since He_kφ = −(He_{k−1}φ)′.
 * @example atomMoments(0, Infinity, 1)[0] // ≈ 1 / Math.sqrt(2 * Math.PI)
 */
export function atomMoments(a: number, b: number, K: number): Float64Array {
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
