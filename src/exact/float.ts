/**
 * Floating-point views of exact integers: bit lengths, correctly rounded
 * mantissa/exponent pairs of big quotients, and power-of-two scaling.
 *
 * These are the only places where exact quantities become doubles; everything
 * is arranged so that no intermediate overflows or underflows when the final
 * value is representable.
 */

const TWO_53 = 2n ** 53n;

/** Number of bits of |n| (0 for n = 0): the least L with |n| < 2^L. */
export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n < TWO_53) {
    const x = Number(n);
    if (x < 2 ** 32) return 32 - Math.clz32(x);
    return 64 - Math.clz32(Math.floor(x / 2 ** 32));
  }
  const hex = n.toString(16);
  const lead = parseInt(hex[0] as string, 16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(lead));
}

/**
 * x·2^e without spurious intermediate overflow or underflow.
 * Exact whenever the result is a normal double; a result in the subnormal range
 * may suffer a double rounding (at most one extra subnormal ulp).
 */
export function ldexp(x: number, e: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  // For any finite nonzero double |x| ∈ [2^-1074, 2^1024), these clamps do not change the result.
  if (e > 3000) e = 3000;
  else if (e < -3000) e = -3000;
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  return x * 2 ** e;
}

/** A positive real written as m·2^e with m ∈ [1, 2] a double and e an integer. */
export interface MantExp {
  readonly m: number;
  readonly e: number;
}

/**
 * a/b for integers a, b > 0, as m·2^e with m ∈ [1, 2] the correctly rounded
 * (to nearest, 53 bits) mantissa. Works for operands of any size.
 */
export function ratioMantExp(a: bigint, b: bigint): MantExp {
  if (a <= 0n || b <= 0n) throw new RangeError('ratioMantExp needs positive integers');
  // Choose s so that q = ⌊a / (b·2^s)⌋ has 66 or 67 bits; the remainder becomes a sticky bit,
  // so Number(q) rounds exactly as the real quotient would.
  const s = bitLength(a) - bitLength(b) - 66;
  let q: bigint;
  let inexact: boolean;
  if (s >= 0) {
    const d = b << BigInt(s);
    q = a / d;
    inexact = q * d !== a;
  } else {
    const n = a << BigInt(-s);
    q = n / b;
    inexact = q * b !== n;
  }
  if (inexact) q |= 1n;
  const top = q >= 1n << 66n ? 66 : 65; // q ∈ [2^top, 2^(top+1))
  return { m: Number(q) / 2 ** top, e: s + top };
}

/** A positive finite double as m·2^e with m ∈ [1, 2). */
export function frexp(x: number): MantExp {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError('frexp needs a positive finite number');
  let e = Math.floor(Math.log2(x));
  if (e < -1022) {
    // subnormal: scale up first (exact)
    const inner = frexp(x * 2 ** 200);
    return { m: inner.m, e: inner.e - 200 };
  }
  let m = x / 2 ** e;
  while (m >= 2) {
    m /= 2;
    e += 1;
  }
  while (m < 1) {
    m *= 2;
    e -= 1;
  }
  return { m, e };
}

/** log2(a/b) for integers a, b > 0, to about 1e-16 absolute error. */
export function log2Ratio(a: bigint, b: bigint): number {
  const { m, e } = ratioMantExp(a, b);
  return e + Math.log2(m);
}
