/**
 * The common refinement of several case splits over the same parameters: the joint cases on which
 * every split has one value (a table row per joint case, issue 15). Exact throughout:
 *
 *   one parameter   every exceptional point of every split (rational, or algebraic as a root of a
 *                   squarefree P in an isolating interval (lo, hi]) is collected once; two algebraic
 *                   roots (P, I), (Q, J) are equal iff gcd(P, Q) has a root in I ∩ J (Sturm count), and
 *                   P(r) = 0 at r = (Q, J) iff gcd(P, Q) has a root in J. Points with the same values
 *                   form one case "a ∈ {…}"; the rest is the generic case "a ∉ {all points}".
 *   several         the product of the splits' cases, each conjunction simplified; a conjunction that
 *                   pins a parameter (v − q = 0) is substituted into its other atoms, and dropped when
 *                   one of them then fails. Equations in several parameters are not checked for real
 *                   solutions, so a joint case may be empty.
 */
import { Rational } from '../exact/rational.js';
import { polyDegree, polyEvalRational, type Polynomial } from '../poly/polynomial.js';
import { type Case, type CaseValue, simplified } from './cases.js';
import type { Atom, Condition } from './condition.js';
import { MPoly } from './mpoly.js';
import type { AlgebraicRoot, RealRootSet } from './realRoots.js';
import { realRoots } from './realRoots.js';
import { countRealRoots } from './sturm.js';
import { polyGcd } from './univariate.js';

/** One joint case: its condition and the value of each split there, in the order the splits were given. */
export interface JointCase {
  readonly when: Condition;
  readonly values: readonly CaseValue[];
}

/** An exceptional point of one parameter. */
type Point = { readonly kind: 'rational'; readonly q: Rational } | { readonly kind: 'algebraic'; readonly root: AlgebraicRoot };

function pointsOf(s: RealRootSet): Point[] {
  return [...s.rational.map((q) => ({ kind: 'rational' as const, q })), ...s.algebraic.map((root) => ({ kind: 'algebraic' as const, root }))];
}

/** True when g has a root in (lo, hi] (g of degree ≥ 1; countRealRoots takes the squarefree part). */
function hasRootIn(g: Polynomial, lo: Rational, hi: Rational): boolean {
  if (polyDegree(g) < 1 || lo.compare(hi) >= 0) return false;
  return countRealRoots(g, lo, hi) > 0;
}

/** P(x) = 0, exactly (P univariate over ℚ). */
function vanishesAt(p: Polynomial, x: Point): boolean {
  if (x.kind === 'rational') return polyEvalRational(p, x.q).isZero();
  if (p.every((c) => c.isZero())) return true;
  return hasRootIn(polyGcd(p, x.root.polynomial), x.root.interval.lo, x.root.interval.hi);
}

function samePoint(x: Point, y: Point): boolean {
  if (x.kind === 'rational' || y.kind === 'rational') return x.kind === 'rational' && y.kind === 'rational' && x.q.equals(y.q);
  const [i, j] = [x.root.interval, y.root.interval];
  const lo = i.lo.compare(j.lo) >= 0 ? i.lo : j.lo;
  const hi = i.hi.compare(j.hi) <= 0 ? i.hi : j.hi;
  return hasRootIn(polyGcd(x.root.polynomial, y.root.polynomial), lo, hi);
}

function univariateOf(p: MPoly, v: string): Polynomial {
  return p.univariate(v) ?? [p.constantValue() ?? Rational.ZERO];
}

/** Whether an atom in the one parameter v holds at x ('generic': off every point of every split). */
function holds(a: Atom, v: string, x: Point | 'generic'): boolean {
  switch (a.kind) {
    case 'zero':
    case 'nonzero': {
      const zero = x === 'generic' ? a.polynomial.isZero() : vanishesAt(univariateOf(a.polynomial, v), x);
      return a.kind === 'zero' ? zero : !zero;
    }
    case 'in':
    case 'notIn': {
      const member = x !== 'generic' && pointsOf(a.roots).some((y) => samePoint(x, y));
      return a.kind === 'in' ? member : !member;
    }
  }
}

function valueAt(split: readonly Case[], v: string, x: Point | 'generic'): CaseValue {
  return split.find((c) => c.when.every((a) => holds(a, v, x)))?.value ?? 'unresolved';
}

function rootSetOf(points: readonly Point[]): RealRootSet {
  return {
    rational: points.flatMap((p) => (p.kind === 'rational' ? [p.q] : [])).sort((x, y) => x.compare(y)),
    algebraic: points.flatMap((p) => (p.kind === 'algebraic' ? [p.root] : [])).sort((x, y) => x.approximate - y.approximate),
  };
}

/** The joint cases of splits in the one parameter v. */
function jointUnivariate(splits: readonly (readonly Case[])[], v: string): JointCase[] {
  const points: Point[] = [];
  const add = (x: Point) => {
    if (!points.some((y) => samePoint(x, y))) points.push(x);
  };
  for (const split of splits)
    for (const c of split)
      for (const a of c.when) {
        if (a.kind === 'in' || a.kind === 'notIn') pointsOf(a.roots).forEach(add);
        else if (a.polynomial.constantValue() === null) pointsOf(realRoots(univariateOf(a.polynomial, v), v)).forEach(add);
      }
  const generic = splits.map((s) => valueAt(s, v, 'generic'));
  const groups: { values: CaseValue[]; points: Point[] }[] = [];
  for (const x of points) {
    const values = splits.map((s) => valueAt(s, v, x));
    const g = groups.find((h) => h.values.every((w, i) => w === values[i]));
    if (g) g.points.push(x);
    else groups.push({ values, points: [x] });
  }
  const first = rootSetOf(points);
  const genericCase: JointCase = { when: points.length === 0 ? [] : [{ kind: 'notIn', parameter: v, roots: first }], values: generic };
  const smallest = (g: { points: Point[] }) => Math.min(...g.points.map((p) => (p.kind === 'rational' ? p.q.toNumber() : p.root.approximate))); // display order only
  return [
    genericCase,
    ...groups
      .sort((g, h) => smallest(g) - smallest(h))
      .map((g) => ({ when: [{ kind: 'in' as const, parameter: v, roots: rootSetOf(g.points) }], values: g.values })),
  ];
}

/** The conjunction with pinned parameters (v − q = 0) substituted into the other atoms; null when it cannot hold. */
function substitutePinned(when: Condition): Condition | null {
  const pinned = new Map<string, Rational>();
  for (const a of when) {
    if (a.kind !== 'zero' || a.polynomial.variables().length !== 1 || a.polynomial.degree() !== 1) continue;
    const [v] = a.polynomial.variables() as [string];
    const c = a.polynomial.univariate(v)!;
    const q = c[0]!.div(c[1]!).neg();
    if (pinned.has(v) && !pinned.get(v)!.equals(q)) return null;
    pinned.set(v, q);
  }
  if (pinned.size === 0) return withoutKnownNonzero(when);
  const out: Atom[] = [];
  for (const a of when) {
    if (a.kind === 'in' || a.kind === 'notIn') {
      const q = pinned.get(a.parameter);
      if (q === undefined) out.push(a);
      else if (a.roots.rational.some((r) => r.equals(q)) !== (a.kind === 'in')) return null;
      continue;
    }
    const isPin = a.kind === 'zero' && a.polynomial.variables().length === 1 && a.polynomial.degree() === 1;
    if (isPin) {
      out.push(a);
      continue;
    }
    let p = a.polynomial;
    for (const [v, q] of pinned) p = p.substitute(v, MPoly.constant(q));
    const c = p.constantValue();
    if (c === null) out.push({ kind: a.kind, polynomial: p });
    else if (c.isZero() !== (a.kind === 'zero')) return null;
  }
  return withoutKnownNonzero(out);
}

/** Each polynomial atom with the parameters known ≠ 0 (an atom v ≠ 0) divided out: b ≠ 0 and a·b ≠ 0 → b ≠ 0 and a ≠ 0. */
function withoutKnownNonzero(when: Condition): Condition {
  const nonzero = new Set<string>();
  for (const a of when)
    if (a.kind === 'nonzero' && a.polynomial.termList().length === 1 && a.polynomial.degree() === 1) nonzero.add(a.polynomial.variables()[0]!);
  if (nonzero.size === 0) return when;
  const out: Atom[] = [];
  const seen = new Set<string>();
  for (const a of when) {
    if (a.kind === 'in' || a.kind === 'notIn') {
      out.push(a);
      continue;
    }
    const content = new Map([...a.polynomial.monomialContent()].filter(([v]) => nonzero.has(v)));
    const isItself = a.kind === 'nonzero' && a.polynomial.termList().length === 1 && a.polynomial.degree() === 1;
    const p = isItself ? a.polynomial : a.polynomial.divideByMonomial(content);
    const key = `${a.kind}:${p.toString()}`;
    if (p.constantValue() !== null || seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: a.kind, polynomial: p });
  }
  return out;
}

/**
 * The common refinement of `splits` (case splits over the parameters `parameters`): joint cases,
 * each with one value per split, the generic case first.
 */
export function jointCases(splits: readonly (readonly Case[])[], parameters: readonly string[]): JointCase[] {
  if (parameters.length === 1) return jointUnivariate(splits, parameters[0]!);
  return splits.reduce<JointCase[]>((joint, split) => productWith(joint, split), [{ when: [], values: [] }]);
}

/** Several parameters: every joint case conjoined with every case of one more split, simplified, pins substituted, empty ones dropped. */
export function productWith(joint: readonly JointCase[], split: readonly Case[]): JointCase[] {
  const next: JointCase[] = [];
  for (const j of joint)
    for (const c of split) {
      const s = simplified([...j.when, ...c.when]);
      const when = s === null ? null : substitutePinned(s);
      if (when !== null) next.push({ when, values: [...j.values, c.value] });
    }
  return next;
}

/** The rational value of every parameter the condition pins (v − q = 0, or v ∈ {q}); parameters it leaves free are absent. */
export function pinnedValues(when: Condition): Map<string, Rational> {
  const out = new Map<string, Rational>();
  for (const a of when) {
    if (a.kind === 'in' && a.roots.algebraic.length === 0 && a.roots.rational.length === 1) out.set(a.parameter, a.roots.rational[0]!);
    if (a.kind === 'zero' && a.polynomial.variables().length === 1 && a.polynomial.degree() === 1) {
      const [v] = a.polynomial.variables() as [string];
      const c = a.polynomial.univariate(v)!;
      out.set(v, c[0]!.div(c[1]!).neg());
    }
  }
  return out;
}
