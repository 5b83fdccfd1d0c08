/**
 * `Expr` → a numeric closure `(z) => σ(z)` built from the tree (no text is evaluated).
 * Domain errors surface as NaN (log of a negative number, sqrt of a negative number);
 * the domain check decides whether that happens on a set of positive measure.
 */
import type { Expr, FunctionName } from './tree.js';
import { erf, gelu, relu, sigmoid, silu, softplus, step } from '../numeric/special.js';
import { probabilistsHermite } from '../numeric/hermite.js';
import { exprToPolynomial } from './toPolynomial.js';
import { oraclePolynomial } from './toOraclePolynomial.js';
import type { Polynomial } from '../poly/polynomial.js';

export type RealFunction = (z: number) => number;

/** Mutable values of the oracle symbols y, η, d, read by a compiled ψ at each call. */
export interface SymbolCells {
  y: number;
  eta: number;
  d: number;
}

const UNARY: Record<Exclude<FunctionName, 'max' | 'min'>, (x: number) => number> = {
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: Math.log,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sinh: Math.sinh,
  cosh: Math.cosh,
  erf,
  abs: Math.abs,
  sign: Math.sign,
  relu,
  step,
  sigmoid,
  softplus,
  gelu,
  silu,
};

/** Compile the tree into a closure; a tree with symbols (an oracle ψ) reads them from `cells`. */
export function compileExpr(e: Expr, cells?: SymbolCells): RealFunction {
  const compile = (child: Expr) => compileExpr(child, cells);
  switch (e.kind) {
    case 'symbol': {
      if (!cells) throw new Error(`internal: the symbol ${e.name} has no value here`);
      const name = e.name;
      return () => cells[name];
    }
    case 'number': {
      const v = e.value.toNumber();
      return () => v;
    }
    case 'constant': {
      const v = e.name === 'pi' ? Math.PI : Math.E;
      return () => v;
    }
    case 'variable':
      return (z) => z;
    case 'neg': {
      const f = compile(e.arg);
      return (z) => -f(z);
    }
    case 'add': {
      const f = compile(e.left);
      const g = compile(e.right);
      return (z) => f(z) + g(z);
    }
    case 'sub': {
      const f = compile(e.left);
      const g = compile(e.right);
      return (z) => f(z) - g(z);
    }
    case 'mul': {
      const f = compile(e.left);
      const g = compile(e.right);
      return (z) => f(z) * g(z);
    }
    case 'div': {
      const f = compile(e.left);
      const g = compile(e.right);
      return (z) => f(z) / g(z);
    }
    case 'pow':
      return compilePow(compile(e.left), e.right, compile);
    case 'call': {
      if (e.fn === 'max' || e.fn === 'min') {
        const f = compile(e.args[0]!);
        const g = compile(e.args[1]!);
        return e.fn === 'max' ? (z) => Math.max(f(z), g(z)) : (z) => Math.min(f(z), g(z));
      }
      const op = UNARY[e.fn];
      const f = compile(e.args[0]!);
      return (z) => op(f(z));
    }
    case 'hermite':
      return compileHermite(e.degree, compile(e.arg));
  }
}

function compilePow(f: RealFunction, exponent: Expr, compileExpr: (e: Expr) => RealFunction): RealFunction {
  if (exponent.kind === 'number' && exponent.value.isInteger()) {
    const n = Number(exponent.value.num);
    if (n === 2)
      return (z) => {
        const v = f(z);
        return v * v;
      };
    if (n === 3)
      return (z) => {
        const v = f(z);
        return v * v * v;
      };
    return (z) => f(z) ** n;
  }
  const g = compileExpr(exponent);
  // Real power: a negative base with a non-integer exponent is undefined (NaN), as in R.
  return (z) => f(z) ** g(z);
}

function compileHermite(k: number, f: RealFunction): RealFunction {
  return (z) => probabilistsHermite(k, f(z));
}

/** Horner's rule on q (in a Float64Array: captured consts would cost a hole check and a Smi/HeapNumber check with a conversion per coefficient per call in optimised hot loops). */
function horner(q: Float64Array): RealFunction {
  switch (q.length) {
    case 0:
      return () => 0;
    case 1:
      return () => q[0]!;
    case 2:
      return (x) => q[0]! + x * q[1]!;
    case 3:
      return (x) => q[0]! + x * (q[1]! + x * q[2]!);
    case 4:
      return (x) => q[0]! + x * (q[1]! + x * (q[2]! + x * q[3]!));
    default: {
      const top = q.length - 1;
      return (x) => {
        let acc = q[top]!;
        for (let j = top - 1; j >= 0; j--) acc = acc * x + q[j]!;
        return acc;
      };
    }
  }
}

/**
 * For hot loops (the SGD verifier): a rational polynomial of degree ≤ 12 is evaluated by
 * Horner's rule on its float coefficients instead of walking the tree, in z² when it is even
 * (q(z²)) or odd (z·q(z²)) — He₃ = z·(−3 + z²) takes three multiplications and one addition;
 * anything else as `compileExpr`. Not for quadrature of high-degree polynomials (monomial-basis
 * cancellation).
 */
export function compileForSpeed(e: Expr, cells?: SymbolCells): RealFunction {
  const p = exprToPolynomial(e);
  if (!p || p.length > MAX_FAST_LENGTH) return compileExpr(e, cells);
  return polynomialForSpeed(p);
}

/** Coefficients (lowest degree first) above this length are left to the tree (the SIMD step's polynomial slots hold this many). */
export const MAX_FAST_LENGTH = 13;

/**
 * How a closure of compileForSpeed evaluates its polynomial: Horner's rule acc = q_j + x·acc
 * from the top on `coefficients`, with x = z (form 'plain') or x = z² (forms 'even': p(z) = h(z²),
 * and 'odd': p(z) = z·h(z²)). The SIMD chain step (src/sgd/simdChains.ts) repeats exactly these
 * operations.
 */
export interface FastPolynomial {
  readonly form: 'plain' | 'even' | 'odd';
  readonly coefficients: Float64Array;
}

const fastPolynomials = new WeakMap<RealFunction, FastPolynomial>();

/** The polynomial a closure of compileForSpeed evaluates, or undefined for any other closure. */
export function fastPolynomialOf(f: RealFunction): FastPolynomial | undefined {
  return fastPolynomials.get(f);
}

/** Horner's rule on the float coefficients of p, in z² when p is even (q(z²)) or odd (z·q(z²)). */
function polynomialForSpeed(p: Polynomial): RealFunction {
  const c = p.map((q) => q.toNumber());
  const zeroAt = (parity: number) => c.every((x, i) => i % 2 !== parity || x === 0);
  let f: RealFunction;
  let fast: FastPolynomial;
  if (c.length >= 3 && zeroAt(1)) {
    const q = Float64Array.from(c.filter((_, i) => i % 2 === 0));
    const h = horner(q);
    f = (z) => h(z * z);
    fast = { form: 'even', coefficients: q };
  } else if (c.length >= 3 && zeroAt(0)) {
    const q = Float64Array.from(c.filter((_, i) => i % 2 === 1));
    const h = horner(q);
    f = (z) => z * h(z * z);
    fast = { form: 'odd', coefficients: q };
  } else {
    const q = Float64Array.from(c);
    f = horner(q);
    fast = { form: 'plain', coefficients: q };
  }
  fastPolynomials.set(f, fast);
  return f;
}

/**
 * For hot loops: an oracle ψ(y, z) that is a rational polynomial in y and z (no η, d), of degree
 * ≤ 12 in z, as ψ = Σ_i y^i·q_i(z) by Horner's rule in y over the q_i of `compileForSpeed`
 * (y·q₁(z) when ψ is linear in y, as the online oracle y·σ'(z)); null otherwise (then
 * `compileExpr` with cells). ψ = y·(3z² − 3) takes three multiplications and one addition,
 * against six closure calls through the tree.
 * @example compileOracleForSpeed(parseLink('y*(3*z^2 - 3)', { symbols: ['y'] }))(2, 1) // 0
 * @example compileOracleForSpeed(parseLink('y^2 - z', { symbols: ['y'] }))(3, 1) // 8
 * @example compileOracleForSpeed(parseLink('eta*y*z', { symbols: ['y', 'eta'] })) // null
 */
export function compileOracleForSpeed(e: Expr): ((y: number, z: number) => number) | null {
  const psi = oraclePolynomial(e);
  if (!psi || psi.some((q) => q.length > MAX_FAST_LENGTH)) return null;
  const q = psi.map((c) => (c.length === 0 ? null : polynomialForSpeed(c)));
  let f: (y: number, z: number) => number;
  if (q.length === 0) f = () => 0;
  else if (q.length === 1) {
    const q0 = q[0]!;
    f = (_y, z) => q0(z);
  } else if (q.length === 2 && q[0] === null) {
    const q1 = q[1]!;
    f = (y, z) => y * q1(z);
  } else {
    f = (y, z) => {
      let acc = q[q.length - 1]!(z);
      for (let i = q.length - 2; i >= 0; i--) acc = q[i] === null ? acc * y : acc * y + q[i]!(z);
      return acc;
    };
  }
  fastOracles.set(
    f,
    q.map((t) => (t === null ? null : fastPolynomials.get(t)!)),
  );
  return f;
}

/**
 * How a closure of compileOracleForSpeed evaluates ψ(y, z) = Σ_i yⁱ·qᵢ(z): the terms qᵢ as
 * fastPolynomialOf describes them (null: absent), acc = q_{T−1}(z), then acc = acc·y (+ qᵢ(z))
 * for i = T−2..0; 0 for T = 0.
 */
export type FastOracle = readonly (FastPolynomial | null)[];

const fastOracles = new WeakMap<(y: number, z: number) => number, FastOracle>();

/** The terms a closure of compileOracleForSpeed evaluates, or undefined for any other closure. */
export function fastOracleOf(f: (y: number, z: number) => number): FastOracle | undefined {
  return fastOracles.get(f);
}
