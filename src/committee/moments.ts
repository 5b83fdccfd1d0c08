/**
 * Exact Gaussian moments of products of polynomials of unit-variance fields.
 *
 * For X ~ N(0, C) in R^k with C_ii = 1 and polynomials P_1..P_k written in the probabilists'
 * basis, P_i = Σ_n u_{i,n} He_n, the diagram formula (Wick's theorem for Wick products) gives
 *
 *     E[Π_i He_{n_i}(X_i)] = Σ_{multigraphs G without self-loops, deg_G(i) = n_i}  Π_i n_i! / Π_e m_e! · Π_e C_e^{m_e},
 *
 * so E[Π_i P_i(X_i)] = Σ_G Π_i u_{i,deg(i)}·deg(i)! / Π_e m_e! · Π_e C_e^{m_e}: a polynomial in
 * the k(k−1)/2 off-diagonal covariances with exact rational coefficients. It holds for singular C
 * as well (two slots on the same field: C_e = 1), which is how coinciding indices are handled.
 * Example: E[X_1² X_2²] = E[(He_2 + 1)(He_2 + 1)] = 2C² + 1.
 */
import { Rational, factorial } from '../exact/rational.js';
import { hermeFromMonomials } from '../poly/hermiteE.js';
import type { Polynomial } from '../poly/polynomial.js';

/**
 * E[Π_i P_i(X_i)] as Σ_t c_t Π_e C_e^{m_{t,e}}; pairs e = (i, j), i < j, in lexicographic order
 * ((0,1), (0,2), …, (1,2), …).
 */
export interface MomentTemplate {
  readonly slots: number;
  readonly pairs: readonly (readonly [number, number])[];
  /** The exact coefficients c_t. */
  readonly exact: readonly Rational[];
  /** c_t as doubles. */
  readonly coefficients: Float64Array;
  /** m_{t,e}, row-major: terms × pairs. */
  readonly exponents: Uint8Array;
  /** The largest exponent of each pair (sizes the power tables). */
  readonly maxExponent: Uint8Array;
}

/** The pairs (i, j), i < j, of k slots in lexicographic order. */
export function slotPairs(k: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j]);
  return pairs;
}

/**
 * The moment template of the product Π_i P_i(X_i) of polynomials of unit-variance Gaussians.
 * E[X_1² X_2²] = 1 + 2·C_12²:
 * @example momentTemplate([polyFromInts([0, 0, 1]), polyFromInts([0, 0, 1])]).exact.map(String) // ['1', '2']
 */
export function momentTemplate(polynomials: readonly Polynomial[]): MomentTemplate {
  const k = polynomials.length;
  const he = polynomials.map((p) => hermeFromMonomials(p));
  const maxDegree = he.map((u) => u.length - 1);
  const pairs = slotPairs(k);
  const terms: { c: Rational; m: number[] }[] = [];
  const m = new Array<number>(pairs.length).fill(0);
  const degree = new Array<number>(k).fill(0);
  const factorials: Rational[] = [];
  const fact = (n: number): Rational => {
    for (let j = factorials.length; j <= n; j++) factorials.push(Rational.of(factorial(j)));
    return factorials[n]!;
  };
  const visit = (e: number): void => {
    if (e === pairs.length) {
      let c = Rational.ONE;
      for (let i = 0; i < k; i++) {
        const u = he[i]![degree[i]!];
        if (!u || u.isZero()) return;
        c = c.mul(u).mul(fact(degree[i]!));
      }
      for (const me of m) c = c.div(fact(me));
      terms.push({ c, m: [...m] });
      return;
    }
    const [i, j] = pairs[e]!;
    const room = Math.min(maxDegree[i]! - degree[i]!, maxDegree[j]! - degree[j]!);
    for (let r = 0; r <= room; r++) {
      m[e] = r;
      degree[i] = degree[i]! + r;
      degree[j] = degree[j]! + r;
      visit(e + 1);
      degree[i] = degree[i]! - r;
      degree[j] = degree[j]! - r;
    }
    m[e] = 0;
  };
  if (he.every((u) => u.length > 0)) visit(0);
  const exponents = new Uint8Array(terms.length * pairs.length);
  const maxExponent = new Uint8Array(pairs.length);
  terms.forEach((t, row) =>
    t.m.forEach((me, e) => {
      if (me > 255) throw new RangeError('momentTemplate: exponent above 255');
      exponents[row * pairs.length + e] = me;
      if (me > maxExponent[e]!) maxExponent[e] = me;
    }),
  );
  return {
    slots: k,
    pairs,
    exact: terms.map((t) => t.c),
    coefficients: Float64Array.from(terms.map((t) => t.c.toNumber())),
    exponents,
    maxExponent,
  };
}

/**
 * A fast evaluator of a template: `(covariances) => E[Π_i P_i(X_i)]`, covariances in the
 * template's pair order. Power tables are allocated once; the closure does not allocate.
 * @example templateEvaluator(momentTemplate([polyFromInts([0, 0, 1]), polyFromInts([0, 0, 1])]))([0.5]) // 1.5
 */
export function templateEvaluator(t: MomentTemplate): (covariances: ArrayLike<number>) => number {
  const nPairs = t.pairs.length;
  const nTerms = t.coefficients.length;
  const stride = Math.max(...t.maxExponent, 0) + 1;
  const powers = new Float64Array(nPairs * stride);
  const { coefficients, exponents, maxExponent } = t;
  return (cov) => {
    for (let e = 0; e < nPairs; e++) {
      const base = e * stride;
      powers[base] = 1;
      const x = cov[e]!;
      for (let r = 1; r <= maxExponent[e]!; r++) powers[base + r] = powers[base + r - 1]! * x;
    }
    let sum = 0;
    for (let term = 0; term < nTerms; term++) {
      let v = coefficients[term]!;
      const row = term * nPairs;
      for (let e = 0; e < nPairs; e++) v *= powers[e * stride + exponents[row + e]!]!;
      sum += v;
    }
    return sum;
  };
}
