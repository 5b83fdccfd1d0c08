/**
 * Exact univariate algebra over ℚ on `Polynomial` (lowest degree first, trimmed): division with
 * remainder, the monic gcd, the squarefree part p/gcd(p, p′), the integer primitive form and the
 * rational roots by the rational-root test (a root n/d of a primitive Σ a_i x^i has n | a_0, d | a_n).
 */
import { Rational, gcd, lcm } from '../exact/rational.js';
import { polyDegree, polyDerivative, polyEvalRational, polyTrim, type Polynomial } from '../poly/polynomial.js';

/**
 * Quotient and remainder: p = q·d + r with deg r < deg d.
 * @example polyDivMod(polyFromInts([-1, 0, 1]), polyFromInts([-1, 1])).quotient.map(String) // ['1', '1']
 */
export function polyDivMod(p: Polynomial, d: Polynomial): { quotient: Rational[]; remainder: Rational[] } {
  const dd = polyDegree(d);
  if (dd < 0) throw new RangeError('polyDivMod: division by the zero polynomial');
  const r = [...polyTrim(p)];
  const q: Rational[] = new Array<Rational>(Math.max(0, r.length - dd)).fill(Rational.ZERO);
  const lead = d[dd]!;
  for (let i = r.length - 1; i >= dd; i--) {
    const c = r[i]!.div(lead);
    if (c.isZero()) continue;
    q[i - dd] = c;
    for (let j = 0; j <= dd; j++) r[i - dd + j] = r[i - dd + j]!.sub(c.mul(d[j]!));
  }
  return { quotient: polyTrim(q), remainder: polyTrim(r.slice(0, dd)) };
}

/** p scaled to leading coefficient 1 (the zero polynomial stays []). */
export function polyMonic(p: Polynomial): Rational[] {
  const t = polyTrim(p);
  if (t.length === 0) return [];
  const lead = t[t.length - 1]!;
  return t.map((c) => c.div(lead));
}

/**
 * The monic greatest common divisor (Euclid over ℚ).
 * @example polyGcd(polyFromInts([-1, 0, 1]), polyFromInts([1, 2, 1])).map(String) // ['1', '1']
 */
export function polyGcd(p: Polynomial, q: Polynomial): Rational[] {
  let a = polyTrim(p);
  let b = polyTrim(q);
  while (b.length > 0) {
    const { remainder } = polyDivMod(a, b);
    a = b;
    b = polyMonic(remainder);
  }
  return polyMonic(a);
}

/**
 * The squarefree part p/gcd(p, p′), monic: the same roots, each once.
 * @example squarefreePart(polyFromInts([0, 0, 1, 1])).map(String) // ['0', '1', '1']
 */
export function squarefreePart(p: Polynomial): Rational[] {
  const t = polyTrim(p);
  if (polyDegree(t) <= 0) return polyMonic(t);
  return polyMonic(polyDivMod(t, polyGcd(t, polyDerivative(t))).quotient);
}

/** Integer coefficients with gcd 1 and a positive leading coefficient, proportional to p. */
export function primitiveIntegerForm(p: Polynomial): bigint[] {
  const t = polyTrim(p);
  if (t.length === 0) return [];
  const den = t.reduce((l, c) => lcm(l, c.den), 1n);
  let ints = t.map((c) => (c.num * den) / c.den);
  const g = ints.reduce((acc, x) => gcd(acc, x < 0n ? -x : x), 0n);
  ints = ints.map((x) => x / g);
  return ints[ints.length - 1]! < 0n ? ints.map((x) => -x) : ints;
}

/** The positive divisors of |n| (n ≠ 0), by trial division. */
export function divisors(n: bigint): bigint[] {
  const a = n < 0n ? -n : n;
  const out: bigint[] = [];
  for (let d = 1n; d * d <= a; d++) {
    if (a % d === 0n) {
      out.push(d);
      if (d * d !== a) out.push(a / d);
    }
  }
  return out;
}

/** Largest |a_0|, |a_n| whose divisors the rational-root test enumerates. */
const MAX_RATIONAL_ROOT_TEST = 10n ** 12n;

/**
 * The distinct rational roots, ascending, by the rational-root test (null when a coefficient is
 * too large to enumerate its divisors). x³ − x = x(x − 1)(x + 1):
 * @example rationalRoots(polyFromInts([0, -1, 0, 1])).map(String) // ['-1', '0', '1']
 */
export function rationalRoots(p: Polynomial): Rational[] | null {
  const t = polyTrim(p);
  if (t.length <= 1) return [];
  const roots: Rational[] = [];
  let ints = primitiveIntegerForm(t);
  let low = 0;
  while (ints[low] === 0n) low++;
  if (low > 0) roots.push(Rational.ZERO);
  ints = ints.slice(low);
  if (ints.length <= 1) return roots;
  const a0 = ints[0]!;
  const an = ints[ints.length - 1]!;
  const abs = (x: bigint) => (x < 0n ? -x : x);
  if (abs(a0) > MAX_RATIONAL_ROOT_TEST || abs(an) > MAX_RATIONAL_ROOT_TEST) return null;
  const q = ints.map((x) => Rational.of(x));
  const seen = new Set<string>();
  for (const n of divisors(a0)) {
    for (const d of divisors(an)) {
      for (const s of [1n, -1n]) {
        const x = Rational.of(s * n, d);
        if (seen.has(x.toString())) continue;
        seen.add(x.toString());
        if (polyEvalRational(q, x).isZero()) roots.push(x);
      }
    }
  }
  return roots.sort((x, y) => x.compare(y));
}

/** p divided by (x − r) for each rational root r (each once; p squarefree). */
export function removeRationalRoots(p: Polynomial, roots: readonly Rational[]): Rational[] {
  let t = polyTrim(p);
  for (const r of roots) t = polyDivMod(t, [r.neg(), Rational.ONE]).quotient;
  return t;
}
