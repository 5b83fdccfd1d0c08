/**
 * Structural zeros beyond parity (docs/theory.md §3.4).
 *
 * Since He_k(z)φ(z) = −(He_{k−1}(z)φ(z))′, the function u_k(z) = He_{k−1}(z)·e^{−z²/2} has
 * u_k(±∞) = 0 and, for every Borel set B,
 *     E[He_k(z)·1{u_k(z) ∈ B}] = −(2π)^{−1/2}∫ 1_B(u_k(z))·u_k′(z) dz = 0
 * (the signed integral of 1_B(u) du along a path from u = 0 back to u = 0). Hence
 * E[He_k(z) | u_k(z)] = 0, and for any label that is a function of u_k — y = T(u_k(z)), with or
 * without independent label noise — ζ_k(y) = E[h_k(z) | y] = 0: λ_k = 0, α_k(σ) = 0 and
 * α_k(E[y^i | z]) = 0 for every i. Example: z²e^{−z²} = 2π·(zφ(z))² is a function of u_2, so
 * λ_2 = 0 although the link is not odd; (z³ − 3z)e^{−z²/2} = u_4 has λ_4 = 0.
 *
 * Recognised in the tree: a subtree c·He_j(z)^n·e^{−n z²/2} (any nonzero constant c, integer
 * n ≥ 1) is a function of u_{j+1}; constants are functions of anything; any other node is a
 * function of u_k when all its children are.
 */
import { Rational } from '../exact/rational.js';
import { hermePolynomial } from '../poly/hermiteE.js';
import { polyDegree, polyEquals, polyMul, polyPow, polyScale, type Polynomial } from '../poly/polynomial.js';
import { exprToPolynomial } from '../expr/toPolynomial.js';
import { isConstant, type Expr } from '../expr/tree.js';

/** σ = (constant)·poly(z)·e^{−s z²}. */
interface GaussianMonomial {
  readonly poly: Polynomial;
  readonly s: Rational;
}

/** Largest power n of exponents searched (He_j^n with n ≤ this). */
const MAX_POWER = 64;

function gaussianMonomial(e: Expr): GaussianMonomial | null {
  const p = exprToPolynomial(e);
  if (p) return { poly: p, s: Rational.ZERO };
  switch (e.kind) {
    case 'neg':
      return gaussianMonomial(e.arg);
    case 'mul': {
      if (isConstant(e.left)) return gaussianMonomial(e.right);
      if (isConstant(e.right)) return gaussianMonomial(e.left);
      const a = gaussianMonomial(e.left);
      const b = a && gaussianMonomial(e.right);
      return a && b ? { poly: polyMul(a.poly, b.poly), s: a.s.add(b.s) } : null;
    }
    case 'div': {
      if (!isConstant(e.right)) return null;
      return gaussianMonomial(e.left);
    }
    case 'pow': {
      if (e.right.kind !== 'number' || !e.right.value.isInteger() || e.right.value.sign() <= 0) return null;
      const n = Number(e.right.value.num);
      if (n > MAX_POWER) return null;
      const a = gaussianMonomial(e.left);
      return a ? { poly: polyPow(a.poly, n), s: a.s.mul(Rational.of(n)) } : null;
    }
    case 'call': {
      if (e.fn !== 'exp') return null;
      // exp(c − s·z²): a polynomial argument of degree ≤ 2 with no linear term
      const q = exprToPolynomial(e.args[0]!);
      if (!q || polyDegree(q) > 2 || !(q[1] ?? Rational.ZERO).isZero()) return null;
      return { poly: [Rational.ONE], s: (q[2] ?? Rational.ZERO).neg() };
    }
    default:
      return null;
  }
}

/** The k with σ = c·u_k^n for the monomial, or null. */
function hermiteAntiderivativeIndex(m: GaussianMonomial): number | null {
  // s = n/2 for an integer n ≥ 1, and poly ∝ He_j^n
  const twice = m.s.mul(Rational.of(2));
  if (!twice.isInteger() || twice.sign() <= 0) return null;
  const n = Number(twice.num);
  if (n > MAX_POWER) return null;
  const degree = polyDegree(m.poly);
  if (degree < 0 || degree % n !== 0) return null;
  const j = degree / n;
  const target = polyPow(hermePolynomial(j), n);
  const lead = m.poly[degree]!;
  return polyEquals(m.poly, polyScale(target, lead)) ? j + 1 : null;
}

/** The set of k ≥ 1 for which σ is a function of u_k = He_{k−1}(z)e^{−z²/2}; 'all' for a constant. */
function functionOf(e: Expr): Set<number> | 'all' {
  if (isConstant(e)) return 'all';
  const m = gaussianMonomial(e);
  if (m) {
    const k = hermiteAntiderivativeIndex(m);
    if (k !== null) return new Set([k]);
  }
  const children: Expr[] = [];
  switch (e.kind) {
    case 'number':
    case 'constant':
    case 'variable':
    case 'symbol':
      return new Set();
    case 'neg':
      children.push(e.arg);
      break;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'pow':
      children.push(e.left, e.right);
      break;
    case 'call':
      children.push(...e.args);
      break;
    case 'hermite':
      children.push(e.arg);
      break;
  }
  const sets = children.map(functionOf).filter((s): s is Set<number> => s !== 'all');
  if (sets.length === 0) return new Set();
  return sets.reduce((acc, s) => new Set([...acc].filter((k) => s.has(k))));
}

/**
 * Indices k ≥ 1 for which the link is a function of He_{k−1}(z)·e^{−z²/2}, so that λ_k = 0 and
 * α_k = 0 (with or without label noise).
 * @example structuralZeros(parseLink('2*z^2*exp(-z^2) - 1')) // [2]
 * @example structuralZeros(parseLink('(z^3 - 3*z)*exp(-z^2/2)')) // [4]
 */
export function structuralZeros(sigma: Expr): number[] {
  const s = functionOf(sigma);
  return s === 'all' ? [] : [...s].sort((a, b) => a - b);
}

/** The note that goes with a structural zero at k. */
export function structuralZeroNote(k: number): string {
  const u = k === 1 ? 'e^{−z²/2}' : k === 2 ? 'z·e^{−z²/2}' : `He_${k - 1}(z)·e^{−z²/2}`;
  return `σ is a function of ${u} = −(antiderivative of He_${k}φ)·√(2π), so E[He_${k}(z) | y] = 0 (docs/theory.md §3.4)`;
}
