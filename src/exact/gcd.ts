/**
 * Greatest common divisor of big integers (Lehmer's algorithm).
 *
 * Plain Euclid on BigInt is quadratic with a large constant; Lehmer's variant
 * (Knuth, TAOCP vol. 2, §4.5.2, Algorithm L) runs the Euclidean steps on the
 * leading ~50 bits in double arithmetic (exact: every intermediate stays below
 * 2^53) and applies the accumulated 2×2 cofactor matrix to the big numbers once
 * per ~25 bits of progress.
 */

import { bitLength } from './float.js';

const TWO_53 = 2n ** 53n;
const TWO_49 = 2 ** 49;

/** gcd(a, b) ≥ 0, with gcd(0, 0) = 0. */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  if (b >= TWO_53) {
    let s = Math.max(0, bitLength(a) - 50);
    while (b >= TWO_53) {
      // Leading digits x, y of a, b with a common shift s, x ∈ [2^49, 2^51).
      let x = Number(a >> BigInt(s));
      while (x < TWO_49 && s > 0) {
        s = Math.max(0, s - Math.max(1, 49 - Math.floor(Math.log2(x + 1))));
        x = Number(a >> BigInt(s));
      }
      let y = Number(b >> BigInt(s));
      let A = 1;
      let B = 0;
      let C = 0;
      let D = 1;
      for (;;) {
        if (y + C === 0 || y + D === 0) break;
        const q = Math.floor((x + A) / (y + C));
        if (q !== Math.floor((x + B) / (y + D))) break;
        let t = A - q * C;
        A = C;
        C = t;
        t = B - q * D;
        B = D;
        D = t;
        t = x - q * y;
        x = y;
        y = t;
      }
      if (B === 0) {
        const t = a % b;
        a = b;
        b = t;
      } else {
        const t = BigInt(A) * a + BigInt(B) * b;
        const w = BigInt(C) * a + BigInt(D) * b;
        a = t;
        b = w;
      }
    }
  }
  if (b === 0n) return a;
  if (a >= TWO_53) {
    const t = a % b;
    a = b;
    b = t;
  }
  let x = Number(a);
  let y = Number(b);
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return BigInt(x);
}

/** Least common multiple, lcm(a, b) ≥ 0 (0 if either is 0). */
export function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  const p = (a / gcd(a, b)) * b;
  return p < 0n ? -p : p;
}
