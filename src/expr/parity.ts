/**
 * Structural parity of σ under z → −z, from composition rules on the tree. An even link
 * has α_k = 0 for every odd k, an odd link for every even k: zeros certified by structure.
 */
import type { Expr, FunctionName } from './tree.js';

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
  switch (e.kind) {
    case 'number':
    case 'constant':
      return 'even';
    case 'variable':
      return 'odd';
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
