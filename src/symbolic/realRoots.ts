/**
 * The real roots of a polynomial over ℚ, exactly: the rational ones by the rational-root test, the
 * others as (defining polynomial, isolating interval with rational endpoints) from Sturm
 * sequences, and in radicals (p ± √q)/r when the defining polynomial is a quadratic.
 */
import { Rational } from '../exact/rational.js';
import { ExactScalar } from '../exact/scalar.js';
import { polyDegree, polyEvalRational, polyTrim, type Polynomial } from '../poly/polynomial.js';
import { approximateRoot, isolateRealRoots, type IsolatingInterval } from './sturm.js';
import { factorOverQ } from './factor.js';
import { polyMonic, rationalRoots, removeRationalRoots, squarefreePart } from './univariate.js';

/** One irrational real root: a root of `polynomial` (no rational roots, squarefree) inside `interval`. */
export interface AlgebraicRoot {
  /** Monic, squarefree, without rational roots; the minimal polynomial when its degree is 2 or 3. */
  readonly polynomial: readonly Rational[];
  readonly interval: IsolatingInterval;
  /** The root in radicals, e.g. '-sqrt(2)' or '1/2 + 1/2*sqrt(5)' (quadratics only), else null. */
  readonly radical: string | null;
  /** The same in LaTeX, '-\\sqrt{2}', or null. */
  readonly radicalTex: string | null;
  /**
   * Whether `polynomial` is the minimal polynomial: 'proven' (degree 2–3 without rational roots),
   * 'nerdamer-prime' (a factor of its factorisation, whose product was checked exactly; irreducibility
   * is its claim), 'unknown' (not factored: the roots of this polynomial may have smaller minimal polynomials).
   */
  readonly minimal: 'proven' | 'nerdamer-prime' | 'unknown';
  /** A floating-point value, for display only. */
  readonly approximate: number;
}

/** The distinct real roots of a polynomial, ascending within each kind. */
export interface RealRootSet {
  readonly rational: readonly Rational[];
  readonly algebraic: readonly AlgebraicRoot[];
}

/** The number of roots in the set. */
export function rootCount(s: RealRootSet): number {
  return s.rational.length + s.algebraic.length;
}

/** (−b ± √disc)/(2a) for a quadratic with a rational disc ≥ 0, as exact scalars, smaller root first. */
function quadraticRadicals(p: readonly Rational[]): [ExactScalar, ExactScalar] | null {
  if (p.length !== 3) return null;
  const [c, b, a] = p as [Rational, Rational, Rational];
  const disc = b.mul(b).sub(Rational.of(4).mul(a).mul(c));
  if (disc.sign() < 0) return null;
  const two_a = a.mul(Rational.of(2));
  const centre = ExactScalar.rational(b.neg().div(two_a));
  const half = ExactScalar.sqrtRational(disc).scale(Rational.ONE.div(two_a.abs()));
  return [centre.sub(half), centre.add(half)];
}

/**
 * The real roots of p ≠ 0.
 * @example realRoots(polyFromInts([-2, 0, 1])).algebraic.map((r) => r.radical) // ['-sqrt(2)', 'sqrt(2)']
 * @example realRoots(polyFromInts([6, 1, -1])).rational.map(String) // ['-2', '3']
 */
export function realRoots(p: Polynomial, variable = 'a'): RealRootSet {
  const f = squarefreePart(polyTrim(p));
  if (polyDegree(f) <= 0) return { rational: [], algebraic: [] };
  const rational = rationalRoots(f) ?? [];
  const rest = polyMonic(removeRationalRoots(f, rational));
  const algebraic: AlgebraicRoot[] = [];
  const factorisation = polyDegree(rest) >= 4 ? factorOverQ(rest, variable) : null;
  const pieces =
    factorisation?.factors.map((f) => ({
      polynomial: f.polynomial,
      minimal: f.irreducible ? ('proven' as const) : factorisation.by === 'nerdamer-prime' ? ('nerdamer-prime' as const) : ('unknown' as const),
    })) ?? (polyDegree(rest) >= 1 ? [{ polynomial: rest, minimal: polyDegree(rest) <= 3 ? ('proven' as const) : ('unknown' as const) }] : []);
  for (const piece of pieces) {
    const intervals: IsolatingInterval[] = [];
    // a rational root the test could not enumerate (huge coefficients) is met exactly by bisection
    for (const i of isolateRealRoots(piece.polynomial, Rational.of(1, 1024))) {
      if (i.lo.equals(i.hi) && polyEvalRational(piece.polynomial, i.hi).isZero()) rational.push(i.hi);
      else intervals.push(i);
    }
    const radicals = intervals.length === polyDegree(piece.polynomial) ? quadraticRadicals(piece.polynomial) : null;
    intervals.forEach((interval, i) =>
      algebraic.push({
        polynomial: piece.polynomial,
        interval,
        radical: radicals ? radicals[i]!.toString() : null,
        radicalTex: radicals ? radicals[i]!.toTex() : null,
        minimal: piece.minimal,
        approximate: approximateRoot(piece.polynomial, interval),
      }),
    );
  }
  rational.sort((x, y) => x.compare(y));
  algebraic.sort((x, y) => x.approximate - y.approximate);
  return { rational, algebraic };
}
