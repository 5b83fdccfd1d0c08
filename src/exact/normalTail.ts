/**
 * The standard normal upper tail Q(b) = 1 − Φ(b) = erfc(b/√2)/2 of an exact rational b > 0, as
 * mantissa·2^exponent, so that it neither underflows (Q(40) ≈ 4e-350) nor loses digits to
 * cancellation: for b/√2 ≥ 1, Q(b) = e^{−b²/2}·erfcx(b/√2)/2 with e^{−b²/2} from the exact
 * rational exponent −b²/2 (expMantExp) and erfcx(x) = e^{x²}erfc(x) from its continued fraction;
 * below, Q(b) = (1 − erf(b/√2))/2 ∈ (0.16, 1/2]. Relative error a few ulps.
 */

import { type MantExp, frexp } from './float.js';
import { Rational } from './rational.js';
import { expMantExp } from './transcendental.js';
import { erf, erfcContinuedFractionDenominator } from '../numeric/special.js';

const INV_SQRT_PI = 0.5641895835477563;

/** erfcx(x) = e^{x²}·erfc(x) = (1/√π)/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) for x ≥ 1. */
function erfcxContinuedFraction(x: number): number {
  return INV_SQRT_PI / erfcContinuedFractionDenominator(x, 2000);
}

/** Q(b) = 1 − Φ(b) for a rational b > 0, as m·2^e. */
export function normalUpperTailMantExp(b: Rational): MantExp {
  if (b.sign() <= 0) throw new RangeError(`normalUpperTailMantExp needs b > 0, got ${b}`);
  const x = b.toNumber() / Math.SQRT2;
  if (x < 1) return frexp(0.5 * (1 - erf(x)));
  const scaled = frexp(0.5 * erfcxContinuedFraction(x));
  const gauss = expMantExp(b.mul(b).div(Rational.of(-2)));
  return { m: scaled.m * gauss.m, e: scaled.e + gauss.e };
}
