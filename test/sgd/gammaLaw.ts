/**
 * The Gamma law by its textbook series, for checking the samplers: log Γ at integers and
 * half-integers, and the regularised lower incomplete gamma P(a, x).
 */

/** log Γ(a) for a integer or half-integer, by Γ(a + 1) = a·Γ(a) from Γ(1) = 1, Γ(1/2) = √π. */
export function logGamma(a: number): number {
  let g = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let b = Number.isInteger(a) ? 1 : 0.5; b < a; b++) g += Math.log(b);
  return g;
}

/** P(a, x) = γ(a, x)/Γ(a) by its power series e^{−x}x^a/Γ(a)·Σ_n x^n/(a(a+1)…(a+n)). */
export function lowerGammaRatio(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 20000 && term > 1e-17 * sum; n++) {
    term *= x / (a + n);
    sum += term;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a) + Math.log(sum));
}

/** P(χ²_k ≤ x) = P(k/2, x/2). */
export function chiSquaredCdf(k: number, x: number): number {
  return lowerGammaRatio(k / 2, x / 2);
}

/**
 * Q(a, x) = 1 − P(a, x) for x > a + 1 by Legendre's continued fraction
 * e^{−x}x^a/Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …))), evaluated
 * by the modified Lentz method (no cancellation in 1 − P).
 */
export function upperGammaRatio(a: number, x: number): number {
  if (!(x > a + 1)) throw new RangeError('upperGammaRatio: needs x > a + 1');
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}
