/**
 * Multivariate polynomials over ℚ in named parameters (a, b, c, …): P = Σ_m q_m·a^{m_a}·b^{m_b}⋯,
 * exact BigInt rationals, a canonical term map (zero terms are never stored). Printed with the
 * highest total degree first, ties in lexicographic order of the names: `a^2 + a*b - 3`.
 */
import { Rational } from '../exact/rational.js';

/** Exponents by parameter name; names with exponent 0 are absent. */
export type Monomial = ReadonlyMap<string, number>;

function keyOf(m: Monomial): string {
  return [...m.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([v, e]) => `${v}^${e}`)
    .join('*');
}

function monomialOfKey(key: string): Map<string, number> {
  const out = new Map<string, number>();
  if (key === '') return out;
  for (const part of key.split('*')) {
    const [v, e] = part.split('^');
    out.set(v!, Number(e));
  }
  return out;
}

function totalDegree(m: Monomial): number {
  let d = 0;
  for (const e of m.values()) d += e;
  return d;
}

export class MPoly {
  /** key (sorted `name^exp` joined by `*`, '' for 1) → nonzero coefficient. */
  private readonly terms: ReadonlyMap<string, Rational>;

  private constructor(terms: Map<string, Rational>) {
    this.terms = terms;
  }

  static readonly ZERO: MPoly = new MPoly(new Map());
  static readonly ONE: MPoly = new MPoly(new Map([['', Rational.ONE]]));

  /**
   * The constant q.
   * @example MPoly.constant(Rational.of(3)).toString() // '3'
   */
  static constant(q: Rational): MPoly {
    return q.isZero() ? MPoly.ZERO : new MPoly(new Map([['', q]]));
  }

  /**
   * The parameter named `name`.
   * @example MPoly.variable('a').pow(2).sub(MPoly.constant(Rational.of(2))).toString() // 'a^2 - 2'
   */
  static variable(name: string): MPoly {
    return new MPoly(new Map([[`${name}^1`, Rational.ONE]]));
  }

  /** Σ q·monomial from a list of terms (repeated monomials are added). */
  static fromTerms(terms: Iterable<readonly [Monomial, Rational]>): MPoly {
    const out = new Map<string, Rational>();
    for (const [m, q] of terms) {
      const k = keyOf(new Map([...m].filter(([, e]) => e > 0)));
      const s = (out.get(k) ?? Rational.ZERO).add(q);
      if (s.isZero()) out.delete(k);
      else out.set(k, s);
    }
    return new MPoly(out);
  }

  /**
   * Σ_n p_n·v^n from the coefficients [p_0, p_1, …] of a univariate polynomial in v.
   * @example MPoly.fromUnivariate('a', [Rational.of(-2), Rational.ZERO, Rational.ONE]).toString() // 'a^2 - 2'
   */
  static fromUnivariate(v: string, coefficients: readonly Rational[]): MPoly {
    return MPoly.fromTerms(coefficients.map((c, n) => [new Map([[v, n]]), c] as const));
  }

  /** The terms, as (monomial, coefficient) pairs, in print order. */
  termList(): [Map<string, number>, Rational][] {
    const list = [...this.terms.entries()].map(([k, q]) => [monomialOfKey(k), q, k] as const);
    list.sort((x, y) => totalDegree(y[0]) - totalDegree(x[0]) || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
    return list.map(([m, q]) => [m, q]);
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  /** The rational value when the polynomial is constant, else null. */
  constantValue(): Rational | null {
    if (this.terms.size === 0) return Rational.ZERO;
    if (this.terms.size === 1 && this.terms.has('')) return this.terms.get('')!;
    return null;
  }

  /** The parameters that occur, sorted. */
  variables(): string[] {
    const vs = new Set<string>();
    for (const k of this.terms.keys()) for (const v of monomialOfKey(k).keys()) vs.add(v);
    return [...vs].sort();
  }

  /** Total degree; −1 for the zero polynomial. */
  degree(): number {
    let d = -1;
    for (const k of this.terms.keys()) d = Math.max(d, totalDegree(monomialOfKey(k)));
    return d;
  }

  /** Degree in one parameter; −1 for the zero polynomial. */
  degreeIn(v: string): number {
    let d = -1;
    for (const k of this.terms.keys()) d = Math.max(d, monomialOfKey(k).get(v) ?? 0);
    return d;
  }

  add(o: MPoly): MPoly {
    if (o.isZero()) return this;
    if (this.isZero()) return o;
    const out = new Map(this.terms);
    for (const [k, q] of o.terms) {
      const s = (out.get(k) ?? Rational.ZERO).add(q);
      if (s.isZero()) out.delete(k);
      else out.set(k, s);
    }
    return new MPoly(out);
  }

  neg(): MPoly {
    return this.scale(Rational.ONE.neg());
  }

  sub(o: MPoly): MPoly {
    return this.add(o.neg());
  }

  scale(q: Rational): MPoly {
    if (q.isZero()) return MPoly.ZERO;
    return new MPoly(new Map([...this.terms].map(([k, c]) => [k, c.mul(q)])));
  }

  /**
   * The product.
   * @example MPoly.variable('a').add(MPoly.ONE).mul(MPoly.variable('a').sub(MPoly.ONE)).toString() // 'a^2 - 1'
   */
  mul(o: MPoly): MPoly {
    if (this.isZero() || o.isZero()) return MPoly.ZERO;
    const terms: [Monomial, Rational][] = [];
    for (const [k1, q1] of this.terms) {
      const m1 = monomialOfKey(k1);
      for (const [k2, q2] of o.terms) {
        const m = new Map(m1);
        for (const [v, e] of monomialOfKey(k2)) m.set(v, (m.get(v) ?? 0) + e);
        terms.push([m, q1.mul(q2)]);
      }
    }
    return MPoly.fromTerms(terms);
  }

  /** P^n for an integer n ≥ 0, by squaring. */
  pow(n: number): MPoly {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`MPoly.pow: exponent ${n} is not a non-negative integer`);
    let result = MPoly.ONE;
    let base: MPoly = this;
    let k = n;
    while (k > 0) {
      if (k & 1) result = result.mul(base);
      k >>= 1;
      if (k > 0) base = base.mul(base);
    }
    return result;
  }

  /** P with the parameter v replaced by the polynomial q. */
  substitute(v: string, q: MPoly): MPoly {
    const coefficients = this.coefficientsIn(v);
    let acc = MPoly.ZERO;
    for (let i = coefficients.length - 1; i >= 0; i--) acc = acc.mul(q).add(coefficients[i]!);
    return acc;
  }

  /**
   * P as a polynomial in v: [P_0, P_1, …] with P = Σ_i P_i·v^i, the P_i free of v.
   * @example MPoly.variable('a').mul(MPoly.variable('b')).add(MPoly.ONE).coefficientsIn('a').map(String) // ['1', 'b']
   */
  coefficientsIn(v: string): MPoly[] {
    const d = this.degreeIn(v);
    const parts: [Monomial, Rational][][] = Array.from({ length: d + 1 }, () => []);
    for (const [k, q] of this.terms) {
      const m = monomialOfKey(k);
      const e = m.get(v) ?? 0;
      m.delete(v);
      parts[e]!.push([m, q]);
    }
    return parts.map((p) => MPoly.fromTerms(p));
  }

  /** The value at rational values of every parameter that occurs (a missing one is a RangeError). */
  evaluate(values: ReadonlyMap<string, Rational>): Rational {
    let sum = Rational.ZERO;
    for (const [k, q] of this.terms) {
      let t = q;
      for (const [v, e] of monomialOfKey(k)) {
        const x = values.get(v);
        if (x === undefined) throw new RangeError(`MPoly.evaluate: no value for ${v}`);
        t = t.mul(x.pow(e));
      }
      sum = sum.add(t);
    }
    return sum;
  }

  /** Coefficients [p_0, p_1, …] in the only parameter v when no other occurs, else null. */
  univariate(v: string): Rational[] | null {
    const vs = this.variables();
    if (vs.some((x) => x !== v)) return null;
    return this.coefficientsIn(v).map((c) => c.constantValue()!);
  }

  /** The parameters that divide every term, with the largest exponent that does: a^2·b − a^3 → {a: 2}. */
  monomialContent(): Map<string, number> {
    let common: Map<string, number> | null = null;
    for (const k of this.terms.keys()) {
      const m = monomialOfKey(k);
      if (common === null) common = m;
      else for (const [v, e] of common) common.set(v, Math.min(e, m.get(v) ?? 0));
    }
    return new Map([...(common ?? new Map<string, number>())].filter(([, e]) => e > 0));
  }

  /** P divided by the monomial m (every term must be divisible). */
  divideByMonomial(m: Monomial): MPoly {
    return MPoly.fromTerms(
      [...this.terms].map(([k, q]) => {
        const t = monomialOfKey(k);
        for (const [v, e] of m) t.set(v, (t.get(v) ?? 0) - e);
        return [t, q] as const;
      }),
    );
  }

  equals(o: MPoly): boolean {
    return this.sub(o).isZero();
  }

  /**
   * Input syntax, highest total degree first.
   * @example MPoly.variable('a').add(MPoly.constant(Rational.of(3))).toString() // 'a + 3'
   */
  toString(): string {
    return this.render(
      (q) => q.toString(),
      (v, e) => (e === 1 ? v : `${v}^${e}`),
      '*',
    );
  }

  /**
   * LaTeX.
   * @example MPoly.variable('a').pow(2).scale(Rational.of(1, 2)).toTex() // '\\frac{1}{2} a^{2}'
   */
  toTex(): string {
    return this.render(
      (q) => q.toTex(),
      (v, e) => (e === 1 ? v : `${v}^{${e}}`),
      ' ',
    );
  }

  private render(rational: (q: Rational) => string, power: (v: string, e: number) => string, times: string): string {
    const list = this.termList();
    if (list.length === 0) return '0';
    const parts = list.map(([m, q], i) => {
      const negative = q.sign() < 0;
      const a = q.abs();
      const factors = [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([v, e]) => power(v, e));
      const body = factors.length === 0 ? rational(a) : a.equals(Rational.ONE) ? factors.join(times) : [rational(a), ...factors].join(times);
      if (i === 0) return negative ? `-${body}` : body;
      return negative ? ` - ${body}` : ` + ${body}`;
    });
    return parts.join('');
  }
}
