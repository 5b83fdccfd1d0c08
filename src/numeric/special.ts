/**
 * Special functions in double precision. Node has no Math.erf; these are accurate to a
 * few ulps, which the quadrature error budget (1e-10) needs.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;

/** erf(x) = (2/√π)∫₀ˣ e^{−t²} dt. Series erf(x) = (2/√π)e^{−x²}Σ 2ⁿx^{2n+1}/(2n+1)!! (positive terms) for |x| < 2.5, else 1 − erfc. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2.5) return erfSeries(x);
  const c = erfcContinuedFraction(ax);
  return x > 0 ? 1 - c : c - 1;
}

/** erfc(x) = 1 − erf(x), by the continued fraction for x ≥ 1 (no cancellation in the right tail). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 1) return 1 - erf(x);
  return erfcContinuedFraction(x);
}

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * The continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + …))) by the modified Lentz method
 * (at most `maxTerms` terms), x ≥ 1: erfc(x) = e^{−x²}/√π divided by it, erfcx(x) = 1/√π divided by it.
 */
export function erfcContinuedFractionDenominator(x: number, maxTerms: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < maxTerms; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}

/** erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), x ≥ 1 (≤ 500 terms). */
function erfcContinuedFraction(x: number): number {
  if (x > 27.3) return 0;
  return (INV_SQRT_PI * Math.exp(-x * x)) / erfcContinuedFractionDenominator(x, 500);
}

/** Standard normal density φ(x) = e^{−x²/2}/√(2π). */
export function normalPdf(x: number): number {
  return 0.3989422804014327 * Math.exp(-0.5 * x * x);
}

/** Standard normal cdf Φ(x) = erfc(−x/√2)/2. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Logistic sigmoid 1/(1 + e^{−x}), stable for both signs. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus log(1 + eˣ), stable for both signs. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** GELU x·Φ(x) (the exact, erf-based form). */
export function gelu(x: number): number {
  return x * normalCdf(x);
}

/** SiLU (swish) x·sigmoid(x). */
export function silu(x: number): number {
  return x * sigmoid(x);
}

/** relu(x) = max(x, 0). */
export function relu(x: number): number {
  return x > 0 ? x : x <= 0 ? 0 : NaN;
}

/** Heaviside step: 1 for x > 0, 0 for x < 0, 1/2 at 0 (a null set under N(0,1)). */
export function step(x: number): number {
  return x > 0 ? 1 : x < 0 ? 0 : x === 0 ? 0.5 : NaN;
}
