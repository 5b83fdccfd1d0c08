/**
 * Exact rational numbers num/den over BigInt, always reduced with den > 0.
 *
 * Errors: TypeError for non-integer / unsafe-integer number inputs,
 * RangeError for division by zero and non-finite inputs,
 * SyntaxError for malformed decimal strings.
 */

import { ratioMantExp, ldexp } from './float.js';
import { gcd } from './gcd.js';

export { gcd, lcm } from './gcd.js';
export { factorial, doubleFactorial, binomial } from './combinatorics.js';

const TWO_53 = 2n ** 53n;

function toBigInt(x: bigint | number, what: string): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new TypeError(`${what}: ${x} is not a safe integer`);
  return BigInt(x);
}

/** Largest |exponent| accepted by fromDecimalString (guards against 1e999999999). */
const MAX_DECIMAL_EXPONENT = 100_000;

const DECIMAL = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO: Rational = new Rational(0n, 1n);
  static readonly ONE: Rational = new Rational(1n, 1n);

  /** n/d reduced. Numbers must be safe integers (TypeError otherwise); d = 0 is a RangeError. */
  static of(n: bigint | number, d: bigint | number = 1n): Rational {
    const nn = toBigInt(n, 'Rational.of');
    const dd = toBigInt(d, 'Rational.of');
    if (dd === 0n) throw new RangeError('Rational.of: zero denominator');
    return Rational.reduce(nn, dd);
  }

  /**
   * num/den taken as already reduced. The caller guarantees den > 0 and gcd(num, den) = 1
   * (used by bulk routines that reduce more cleverly than one gcd per number).
   */
  static unsafeReduced(num: bigint, den: bigint): Rational {
    return new Rational(num, den);
  }

  private static reduce(n: bigint, d: bigint): Rational {
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (n === 0n) return Rational.ZERO;
    if (d === 1n) return new Rational(n, 1n);
    const g = gcd(n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /**
   * Exact value of "p/q" (integers, q > 0) or of a decimal literal — the form `toString` writes
   * and users type: "1/3", "-3/4", "0.1", "2.5e-3". Anything else is a SyntaxError.
   */
  static parse(s: string): Rational {
    const fraction = /^\s*([+-]?\d+)\s*\/\s*(\d+)\s*$/.exec(s);
    if (fraction) return Rational.of(BigInt(fraction[1]!), BigInt(fraction[2]!));
    return Rational.fromDecimalString(s.trim());
  }

  /**
   * Exact value of a decimal literal: "0.1" → 1/10, "-2.5", "1e-3", "2.5E+4", "3", ".5", "+3", "3.".
   * Anything else (spaces, hex, "Infinity", empty) is a SyntaxError; |exponent| > 100000 is a RangeError.
   */
  static fromDecimalString(s: string): Rational {
    const m = DECIMAL.exec(s);
    if (m === null) throw new SyntaxError(`not a decimal number: ${JSON.stringify(s)}`);
    const [, sign, intPart, fracA, fracB, expPart] = m;
    const frac = fracA ?? fracB ?? '';
    const digits = (intPart ?? '') + frac;
    const exp = (expPart === undefined ? 0 : Number(expPart)) - frac.length;
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_DECIMAL_EXPONENT) {
      throw new RangeError(`decimal exponent out of range: ${JSON.stringify(s)}`);
    }
    let n = BigInt(digits === '' ? '0' : digits);
    if (sign === '-') n = -n;
    return exp >= 0 ? Rational.reduce(n * 10n ** BigInt(exp), 1n) : Rational.reduce(n, 10n ** BigInt(-exp));
  }

  /** The exact binary value of a finite double (0.1 → 3602879701896397/36028797018963968). */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`Rational.fromNumber: ${x} is not finite`);
    if (Number.isSafeInteger(x)) return x === 0 ? Rational.ZERO : new Rational(BigInt(x), 1n);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const negative = bits >> 63n === 1n;
    const biased = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & 0xfffffffffffffn;
    let mant = biased === 0 ? fraction : fraction | (1n << 52n);
    let e = biased === 0 ? -1074 : biased - 1075;
    if (mant === 0n) return Rational.ZERO;
    while ((mant & 1n) === 0n) {
      mant >>= 1n;
      e += 1;
    }
    if (negative) mant = -mant;
    return e >= 0 ? new Rational(mant << BigInt(e), 1n) : new Rational(mant, 1n << BigInt(-e));
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.reduce(this.num + o.num, this.den);
    const g = gcd(this.den, o.den);
    if (g === 1n) return new Rational(this.num * o.den + o.num * this.den, this.den * o.den);
    // Knuth's trick: keep the gcds small.
    const t = this.num * (o.den / g) + o.num * (this.den / g);
    if (t === 0n) return Rational.ZERO;
    const g2 = gcd(t, g);
    return new Rational(t / g2, (this.den / g) * (o.den / g2));
  }

  sub(o: Rational): Rational {
    return this.add(o.neg());
  }

  mul(o: Rational): Rational {
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    const g1 = gcd(this.num, o.den);
    const g2 = gcd(o.num, this.den);
    return new Rational((this.num / g1) * (o.num / g2), (this.den / g2) * (o.den / g1));
  }

  /** this / o; RangeError when o = 0. */
  div(o: Rational): Rational {
    return this.mul(o.inv());
  }

  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }

  abs(): Rational {
    return this.num < 0n ? new Rational(-this.num, this.den) : this;
  }

  /** 1/this; RangeError when this = 0. */
  inv(): Rational {
    if (this.num === 0n) throw new RangeError('Rational: division by zero');
    return this.num < 0n ? new Rational(-this.den, -this.num) : new Rational(this.den, this.num);
  }

  /** this^n for an integer n (negative allowed unless this = 0); 0^0 = 1. */
  pow(n: number): Rational {
    if (!Number.isSafeInteger(n)) throw new TypeError(`Rational.pow: exponent ${n} is not an integer`);
    if (n < 0) return this.inv().pow(-n);
    if (n === 0) return Rational.ONE;
    const e = BigInt(n);
    return new Rational(this.num ** e, this.den ** e);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  sign(): -1 | 0 | 1 {
    return this.num > 0n ? 1 : this.num < 0n ? -1 : 0;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /**
   * Nearest double (correctly rounded in the normal range, whatever the size of num and den;
   * ±Infinity only when the true value exceeds the double range; results in the subnormal
   * range may be off by one subnormal ulp).
   */
  toNumber(): number {
    const n = this.num;
    const d = this.den;
    if (n === 0n) return 0;
    if (d < TWO_53 && n < TWO_53 && n > -TWO_53) return Number(n) / Number(d);
    const { m, e } = ratioMantExp(n < 0n ? -n : n, d);
    return ldexp(n < 0n ? -m : m, e);
  }

  /** "3", "-3/4". */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** "3", "-\frac{3}{4}". */
  toTex(): string {
    if (this.den === 1n) return this.num.toString();
    const sign = this.num < 0n ? '-' : '';
    const a = this.num < 0n ? -this.num : this.num;
    return `${sign}\\frac{${a}}{${this.den}}`;
  }
}
