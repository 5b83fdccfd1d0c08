/**
 * The limits on what sindex accepts, in one place (README "Limits" states them). An input beyond
 * one of them is refused with a message that names it — never a crash, a hang or a silent
 * Infinity.
 */

import { OutOfRangeError } from './errors.js';
import { Rational } from './exact/rational.js';

/** Longest accepted expression, in characters. */
export const MAX_INPUT_LENGTH = 10_000;
/** Deepest nesting of parentheses. */
export const MAX_PAREN_DEPTH = 100;
/** Deepest expression tree after long sums and products are balanced. */
export const MAX_TREE_DEPTH = 200;
/** Longest run of unary signs (`- - z`). */
export const MAX_UNARY_RUN = 8;
/** Most significant digits in one number. */
export const MAX_DIGITS = 300;
/** Nonzero numbers must lie in [MIN_MAGNITUDE, MAX_MAGNITUDE] in absolute value (doubles reach ~1.8e308). */
export const MAX_MAGNITUDE_EXPONENT = 300;
/** Longest excerpt of user text quoted in a message. */
export const MAX_QUOTED = 80;

/** A short excerpt of user text for a message: the start, or a window around `position`. */
export function excerpt(text: string, position: number | null = null): string {
  const flat = text.replace(/[\t\n\r]/g, ' ');
  if (flat.length <= MAX_QUOTED) return flat;
  if (position === null || position < MAX_QUOTED - 10) return `${flat.slice(0, MAX_QUOTED - 1)}…`;
  const start = Math.max(0, position - Math.floor(MAX_QUOTED / 2));
  const end = Math.min(flat.length, start + MAX_QUOTED - 2);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

/** ⌊log10 |n/d|⌋ within ±1, from bit lengths (no division of huge integers). */
export function decimalExponent(num: bigint, den: bigint): number {
  const bits = (x: bigint) => (x < 0n ? -x : x).toString(2).length;
  return Math.floor((bits(num) - bits(den)) * 0.3010299956639812);
}

/** Null when the rational's magnitude is inside the limits, else a sentence saying how far out it is. */
export function magnitudeProblem(num: bigint, den: bigint): string | null {
  if (num === 0n) return null;
  const e = decimalExponent(num, den);
  if (e > MAX_MAGNITUDE_EXPONENT) return `its magnitude is about 1e${e}, above the limit 1e${MAX_MAGNITUDE_EXPONENT}`;
  if (e < -MAX_MAGNITUDE_EXPONENT) return `its magnitude is about 1e${e}, below the limit 1e-${MAX_MAGNITUDE_EXPONENT} (write 0 for zero)`;
  return null;
}

/**
 * An exact rational from the text of a value ("0.1", "-2.5e-3", "1/3"), within the digit and
 * magnitude limits; `what` names the value in the message (a flag such as `--noise`).
 * @example checkedRational('--noise', '0.1').toString() // '1/10'
 * @example checkedRational('--noise', 'abc') // throws OutOfRangeError: --noise needs a number such as 0.1
 */
export function checkedRational(what: string, text: string): Rational {
  if (text.replace(/[^0-9]/g, '').length > MAX_DIGITS) throw new OutOfRangeError(`${what}: a number of more than ${MAX_DIGITS} digits`);
  let q: Rational;
  try {
    q = Rational.parse(text);
  } catch {
    throw new OutOfRangeError(`${what} needs a number such as 0.1, 2.5e-3 or 1/3, got '${excerpt(text)}'`);
  }
  const problem = magnitudeProblem(q.num, q.den);
  if (problem) throw new OutOfRangeError(`${what}: ${problem}`);
  return q;
}
