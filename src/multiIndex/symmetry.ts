/**
 * Symmetries of a multi-index link g(z1..zr) read off its tree (sound, not complete: 'none' or
 * false when unsure): its parity under a sign flip of a set of directions, and whether it sees a
 * direction only through that direction's sign. They certify zeros of Hermite coefficients and of
 * conditional Hermite moments (docs/theory.md §8).
 */
import type { Parity } from '../expr/parity.js';
import type { Expr } from '../expr/tree.js';
import { directionOf, directionsOf } from './variables.js';

const ODD_FUNCTIONS = new Set(['sin', 'tanh', 'sinh', 'erf', 'sign']);
const EVEN_FUNCTIONS = new Set(['cos', 'cosh', 'abs']);

/**
 * Parity of g under z_F ↦ −z_F (the directions in F flipped at once, the others unchanged), by
 * structural induction: zs is odd for s ∈ F and even otherwise, constants even, sums keep a common
 * parity, products multiply parities, odd functions (sin, tanh, sinh, erf, sign) keep it, even ones
 * (cos, cosh, abs) make it even, He_n of an odd argument has the parity of n.
 * @example flipParity(parseLink('z1*z2*z3', { variables: 'multi' }), new Set([1, 2])) // 'even'
 * @example flipParity(parseLink('tanh(z1 + He3(z2))', { variables: 'multi' }), new Set([1, 2])) // 'odd'
 */
export function flipParity(e: Expr, F: ReadonlySet<number>): Parity {
  const times = (a: Parity, b: Parity): Parity => (a === 'none' || b === 'none' ? 'none' : a === b ? 'even' : 'odd');
  const rec = (n: Expr): Parity => {
    switch (n.kind) {
      case 'number':
      case 'constant':
        return 'even';
      case 'variable':
        return 'none';
      case 'symbol': {
        const s = directionOf(n);
        return s === null ? 'none' : F.has(s) ? 'odd' : 'even';
      }
      case 'neg':
        return rec(n.arg);
      case 'add':
      case 'sub': {
        const a = rec(n.left);
        return a === rec(n.right) ? a : 'none';
      }
      case 'mul':
      case 'div':
        return times(rec(n.left), rec(n.right));
      case 'pow': {
        const base = rec(n.left);
        const exponent = rec(n.right);
        if (base === 'even' && exponent === 'even') return 'even';
        if (base === 'odd' && exponent === 'even' && n.right.kind === 'number' && n.right.value.isInteger())
          return n.right.value.num % 2n === 0n ? 'even' : 'odd';
        return 'none';
      }
      case 'hermite': {
        const a = rec(n.arg);
        if (a === 'even') return 'even';
        return a === 'odd' ? (n.degree % 2 === 0 ? 'even' : 'odd') : 'none';
      }
      case 'call': {
        const args = n.args.map(rec);
        if (args.every((p) => p === 'even')) return 'even';
        if (args.length === 1 && args[0] === 'odd') {
          if (ODD_FUNCTIONS.has(n.fn)) return 'odd';
          if (EVEN_FUNCTIONS.has(n.fn)) return 'even';
        }
        return 'none';
      }
    }
  };
  return rec(e);
}

/** True when n is zs or zs^(odd integer). */
function isOddPowerOf(n: Expr, s: number): boolean {
  if (directionOf(n) === s) return true;
  return (
    n.kind === 'pow' &&
    directionOf(n.left) === s &&
    n.right.kind === 'number' &&
    n.right.value.isInteger() &&
    n.right.value.num % 2n === 1n &&
    n.right.value.sign() > 0
  );
}

/** The factors of a product tree (through mul, div and neg). */
function productFactors(n: Expr): Expr[] {
  if (n.kind === 'mul' || n.kind === 'div') return [...productFactors(n.left), ...productFactors(n.right)];
  if (n.kind === 'neg') return productFactors(n.arg);
  return [n];
}

/**
 * True when g depends on z_s only through sign(z_s): every occurrence of z_s is inside sign(A) with A a
 * product whose one factor mentioning z_s is z_s or an odd power of it (sign(A) = sign(z_s)·sign(A/z_s…)).
 * @example signOnlyIn(parseLink('sign(z1*z2*z3)', { variables: 'multi' }), 2) // true
 * @example signOnlyIn(parseLink('sign(z1) + z1', { variables: 'multi' }), 1) // false
 */
export function signOnlyIn(e: Expr, s: number): boolean {
  const mentions = (n: Expr): boolean => directionsOf(n).includes(s);
  const rec = (n: Expr): boolean => {
    if (!mentions(n)) return true;
    if (n.kind === 'call' && n.fn === 'sign') {
      const factors = productFactors(n.args[0]!);
      const withS = factors.filter(mentions);
      return withS.length === 1 && isOddPowerOf(withS[0]!, s);
    }
    switch (n.kind) {
      case 'symbol':
        return false;
      case 'neg':
        return rec(n.arg);
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'pow':
        return rec(n.left) && rec(n.right);
      case 'hermite':
        return rec(n.arg);
      case 'call':
        return n.args.every(rec);
      default:
        return true;
    }
  };
  return rec(e);
}
