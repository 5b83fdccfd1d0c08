/**
 * e^s and π^{h/2} as mantissa·2^exponent, accurate to a few ulps for exact rational s and
 * integer h of any reasonable size (no overflow: e^{-800}, π^{1000} are fine).
 *
 * Cody–Waite reduction with the first step in exact rational arithmetic:
 * x = n·ln2 + r, r = (x_hi − n·LN2_HI) exactly, then − n·LN2_LO + x_lo in doubles, and
 * e^x = 2^n·e^r with |r| ≲ ln2/2. Here x_hi is exact (s itself, or (h/2)·LNPI_HI) and x_lo a
 * tiny correction ((h/2)·LNPI_LO), so no error proportional to |x| enters.
 */

import { type MantExp, frexp } from './float.js';
import { Rational } from './rational.js';

/** ln 2 = LN2_HI + LN2_LO (fdlibm split: LN2_HI has 20 trailing zero bits). */
const LN2_HI = Rational.fromNumber(0.6931471803691238);
const LN2_LO = 1.9082149292705877e-10;
/** ln π = LNPI_HI + LNPI_LO (to ~1e-33). */
const LNPI_HI = Rational.fromNumber(1.1447298858494002);
const LNPI_LO = 1.0265951162707826e-17;

/** e^{xHi + xLo} for an exact rational xHi and a small double correction xLo. */
function expSplit(xHi: Rational, xLo: number): MantExp {
  const approx = xHi.toNumber() + xLo;
  // Far outside the double range whatever the other factors: a token exponent that ldexp saturates.
  if (!(Math.abs(approx) <= 2 ** 50)) return { m: 1, e: approx > 0 ? 2 ** 60 : -(2 ** 60) };
  const n = Math.round(approx / Math.LN2);
  const r = xHi.sub(LN2_HI.mul(Rational.of(n))).toNumber() - n * LN2_LO + xLo;
  const f = frexp(Math.exp(r));
  return { m: f.m, e: f.e + n };
}

/** e^s = m·2^e. */
export function expMantExp(s: Rational): MantExp {
  return expSplit(s, 0);
}

/** π^{h/2} = m·2^e for an integer h. */
export function piPowerMantExp(h: number): MantExp {
  const half = Rational.of(h, 2);
  return expSplit(half.mul(LNPI_HI), (h / 2) * LNPI_LO);
}
