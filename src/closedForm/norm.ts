/**
 * Exact norms ‖σ‖² = E[σ²] = Σ_{i,j} c_i c_j E[A_i A_j] of closed forms σ = Σ c_i A_i, when
 * every pairwise product E[A_i A_j] has an ExactScalar value:
 *
 *  - atoms that are polynomial × Gaussian on half-lines (polynomials, exp(az), p·exp(az − sz²),
 *    sign, relu, |z|, step(z − b), relu(z − b)): the product of two such is again a sum of
 *    pieces P(z)e^{az−sz²}1{lo<z<hi}, integrated exactly by gaussianExpectation (half-line
 *    moments ∫_b^∞ zⁿφ = b^{n−1}φ(b) + (n−1)∫_b^∞ z^{n−2}φ, ∫_b^∞ φ = 1 − Φ(b), E[e^{cz}] = e^{c²/2});
 *    a Gaussian with s > 0 against a kink needs 1 + 2s to be a rational square, else null;
 *  - sin/cos pairs: sin(az)sin(bz) = (cos((a−b)z) − cos((a+b)z))/2, E[cos(cz)] = e^{−c²/2};
 *  - a polynomial p = Σ u_k He_k against any atom A: E[pA] = Σ_k u_k·c_k(A);
 *  - an odd product (by the parity of the two atoms) is 0.
 * Anything else (erf·erf involves arcsin, sin·exp involves cos(ab), erf·relu, …) makes the whole
 * norm null, and the caller keeps its quadrature.
 */
import { ExactScalar } from '../exact/scalar.js';
import { Rational } from '../exact/rational.js';
import { hermeFromMonomials } from '../poly/hermiteE.js';
import { polyIsEven, polyIsOdd, polyMul, type Polynomial } from '../poly/polynomial.js';
import { atomRawCoefficients, type Atom, type ClosedForm } from './families.js';
import { WHOLE_LINE, gaussianExpectation, type Interval } from './gaussianIntegrals.js';

/** Most terms of a closed form whose norm is expanded pairwise. */
const MAX_NORM_TERMS = 64;

/** P(z)·e^{az − sz²} on an interval. */
interface Piece {
  readonly interval: Interval;
  readonly p: Polynomial;
  readonly a: Rational;
  readonly s: Rational;
}

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;
const MINUS_ONE = Rational.of(-1);
const negativeHalf: Interval = { lo: null, hi: ZERO };
const positiveHalf: Interval = { lo: ZERO, hi: null };

function piecewisePolynomial(pieces: readonly [Interval, Polynomial][]): Piece[] {
  return pieces.map(([interval, p]) => ({ interval, p, a: ZERO, s: ZERO }));
}

/** The atom as a sum of pieces, or null for sin, cos, erf. */
function piecesOf(atom: Atom): Piece[] | null {
  switch (atom.family) {
    case 'polynomial':
      return [{ interval: WHOLE_LINE, p: atom.polynomial, a: ZERO, s: ZERO }];
    case 'exp':
      return [{ interval: WHOLE_LINE, p: [ONE], a: atom.scale, s: ZERO }];
    case 'gaussian':
      return [{ interval: WHOLE_LINE, p: atom.polynomial, a: atom.linear, s: atom.quadratic }];
    case 'sign':
      return piecewisePolynomial([
        [negativeHalf, [MINUS_ONE]],
        [positiveHalf, [ONE]],
      ]);
    case 'relu':
      return piecewisePolynomial([[positiveHalf, [ZERO, ONE]]]);
    case 'abs':
      return piecewisePolynomial([
        [negativeHalf, [ZERO, MINUS_ONE]],
        [positiveHalf, [ZERO, ONE]],
      ]);
    case 'stepAt':
      return piecewisePolynomial([[{ lo: atom.at, hi: null }, [ONE]]]);
    case 'reluAt':
      return piecewisePolynomial([[{ lo: atom.at, hi: null }, [atom.at.neg(), ONE]]]);
    case 'sin':
    case 'cos':
    case 'erf':
      return null;
  }
}

const maxEnd = (x: Rational | null, y: Rational | null): Rational | null => (x === null ? y : y === null ? x : x.compare(y) >= 0 ? x : y);
const minEnd = (x: Rational | null, y: Rational | null): Rational | null => (x === null ? y : y === null ? x : x.compare(y) <= 0 ? x : y);

/** E[Σ pieces(x) · Σ pieces(y)], or null when one product is not representable. */
function piecesInnerProduct(x: readonly Piece[], y: readonly Piece[]): ExactScalar | null {
  let sum = ExactScalar.zero();
  for (const u of x) {
    for (const v of y) {
      const interval: Interval = { lo: maxEnd(u.interval.lo, v.interval.lo), hi: minEnd(u.interval.hi, v.interval.hi) };
      const value = gaussianExpectation(polyMul(u.p, v.p), u.a.add(v.a), u.s.add(v.s), interval);
      if (value === null) return null;
      sum = sum.add(value);
    }
  }
  return sum;
}

type Parity = 'even' | 'odd' | 'none';

function parityOfAtom(atom: Atom): Parity {
  switch (atom.family) {
    case 'polynomial':
      return polyIsEven(atom.polynomial) ? 'even' : polyIsOdd(atom.polynomial) ? 'odd' : 'none';
    case 'gaussian':
      if (!atom.linear.isZero()) return 'none';
      return polyIsEven(atom.polynomial) ? 'even' : polyIsOdd(atom.polynomial) ? 'odd' : 'none';
    case 'exp':
      return atom.scale.isZero() ? 'even' : 'none';
    case 'sin':
    case 'erf':
    case 'sign':
      return 'odd';
    case 'cos':
    case 'abs':
      return 'even';
    case 'relu':
    case 'stepAt':
    case 'reluAt':
      return 'none';
  }
}

/** e^{−c²/2} = E[cos(cz)]. */
const cosMean = (c: Rational): ExactScalar => ExactScalar.expRational(c.mul(c).div(Rational.of(-2)));

/** E[A·B] for two atoms, exactly, or null. */
export function atomInnerProduct(x: Atom, y: Atom): ExactScalar | null {
  const [parityX, parityY] = [parityOfAtom(x), parityOfAtom(y)];
  if (parityX !== 'none' && parityY !== 'none' && parityX !== parityY) return ExactScalar.zero();
  const px = piecesOf(x);
  const py = px && piecesOf(y);
  if (px && py) return piecesInnerProduct(px, py);
  if ((x.family === 'sin' || x.family === 'cos') && (y.family === 'sin' || y.family === 'cos')) {
    // sin·sin = (cos((a−b)z) − cos((a+b)z))/2, cos·cos = (cos((a−b)z) + cos((a+b)z))/2; sin·cos is odd (above)
    const difference = cosMean(x.scale.sub(y.scale));
    const sum = cosMean(x.scale.add(y.scale));
    return (x.family === 'sin' ? difference.sub(sum) : difference.add(sum)).scale(Rational.of(1, 2));
  }
  if (x.family === 'polynomial' || y.family === 'polynomial') {
    const [p, other] = x.family === 'polynomial' ? [x.polynomial, y] : [(y as { polynomial: Polynomial }).polynomial, x];
    // E[p·A] = Σ_k u_k·E[He_k·A] = Σ_k u_k c_k(A)
    const u = hermeFromMonomials(p);
    if (u.length === 0) return ExactScalar.zero();
    const c = atomRawCoefficients(other, u.length - 1);
    let sum = ExactScalar.zero();
    u.forEach((uk, k) => {
      if (!uk.isZero()) sum = sum.add(c[k]!.scale(uk));
    });
    return sum;
  }
  return null;
}

/**
 * ‖σ‖² = E[σ²] exactly, or null when some pair of atoms has no ExactScalar inner product
 * (or the form has more than 64 terms).
 * @example closedFormNormSquared(closedFormOf(parseLink('relu(z)')))?.toString() // '1/2'
 */
export function closedFormNormSquared(form: ClosedForm): ExactScalar | null {
  if (form.length > MAX_NORM_TERMS) return null;
  let total = ExactScalar.zero();
  for (let i = 0; i < form.length; i++) {
    for (let j = i; j < form.length; j++) {
      const inner = atomInnerProduct(form[i]!.atom, form[j]!.atom);
      if (inner === null) return null;
      if (inner.isZero()) continue;
      const weight = form[i]!.coefficient.mul(form[j]!.coefficient).mul(inner);
      total = total.add(i === j ? weight : weight.scale(Rational.of(2)));
    }
  }
  return total;
}
