/**
 * A self-contained exact route for the threshold tests: BigInt fractions, polynomials in z with
 * fraction coefficients, standard Gaussian moments E[z^{2m}] = (2m−1)!!, and probabilists'
 * Hermite coefficients u_i(f) = E[f·He_i]/i!. Deliberately independent of src/exact and src/poly.
 */

export interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

export function frac(n: bigint | number, d: bigint | number = 1n): Frac {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new Error('zero denominator');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}

export const F0 = frac(0);
export const F1 = frac(1);
export const fadd = (a: Frac, b: Frac): Frac => frac(a.n * b.d + b.n * a.d, a.d * b.d);
export const fsub = (a: Frac, b: Frac): Frac => frac(a.n * b.d - b.n * a.d, a.d * b.d);
export const fmul = (a: Frac, b: Frac): Frac => frac(a.n * b.n, a.d * b.d);
export const fdiv = (a: Frac, b: Frac): Frac => frac(a.n * b.d, a.d * b.n);
export const feq = (a: Frac, b: Frac): boolean => a.n === b.n && a.d === b.d;
export const fstr = (a: Frac): string => (a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`);
export const fnum = (a: Frac): number => Number(a.n) / Number(a.d);

/** "p", "-p" or "p/q" → Frac (the engine's rational strings). */
export function parseFrac(s: string): Frac {
  const m = /^\s*(-?\d+)(?:\s*\/\s*(\d+))?\s*$/.exec(s);
  if (!m) throw new Error(`not a rational: '${s}'`);
  return frac(BigInt(m[1]!), BigInt(m[2] ?? '1'));
}

/** Coefficients in the monomial basis, index = power of z. */
export type Poly = Frac[];

export const poly = (...cs: (number | Frac)[]): Poly => cs.map((c) => (typeof c === 'number' ? frac(c) : c));

export function padd(a: Poly, b: Poly): Poly {
  const out: Poly = [];
  for (let k = 0; k < Math.max(a.length, b.length); k++) out.push(fadd(a[k] ?? F0, b[k] ?? F0));
  return out;
}

export function pscale(a: Poly, c: Frac): Poly {
  return a.map((x) => fmul(x, c));
}

export function pmul(a: Poly, b: Poly): Poly {
  const out: Poly = Array.from({ length: Math.max(a.length + b.length - 1, 0) }, () => F0);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] = fadd(out[i + j]!, fmul(x, y)))));
  return out;
}

export function ppow(a: Poly, k: number): Poly {
  let out: Poly = [F1];
  for (let j = 0; j < k; j++) out = pmul(out, a);
  return out;
}

export function pderiv(a: Poly): Poly {
  return a.slice(1).map((c, k) => fmul(c, frac(k + 1)));
}

/** He_n by He_{n+1} = z·He_n − n·He_{n−1}. */
export function He(n: number): Poly {
  let prev: Poly = [F1];
  if (n === 0) return prev;
  let cur: Poly = [F0, F1];
  for (let k = 1; k < n; k++) {
    const next = padd(pmul([F0, F1], cur), pscale(prev, frac(-k)));
    prev = cur;
    cur = next;
  }
  return cur;
}

/** E[z^k] for z ~ N(0, 1): 0 for odd k, (k−1)!! for even k. */
export function gaussMoment(k: number): bigint {
  if (k % 2 === 1) return 0n;
  let m = 1n;
  for (let j = k - 1; j > 1; j -= 2) m *= BigInt(j);
  return m;
}

/** E[p(z)] for z ~ N(0, 1). */
export function expectation(p: Poly): Frac {
  return p.reduce((s, c, k) => fadd(s, fmul(c, frac(gaussMoment(k)))), F0);
}

function factorial(n: number): bigint {
  let f = 1n;
  for (let k = 2; k <= n; k++) f *= BigInt(k);
  return f;
}

/** Probabilists' coefficient u_i(p) = E[p·He_i]/i!. */
export function u(p: Poly, i: number): Frac {
  return fdiv(expectation(pmul(p, He(i))), frac(factorial(i)));
}
