/**
 * Square extraction for radicals: n = a²·r with r squarefree, and √k! via Legendre's formula.
 */

import { isqrt, primesUpTo } from './primes.js';

/** Trial division uses primes below this bound. */
export const TRIAL_DIVISION_BOUND = 65_536;

export interface SquareDecomposition {
  /** a with n = a²·r. */
  readonly outside: bigint;
  /** r, squarefree whenever `certified`. */
  readonly radicand: bigint;
  /**
   * True when r is proven squarefree. Trial division by all primes p < B = 2^16 leaves a cofactor
   * m whose prime factors exceed B; m is certified when it is 1, a perfect square (extracted), or
   * m < B³ (then m is p or p·q). Otherwise a repeated large prime p² | m could remain unnoticed:
   * the value a·√r is still exactly √n, only the canonical form (r squarefree) is not guaranteed.
   */
  readonly certified: boolean;
}

/** n = outside²·radicand for a bigint n ≥ 1. */
export function squarefreeDecomposition(n: bigint): SquareDecomposition {
  if (n < 1n) throw new RangeError('squarefreeDecomposition needs n ≥ 1');
  let m = n;
  let outside = 1n;
  let radicand = 1n;
  for (const p of primesUpTo(TRIAL_DIVISION_BOUND)) {
    const bp = BigInt(p);
    if (bp * bp > m) break;
    if (m % bp !== 0n) continue;
    let v = 0;
    do {
      m /= bp;
      v++;
    } while (m % bp === 0n);
    if (v >= 2) outside *= bp ** BigInt(v >> 1);
    if ((v & 1) === 1) radicand *= bp;
  }
  if (m === 1n) return { outside, radicand, certified: true };
  const B = BigInt(TRIAL_DIVISION_BOUND);
  if (m < B * B) return { outside, radicand: radicand * m, certified: true }; // m is a prime
  const s = isqrt(m);
  if (s * s === m) return { outside: outside * s, radicand, certified: true };
  return { outside, radicand: radicand * m, certified: m < B * B * B };
}

/**
 * √(k!) = outside·√radicand with radicand squarefree, from Legendre's formula
 * v_p(k!) = Σ_{i≥1} ⌊k/p^i⌋: outside = Π p^{⌊v_p/2⌋}, radicand = Π_{v_p odd} p.
 * Example: 8! = 2^7·3^2·5·7, so √(8!) = 24·√70.
 */
export function sqrtFactorialParts(k: number): { outside: bigint; radicand: bigint } {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`sqrtFactorialParts: bad k ${k}`);
  let outside = 1n;
  let radicand = 1n;
  for (const p of primesUpTo(k)) {
    let v = 0;
    for (let q = Math.floor(k / p); q > 0; q = Math.floor(q / p)) v += q;
    const bp = BigInt(p);
    if (v >= 2) outside *= bp ** BigInt(v >> 1);
    if ((v & 1) === 1) radicand *= bp;
  }
  return { outside, radicand };
}
