/** How numbers are printed: full precision, error bound beside every non-exact value. */

/** A value with 15 significant digits, trailing zeros trimmed. */
export function formatValue(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const s = a >= 1e-4 && a < 1e15 ? x.toPrecision(15) : x.toExponential(14);
  return s.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
}

/** An error bound with two significant digits. */
export function formatError(e: number): string {
  return e === 0 ? '0' : e.toExponential(1);
}
