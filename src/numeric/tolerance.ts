/**
 * Named tolerances for comparing floating-point numbers, in one place. A comparison that decides
 * a certified answer never uses these: they only merge points that are the same point to the
 * precision at which they were computed, or hide differences no reader could see.
 */

/** Abscissae closer than this, relative to max(1, |x|), are one point (kinks, level-set edges, roots). */
export const SAME_POINT = 1e-12;

/** Abscissae a root-finder located to about √ε: closer than this, relative to max(1, |x|), are one point. */
export const SAME_LOCATED_POINT = 1e-9;

/** Plot coordinates (exponents, α) closer than this are one vertex. */
export const SAME_VERTEX = 1e-12;

/** Displayed values closer than this print the same and need no second figure. */
export const SAME_DISPLAYED = 1e-9;

/**
 * |x − y| ≤ rel·max(1, |x|): equal up to a relative tolerance, absolute near 0.
 * @example closeTo(1, 1 + 1e-13, SAME_POINT) // true
 * @example closeTo(0, 1e-11, SAME_POINT) // false
 */
export function closeTo(x: number, y: number, rel: number): boolean {
  return Math.abs(x - y) <= rel * Math.max(1, Math.abs(x));
}

/**
 * y − x > rel·max(1, |y|): y lies beyond x by more than the tolerance (a new point after x).
 * @example beyond(1, 1 + 1e-13, SAME_POINT) // false
 */
export function beyond(x: number, y: number, rel: number): boolean {
  return y - x > rel * Math.max(1, Math.abs(y));
}
