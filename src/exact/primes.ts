/** Small primes (sieve of Eratosthenes, memoised) and the integer square root. */

let sieveLimit = 1;
let primeList: number[] = [];

/** All primes p ≤ n, ascending. */
export function primesUpTo(n: number): readonly number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`primesUpTo: bad bound ${n}`);
  if (n > sieveLimit) {
    const limit = Math.max(n, 2 * sieveLimit);
    const composite = new Uint8Array(limit + 1);
    const found: number[] = [];
    for (let p = 2; p <= limit; p++) {
      if (composite[p] === 1) continue;
      found.push(p);
      for (let m = p * p; m <= limit; m += p) composite[m] = 1;
    }
    primeList = found;
    sieveLimit = limit;
  }
  if (n === sieveLimit) return primeList;
  let hi = primeList.length;
  while (hi > 0 && (primeList[hi - 1] as number) > n) hi--;
  return primeList.slice(0, hi);
}

/** ⌊√n⌋ for a bigint n ≥ 0 (Newton's iteration from above). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n ** 52n) {
    // double estimate, then corrected exactly (the rounded root can be off by one near squares)
    let s = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (s * s > n) s--;
    while ((s + 1n) * (s + 1n) <= n) s++;
    return s;
  }
  // Start above the root: 2^⌈bits/2⌉ > √n.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
