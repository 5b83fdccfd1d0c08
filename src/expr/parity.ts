/**
 * Structural parity of σ under z → −z, from composition rules on the tree. An even link
 * has α_k = 0 for every odd k, an odd link for every even k: zeros certified by structure.
 */
import { isConstant, type Expr, type FunctionName } from './tree.js';
import { exprToPolynomial } from './toPolynomial.js';
import { polyIsEven, polyIsOdd, type Polynomial } from '../poly/polynomial.js';

/** The polynomial a subtree spells, or null (also when it is too large to expand). */
function polynomialOf(e: Expr): Polynomial | null {
  try {
    return exprToPolynomial(e);
  } catch {
    return null;
  }
}

export type Parity = 'even' | 'odd' | 'none';

const ODD_FUNCTIONS: ReadonlySet<FunctionName> = new Set(['sin', 'tanh', 'sinh', 'erf', 'sign']);
const EVEN_FUNCTIONS: ReadonlySet<FunctionName> = new Set(['cos', 'cosh', 'abs']);

function times(a: Parity, b: Parity): Parity {
  if (a === 'none' || b === 'none') return 'none';
  return a === b ? 'even' : 'odd';
}

/**
 * @example parityOf(parseLink('z*tanh(z)')) // 'even'
 */
export function parityOf(e: Expr): Parity {
  // a rational polynomial subtree: read its coefficients (z^4 − z^2 + 0·z, (z − 0)·(z + 0))
  const p = e.kind === 'number' || e.kind === 'variable' ? null : polynomialOf(e);
  if (p) return polyIsEven(p) ? 'even' : polyIsOdd(p) ? 'odd' : 'none';
  switch (e.kind) {
    case 'number':
    case 'constant':
      return 'even';
    case 'variable':
      return 'odd';
    case 'symbol':
      return 'none';
    case 'neg':
      return parityOf(e.arg);
    case 'add':
    case 'sub': {
      const a = parityOf(e.left);
      const b = parityOf(e.right);
      if (a === b) return a;
      if (isZeroNumber(e.left)) return b;
      if (isZeroNumber(e.right)) return a;
      return 'none';
    }
    case 'mul':
    case 'div':
      return times(parityOf(e.left), parityOf(e.right));
    case 'pow': {
      const base = parityOf(e.left);
      const ex = e.right;
      if (base === 'even') return parityOf(ex) === 'even' ? 'even' : 'none';
      if (ex.kind === 'number' && ex.value.isInteger() && base === 'odd') {
        return ex.value.num % 2n === 0n ? 'even' : 'odd';
      }
      return 'none';
    }
    case 'call': {
      const args = e.args.map(parityOf);
      if (args.every((p) => p === 'even')) return 'even';
      if (args.length !== 1) return 'none';
      const a = args[0]!;
      if (ODD_FUNCTIONS.has(e.fn)) return a;
      if (EVEN_FUNCTIONS.has(e.fn)) return a === 'none' ? 'none' : 'even';
      return 'none';
    }
    case 'hermite': {
      const a = parityOf(e.arg);
      if (a === 'even') return 'even';
      if (a === 'none') return 'none';
      return e.degree % 2 === 0 ? 'even' : 'odd';
    }
  }
}

function isZeroNumber(e: Expr): boolean {
  return e.kind === 'number' && e.value.isZero();
}

/**
 * Parity of σ minus an affine function a + b·z: certifies α_k = 0 for k ≥ 2 of the wrong
 * parity. sigmoid(az) − 1/2 and step(az) − 1/2 are odd; relu(az) − az/2 = |az|/2,
 * softplus(az) − az/2, gelu(az) − az/2 and silu(az) − az/2 are even.
 * @example parityModuloAffine(parseLink('sigmoid(z)')) // 'odd'
 */
export function parityModuloAffine(e: Expr): Parity | 'affine' {
  if (isAffine(e)) return 'affine';
  switch (e.kind) {
    case 'neg':
      return parityModuloAffine(e.arg);
    case 'add':
    case 'sub': {
      const a = parityModuloAffine(e.left);
      const b = parityModuloAffine(e.right);
      if (a === 'affine') return b;
      if (b === 'affine') return a;
      return a === b ? a : 'none';
    }
    case 'mul':
      if (isConstant(e.left)) return parityModuloAffine(e.right);
      if (isConstant(e.right)) return parityModuloAffine(e.left);
      return parityOf(e);
    case 'div':
      return isConstant(e.right) ? parityModuloAffine(e.left) : parityOf(e);
    case 'call': {
      const arg = e.args[0];
      if (e.args.length === 1 && arg && isLinear(arg)) {
        if (e.fn === 'sigmoid' || e.fn === 'step') return 'odd';
        if (e.fn === 'relu' || e.fn === 'softplus' || e.fn === 'gelu' || e.fn === 'silu') return 'even';
      }
      return parityOf(e);
    }
    default:
      return parityOf(e);
  }
}

/** b·z with b constant. */
function isLinear(e: Expr): boolean {
  switch (e.kind) {
    case 'variable':
      return true;
    case 'neg':
      return isLinear(e.arg);
    case 'mul':
      return (isConstant(e.left) && isLinear(e.right)) || (isConstant(e.right) && isLinear(e.left));
    case 'div':
      return isConstant(e.right) && isLinear(e.left);
    default:
      return false;
  }
}

/** a + b·z with a, b constant. */
function isAffine(e: Expr): boolean {
  if (isConstant(e) || isLinear(e)) return true;
  if (e.kind === 'add' || e.kind === 'sub') return isAffine(e.left) && isAffine(e.right);
  if (e.kind === 'neg') return isAffine(e.arg);
  return false;
}
