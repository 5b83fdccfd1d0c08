/**
 * Real-root isolation by Sturm sequences, exact over ℚ: p_0 = p, p_1 = p′, p_{i+1} = −rem(p_{i−1}, p_i).
 * For a squarefree p, the number of distinct real roots in (a, b] is V(a) − V(b), V(x) the number of
 * sign changes of p_0(x), p_1(x), …; bisection with rational midpoints gives disjoint intervals
 * (lo, hi] with rational endpoints, each holding exactly one root (or lo = hi = the root when it is rational
 * and met by a midpoint).
 */
import { Rational } from '../exact/rational.js';
import { polyDegree, polyDerivative, polyEvalRational, polyTrim, type Polynomial } from '../poly/polynomial.js';
import { polyDivMod, squarefreePart } from './univariate.js';

/** An isolating interval: exactly one root r with lo < r ≤ hi, or lo = hi = r. */
export interface IsolatingInterval {
  readonly lo: Rational;
  readonly hi: Rational;
}

/** The Sturm sequence of p. */
function sturmSequence(p: Polynomial): Rational[][] {
  const seq: Rational[][] = [polyTrim(p)];
  if (polyDegree(seq[0]!) <= 0) return seq;
  seq.push(polyDerivative(seq[0]!) as Rational[]);
  for (;;) {
    const n = seq.length;
    const r = polyDivMod(seq[n - 2]!, seq[n - 1]!).remainder;
    if (r.length === 0) return seq;
    seq.push(r.map((c) => c.neg()));
  }
}

function signChanges(seq: readonly Polynomial[], x: Rational): number {
  let changes = 0;
  let last = 0;
  for (const p of seq) {
    const s = polyEvalRational(p, x).sign();
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

/** Cauchy's bound 1 + max|a_i/a_n|, a power of two at least as large: every real root lies in (−B, B). */
export function rootBound(p: Polynomial): Rational {
  const t = polyTrim(p);
  const lead = t[t.length - 1]!.abs();
  let m = Rational.ZERO;
  for (const c of t.slice(0, -1)) {
    const r = c.abs().div(lead);
    if (r.compare(m) > 0) m = r;
  }
  const bound = m.add(Rational.ONE);
  let b = Rational.ONE;
  while (b.compare(bound) <= 0) b = b.mul(Rational.of(2));
  return b;
}

/**
 * The number of distinct real roots of p in (lo, hi].
 * @example countRealRoots(polyFromInts([-2, 0, 1]), Rational.of(0), Rational.of(2)) // 1
 */
export function countRealRoots(p: Polynomial, lo: Rational, hi: Rational): number {
  const seq = sturmSequence(squarefreePart(p));
  return signChanges(seq, lo) - signChanges(seq, hi);
}

/**
 * Isolating intervals of the distinct real roots of p, ascending, each narrower than `width`
 * (rational endpoints; a rational root met exactly comes back as lo = hi). x² − 2:
 * @example isolateRealRoots(polyFromInts([-2, 0, 1])).length // 2
 */
export function isolateRealRoots(p: Polynomial, width: Rational = Rational.of(1, 1024)): IsolatingInterval[] {
  const f = squarefreePart(p);
  if (polyDegree(f) <= 0) return [];
  const seq = sturmSequence(f);
  const B = rootBound(f);
  const out: IsolatingInterval[] = [];
  const two = Rational.of(2);
  const visit = (lo: Rational, hi: Rational, vLo: number, vHi: number): void => {
    const n = vLo - vHi;
    if (n === 0) return;
    if (n === 1 && hi.sub(lo).compare(width) < 0) {
      out.push(polyEvalRational(f, hi).isZero() ? { lo: hi, hi } : { lo, hi });
      return;
    }
    const mid = lo.add(hi).div(two);
    const vMid = signChanges(seq, mid);
    visit(lo, mid, vLo, vMid);
    visit(mid, hi, vMid, vHi);
  };
  visit(B.neg(), B, signChanges(seq, B.neg()), signChanges(seq, B));
  return out;
}

/**
 * The root in an isolating interval of a squarefree p to double precision, by bisection on the sign of p.
 * @example approximateRoot(polyFromInts([-2, 0, 1]), { lo: Rational.of(1), hi: Rational.of(2) }) // ≈ 1.4142135623730951
 */
export function approximateRoot(p: Polynomial, interval: IsolatingInterval): number {
  let { lo, hi } = interval;
  if (lo.equals(hi)) return hi.toNumber();
  const signHi = polyEvalRational(p, hi).sign();
  if (signHi === 0) return hi.toNumber();
  const two = Rational.of(2);
  for (let i = 0; i < 64; i++) {
    const mid = lo.add(hi).div(two);
    const s = polyEvalRational(p, mid).sign();
    if (s === 0) return mid.toNumber();
    if (s === signHi) hi = mid;
    else lo = mid;
  }
  return lo.add(hi).div(two).toNumber();
}
