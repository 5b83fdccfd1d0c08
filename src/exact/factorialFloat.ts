/**
 * k! in floating point without overflow: k! = m·2^e with m ∈ [1, 2].
 *
 * For k ≤ 2000 the pair is the correctly rounded value of the exact BigInt k!;
 * beyond, it is continued by a running product (relative error ≲ (k − 2000)·2^-53).
 * These give c_k/k!, c_k/√k!, α_k·√k! accurately for k in the thousands.
 */

import { factorial } from './combinatorics.js';
import { type MantExp, frexp, ldexp, ratioMantExp } from './float.js';

const EXACT_LIMIT = 2000;
const table: MantExp[] = [];

/** k! = m·2^e. */
export function factorialMantExp(k: number): MantExp {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`factorialMantExp: bad k ${k}`);
  for (let j = table.length; j <= k; j++) {
    if (j <= EXACT_LIMIT) {
      table.push(ratioMantExp(factorial(j), 1n));
    } else {
      const prev = table[j - 1] as MantExp;
      const f = frexp(prev.m * j);
      table.push({ m: f.m, e: f.e + prev.e });
    }
  }
  return table[k] as MantExp;
}

/** ln k! (absolute error ~1e-16·ln k!). */
export function logFactorial(k: number): number {
  const { m, e } = factorialMantExp(k);
  return Math.log(m) + e * Math.LN2;
}

/** x / k! as a double (0 or ±Infinity only when the true value is out of range). */
export function divideByFactorial(x: number, k: number): number {
  const { m, e } = factorialMantExp(k);
  return ldexp(x / m, -e);
}

/** x / √k! as a double. */
export function divideBySqrtFactorial(x: number, k: number): number {
  const { m, e } = sqrtFactorialMantExp(k);
  return ldexp(x / m, -e);
}

/** x · √k! as a double. */
export function multiplyBySqrtFactorial(x: number, k: number): number {
  const { m, e } = sqrtFactorialMantExp(k);
  return ldexp(x * m, e);
}

/** √k! = m·2^e with m ∈ [1, 2]. */
export function sqrtFactorialMantExp(k: number): MantExp {
  const { m, e } = factorialMantExp(k);
  // k! = m·2^e = (m·2^(e mod 2))·2^(2⌊e/2⌋)
  const odd = ((e % 2) + 2) % 2;
  return { m: Math.sqrt(m * 2 ** odd), e: (e - odd) / 2 };
}
