/**
 * Exact integer combinatorics: n!, n!! and C(n, k) as BigInt.
 * Factorials and double factorials are memoised (tables grow on demand).
 */

function checkIndex(n: number, min: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new TypeError(`${what}: expected an integer, got ${n}`);
  if (n < min) throw new RangeError(`${what}: expected an integer ≥ ${min}, got ${n}`);
}

const factorials: bigint[] = [1n];

/** n! for integer n ≥ 0. */
export function factorial(n: number): bigint {
  checkIndex(n, 0, 'factorial');
  for (let k = factorials.length; k <= n; k++) factorials.push((factorials[k - 1] as bigint) * BigInt(k));
  return factorials[n] as bigint;
}

/** Index shift: doubleFactorials[n + 1] = n!!, so (−1)!! = 1 sits at index 0. */
const doubleFactorials: bigint[] = [1n, 1n];

/** n!! = n·(n−2)·(n−4)··· for integer n ≥ −1, with (−1)!! = 0!! = 1. So E[z^{2m}] = (2m−1)!! for z ~ N(0,1). */
export function doubleFactorial(n: number): bigint {
  checkIndex(n, -1, 'doubleFactorial');
  for (let k = doubleFactorials.length - 1; k <= n; k++) {
    doubleFactorials.push((doubleFactorials[k - 1] as bigint) * BigInt(k));
  }
  return doubleFactorials[n + 1] as bigint;
}

/** Binomial coefficient C(n, k) for integers n ≥ 0; 0 when k < 0 or k > n. */
export function binomial(n: number, k: number): bigint {
  checkIndex(n, 0, 'binomial');
  if (!Number.isSafeInteger(k)) throw new TypeError(`binomial: expected an integer, got ${k}`);
  if (k < 0 || k > n) return 0n;
  if (k > n - k) k = n - k;
  let c = 1n;
  // c = C(n − k + i, i) after step i; each division is exact.
  for (let i = 1; i <= k; i++) c = (c * BigInt(n - k + i)) / BigInt(i);
  return c;
}
