/** How numbers are printed: full precision or rounded with a bound that covers the rounding, error bounds rounded up. */
import { ratioMantExp } from '../exact/float.js';

/** A value with 15 significant digits, trailing zeros trimmed. */
export function formatValue(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return nonFinite(x);
  const a = Math.abs(x);
  const s = a >= 1e-4 && a < 1e15 ? x.toPrecision(15) : x.toExponential(14);
  return trimZeros(s);
}

/** What is printed for a number a double cannot hold: never "Infinity" or "NaN". */
function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'undefined' : x > 0 ? 'beyond double range' : '−(beyond double range)';
}

/**
 * x in exponential notation with `digits` decimals, or what formatValue says of a non-finite x.
 * @example formatExponential(12345, 2) // '1.23e+4'
 */
export function formatExponential(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toExponential(digits) : nonFinite(x);
}

function trimZeros(s: string): string {
  return s.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
}

/**
 * An error bound with two significant digits, rounded up (so the printed bound is still a bound).
 * @example formatError(1.21e-7) // '1.3e-7'
 */
export function formatError(e: number): string {
  if (e === 0) return '0';
  if (!Number.isFinite(e)) return 'unbounded';
  let exponent = Math.floor(Math.log10(e));
  let mantissa = Math.ceil(e / 10 ** (exponent - 1)); // two digits, 10..100 (and ≥ e after scaling back)
  if (mantissa >= 100) {
    mantissa = 10;
    exponent += 1;
  }
  return `${(mantissa / 10).toFixed(1)}e${exponent}`;
}

/**
 * x rounded to `digits` significant digits, with a bound on |shown − x_true| that covers both
 * `error` (the bound on |x − x_true|) and the rounding; the bound is 0 only when both are.
 * @example roundWithBound(0.60570549, 1e-16).value // '0.605705'
 */
export function roundWithBound(x: number, error: number, digits = 6): { value: string; bound: number } {
  if (!Number.isFinite(x)) return { value: nonFinite(x), bound: 0 };
  const shown = Number(x.toPrecision(digits));
  const rounding = Math.abs(shown - x);
  // the subtraction above is exact up to one ulp of x; add it so the bound stays a bound
  return { value: trimZeros(String(shown)), bound: error + (rounding > 0 ? rounding + Math.abs(x) * 2.3e-16 : 0) };
}

/** `value ± bound` from roundWithBound, or the value alone when the bound is 0. */
export function formatRounded(x: number, error: number, digits = 6): string {
  const r = roundWithBound(x, error, digits);
  return r.bound === 0 ? r.value : `${r.value} ± ${formatError(r.bound)}`;
}

/**
 * √(a/b) (or a/b) for positive integers of any size in scientific notation with `digits`
 * significant digits, without passing through a double (which would overflow to Infinity).
 * @example formatRatioScientific(10n ** 700n, 1n, true) // '1e+350'
 */
export function formatRatioScientific(a: bigint, b: bigint, sqrt: boolean, digits = 6): string {
  if (a === 0n) return '0';
  const negative = a < 0n !== b < 0n;
  const num = a < 0n ? -a : a;
  const den = b < 0n ? -b : b;
  const { m, e } = ratioMantExp(num, den);
  // log10 of the value, split into an integer exponent and a mantissa in [1, 10)
  const log10 = (Math.log10(m) + e * Math.LOG10E * Math.LN2) * (sqrt ? 0.5 : 1);
  let exponent = Math.floor(log10);
  let mantissa = Number((10 ** (log10 - exponent)).toPrecision(digits));
  if (mantissa >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  if (exponent >= -4 && exponent < 15) return `${negative ? '-' : ''}${trimZeros((mantissa * 10 ** exponent).toPrecision(digits))}`;
  return `${negative ? '-' : ''}${trimZeros(mantissa.toPrecision(digits))}e${exponent >= 0 ? '+' : ''}${exponent}`;
}
