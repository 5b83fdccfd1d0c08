/**
 * The case split of the drift polynomials of src/symbolic/driftSymbolic.ts over the parameters θ,
 * and the breakpoints of the phase diagram on each case (issue 15, docs/theory.md §9).
 *
 * The phase diagram of §4.4 depends on μ_i(η, d, θ) and E[ψ²](η, d, θ) only through their supports:
 * which monomials η^a·d^b have a nonzero coefficient C(θ) (e(α) = max over the support of b − aα, a
 * branch lives where μ_i ≢ 0). So the split is the common refinement (src/symbolic/refine.ts) of the
 * splits C(θ) ≠ 0 / C(θ) = 0 of every coefficient that is not a constant; on each case every support
 * is fixed, the set of μ_i that vanish identically in η is fixed, and the breakpoints follow from the
 * exact phase-diagram code (src/thresholds/phaseDiagram.ts) applied to the supports: exact for every
 * parameter value of the case, algebraic exceptional values included.
 *
 * Each case also gets a rational point inside it when one is found (pinned values exactly; a free
 * parameter from a short list of small rationals, a parameter solved from a linear equation of the
 * case), for checking against the numeric-parameter thresholds.
 */
import { Rational } from '../exact/rational.js';
import { onlineExponent } from '../generative/sampleComplexity.js';
import { exponentLines } from '../thresholds/branches.js';
import type { EtaDTerm } from '../thresholds/etaDPolynomial.js';
import { breakpointsOf, minimumOfBranches, type Branch } from '../thresholds/phaseDiagram.js';
import { exactly } from '../thresholds/uncertainNumber.js';
import { type Case, MAX_CASES, caseSplit, primitive } from './cases.js';
import type { Condition } from './condition.js';
import { etaDCoefficients } from './driftSymbolic.js';
import { MPoly } from './mpoly.js';
import { countRealRoots, rootBound } from './sturm.js';
import { polyDivMod, polyGcd } from './univariate.js';
import { polyDegree } from '../poly/polynomial.js';
import { jointCases, type JointCase, productWith } from './refine.js';

/** A monomial η^eta·d^d of a drift polynomial. */
export interface EtaDMonomial {
  readonly eta: number;
  readonly d: number;
}

export interface DriftCase {
  readonly when: Condition;
  /** Every coefficient that is not a constant is nonzero here (the case with nonempty interior off every exceptional set). */
  readonly generic: boolean;
  /** The supports of μ_1..μ_I on the case. */
  readonly muSupport: readonly (readonly EtaDMonomial[])[];
  readonly psiSupport: readonly EtaDMonomial[];
  /** The i with μ_i ≡ 0 in η and d on the case. */
  readonly vanishing: readonly number[];
  /** The breakpoints α (η = d^{−α}) from the supports, exact on the whole case; null when E[ψ²] ≡ 0 there. */
  readonly breakpoints: readonly string[] | null;
  /** A rational point of the case, or null when none was found. */
  readonly point: ReadonlyMap<string, Rational> | null;
  /** No point was found and the case has an equation in several parameters (not checked for real solutions). */
  readonly mayBeEmpty: boolean;
}

/** Small rationals tried, in order, for a free parameter. */
const CANDIDATES: readonly Rational[] = [1, 2, -1, 3, -2, 5, -3, 7, 11, -5, 13, 17]
  .map((n) => Rational.of(n))
  .concat([Rational.of(1, 2), Rational.of(-1, 3), Rational.of(7, 5)]);

/** Most joint cases formed for several parameters before the split stops (the rest is one undecided case). */
const MAX_JOINT_CASES = MAX_CASES;

/**
 * The breakpoints of the minimum over the live branches T_i ≍ E[ψ²]·μ_i^{−2}·d^{(i−1)∨1} (§4.3, 4.4), from the supports only;
 * null when E[ψ²] has an empty support.
 * @example breakpointsFromSupports([[], [{ eta: 1, d: 0 }], [{ eta: 0, d: 0 }]], [{ eta: 0, d: 0 }, { eta: 2, d: 0 }]) // ['1/2']
 */
export function breakpointsFromSupports(muSupport: readonly (readonly EtaDMonomial[])[], psiSupport: readonly EtaDMonomial[]): string[] | null {
  if (psiSupport.length === 0) return null;
  const terms = (s: readonly EtaDMonomial[]): EtaDTerm[] => s.map((m) => ({ eta: m.eta, d: m.d, c: exactly(Rational.ONE) }));
  const psiLines = exponentLines(terms(psiSupport));
  const branches: Branch<number>[] = muSupport.flatMap((s, j) =>
    s.length === 0
      ? []
      : [
          {
            terms: [
              { weight: Rational.ONE, f: psiLines },
              { weight: Rational.of(-2), f: exponentLines(terms(s)) },
            ],
            constant: Rational.of(onlineExponent(j + 1)),
            tag: j + 1,
          },
        ],
  );
  return breakpointsOf(minimumOfBranches(branches, (b) => b.tag)).map((b) => b.toString());
}

/** Whether every atom of the condition holds at rational values of its parameters (an algebraic irrational root is never rational). */
function holdsAt(when: Condition, values: ReadonlyMap<string, Rational>): boolean {
  return when.every((a) => {
    if (a.kind === 'zero' || a.kind === 'nonzero') return a.polynomial.evaluate(values).isZero() === (a.kind === 'zero');
    const x = values.get(a.parameter)!;
    const member = a.roots.rational.some((r) => r.equals(x));
    return a.kind === 'in' ? member : !member;
  });
}

/** Values already chosen substituted into P. */
function partial(p: MPoly, values: ReadonlyMap<string, Rational>): MPoly {
  let q = p;
  for (const [v, x] of values) if (q.degreeIn(v) > 0) q = q.substitute(v, MPoly.constant(x));
  return q;
}

/**
 * A rational point of the condition over `parameters` that also gives every listed polynomial the
 * zero pattern `zero` (true: vanishes), or null when the search finds none.
 */
function rationalPointOf(
  when: Condition,
  parameters: readonly string[],
  polynomials: readonly MPoly[],
  zero: readonly (boolean | null)[],
): Map<string, Rational> | null {
  const fits = (values: ReadonlyMap<string, Rational>) =>
    holdsAt(when, values) && polynomials.every((p, j) => zero[j] === null || p.evaluate(values).isZero() === zero[j]);
  const search = (k: number, values: Map<string, Rational>, budget: { left: number }): Map<string, Rational> | null => {
    if (budget.left-- <= 0) return null;
    if (k === parameters.length) return fits(values) ? values : null;
    const v = parameters[k]!;
    // a linear equation of the case in v alone once the earlier values are in: solve it
    for (const a of when) {
      if (a.kind !== 'zero') continue;
      const q = partial(a.polynomial, values);
      if (q.variables().length !== 1 || q.variables()[0] !== v || q.degreeIn(v) !== 1) continue;
      const c = q.univariate(v)!;
      return search(k + 1, new Map([...values, [v, c[0]!.div(c[1]!).neg()]]), budget);
    }
    const roots = when.flatMap((a) => (a.kind === 'in' && a.parameter === v ? a.roots.rational : []));
    for (const x of roots.length > 0 ? roots : CANDIDATES) {
      const found = search(k + 1, new Map([...values, [v, x]]), budget);
      if (found) return found;
    }
    return null;
  };
  return search(0, new Map(), { left: 4000 });
}

/** The common refinement of `splits`, at most MAX_JOINT_CASES cases for several parameters (then one undecided case for the rest). */
function refinement(splits: readonly (readonly Case[])[], parameters: readonly string[]): { cases: JointCase[]; complete: boolean } {
  if (parameters.length <= 1) return { cases: jointCases(splits, parameters), complete: true };
  let joint: JointCase[] = [{ when: [], values: [] }];
  for (const split of splits) {
    const next = productWith(joint, split);
    if (next.length > MAX_JOINT_CASES)
      return { cases: joint.filter((j) => j.values.every((v) => v === 1)).map((j) => ({ ...j, values: splits.map(() => 1) })), complete: false };
    joint = next;
  }
  return { cases: joint, complete: true };
}

/** True when P has no real zero: univariate by Sturm's count, several parameters when its monomials are even powers with one sign and a constant term. */
function neverZero(p: MPoly): boolean {
  const vs = p.variables();
  if (vs.length === 0) return !p.isZero();
  if (vs.length === 1) {
    const f = p.univariate(vs[0]!)!;
    const bound = rootBound(f);
    return countRealRoots(f, bound.neg(), bound) === 0;
  }
  const terms = p.termList();
  const sign = terms[0]![1].sign();
  return terms.some(([m]) => m.size === 0) && terms.every(([m, q]) => q.sign() === sign && [...m.values()].every((e) => e % 2 === 0));
}

/**
 * Two parameters v, w: P = g(w)·Q with g the gcd over ℚ[w] of P's coefficients as a polynomial in v
 * (its content in v), or null when that gcd is constant.
 */
function contentIn(p: MPoly, v: string, w: string): { g: MPoly; rest: MPoly } | null {
  const coefficients = p.coefficientsIn(v).map((c) => c.univariate(w) ?? []);
  const g = coefficients.filter((c) => polyDegree(c) >= 0).reduce<Rational[] | null>((acc, c) => (acc === null ? [...c] : polyGcd(acc, c)), null);
  if (g === null || polyDegree(g) < 1) return null;
  const rest = MPoly.fromTerms(
    coefficients.flatMap((c, j) =>
      polyDivMod(c, g).quotient.map(
        (x, n) =>
          [
            new Map([
              [w, n],
              [v, j],
            ]),
            x,
          ] as const,
      ),
    ),
  );
  return { g: MPoly.fromUnivariate(w, g), rest };
}

/**
 * The pieces whose zero sets make up that of P: the parameters dividing it, with two parameters its
 * contents in each (a polynomial in the other alone), and the cofactor; pieces with no real zero are left out.
 */
function zeroPieces(p: MPoly): MPoly[] {
  const content = p.monomialContent();
  let rest = p.divideByMonomial(content);
  const pieces = [...content.keys()].map((v) => MPoly.variable(v));
  const vs = rest.variables();
  if (vs.length === 2) {
    for (const [v, w] of [vs, [...vs].reverse()] as [string, string][]) {
      const c = contentIn(rest, v, w);
      if (c === null) continue;
      pieces.push(c.g);
      rest = c.rest;
    }
  }
  pieces.push(rest);
  return pieces.filter((q) => !neverZero(q)).map(primitive);
}

/**
 * The drift cases of μ_1..μ_I and E[ψ²] (polynomials in eta, d and the parameters), the generic case
 * first. `complete` is false when the split of several parameters was cut: then only the generic
 * case is listed, and the exceptional set (some listed coefficient = 0) is not split.
 * `pieces` are the polynomials split on (each coefficient vanishes where one of its pieces does).
 */
export function driftCases(
  mu: readonly MPoly[],
  psiSecondMoment: MPoly,
  parameters: readonly string[],
): { cases: DriftCase[]; complete: boolean; pieces: MPoly[] } {
  const owners = [...mu, psiSecondMoment].map((p) => etaDCoefficients(p).map((t) => ({ ...t, pieces: zeroPieces(t.coefficient).map(String) })));
  const byKey = new Map<string, MPoly>();
  for (const list of owners) for (const t of list) for (const q of zeroPieces(t.coefficient)) byKey.set(q.toString(), q);
  const pieces = [...byKey.values()];
  const splits = pieces.map((p) => caseSplit([{ polynomial: p, value: 1 }]));
  const { cases, complete } = refinement(splits, parameters);
  // a case on which some equation has no real solution is empty
  const nonempty = cases
    .filter((c) => !c.when.some((a) => a.kind === 'zero' && neverZero(a.polynomial)))
    .map((c) => ({ ...c, when: c.when.filter((a) => a.kind !== 'nonzero' || !neverZero(a.polynomial)) }));
  const out = nonempty.map((c): DriftCase => {
    // a one-polynomial split has P ≠ 0 as value 1; every other case lies in P = 0
    const zeroOf = new Map(pieces.map((p, j) => [p.toString(), c.values[j] !== 1]));
    const supportOf = (list: (typeof owners)[number]): EtaDMonomial[] =>
      list.filter((t) => t.pieces.every((k) => !zeroOf.get(k))).map((t) => ({ eta: t.eta, d: t.d }));
    const muSupport = owners.slice(0, mu.length).map(supportOf);
    const psiSupport = supportOf(owners[mu.length]!);
    const point = rationalPointOf(
      c.when,
      parameters,
      pieces,
      pieces.map((p) => zeroOf.get(p.toString())!),
    );
    return {
      when: c.when,
      generic: c.values.every((v) => v === 1),
      muSupport,
      psiSupport,
      vanishing: muSupport.flatMap((s, j) => (s.length === 0 ? [j + 1] : [])),
      breakpoints: breakpointsFromSupports(muSupport, psiSupport),
      point,
      mayBeEmpty: point === null && c.when.some((a) => a.kind === 'zero' && a.polynomial.variables().length > 1),
    };
  });
  return { cases: out, complete, pieces };
}
