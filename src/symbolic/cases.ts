/**
 * Case splits over the parameters. Given an ordered list of (polynomial P_i, value v_i), the answer
 * at a parameter point is v_i for the first i with P_i ≠ 0 there (IE: P_k = u_k, v_k = k). The split
 * is exact:
 *
 *   one parameter   P_i ≢ 0 first: v_i off the real roots of P_i; on those roots (a squarefree g),
 *                   g/gcd(g, P_j) takes v_j and gcd(g, P_j) goes on to P_{j+1}: every real root
 *                   lands in exactly one case (rational roots exactly, the others by their
 *                   defining polynomial and an isolating interval).
 *   several         P_i ≠ 0 gives v_i; P_i = 0 is split: a parameter dividing P_i (v = 0, then the
 *                   rest with v ≠ 0), a factor linear in a parameter with rational leading
 *                   coefficient (solved and substituted), one parameter left (its real roots as
 *                   above, rational ones substituted); what is left after that is kept as an equation
 *                   R = 0 and later P_j are reduced modulo R (one parameter where R is monic in it).
 *                   Where that still does not decide, the case says 'unresolved'.
 *
 * Equations of several parameters are not checked for real solutions.
 */
import { Rational, gcd, lcm } from '../exact/rational.js';
import { polyTrim } from '../poly/polynomial.js';
import type { Atom, Condition } from './condition.js';
import { MPoly } from './mpoly.js';
import { realRoots, rootCount } from './realRoots.js';
import { polyDivMod, polyGcd, polyMonic, removeRationalRoots, squarefreePart } from './univariate.js';

/** A value of a case: the exponent, 'constant' (every listed polynomial vanishes), or 'unresolved'. */
export type CaseValue = number | 'constant' | 'unresolved';

export interface Case {
  readonly when: Condition;
  readonly value: CaseValue;
}

export interface Ranked {
  readonly polynomial: MPoly;
  readonly value: number;
}

/** Largest number of cases before the split stops (the rest is one 'unresolved' case). */
export const MAX_CASES = 64;

/**
 * The case split of `list` (see the module comment). [(a + 3, 1), (1, 3)] gives value 1 where a ≠ −3
 * and 3 at a = −3.
 */
export function caseSplit(list: readonly Ranked[]): Case[] {
  const out: Case[] = [];
  split(list, 0, [], out);
  const cases = out.map((c) => ({ ...c, when: simplified(c.when) })).filter((c) => c.when !== null) as Case[];
  return cases.every((c) => c.value === cases[0]!.value) ? [{ when: [], value: cases[0]!.value }] : cases;
}

/** P scaled to integer coefficients with gcd 1 and a positive first term, parameters dividing it kept. */
export function primitive(p: MPoly): MPoly {
  const terms = p.termList();
  if (terms.length === 0) return p;
  const den = terms.reduce((l, [, q]) => lcm(l, q.den), 1n);
  const g = terms.reduce((acc, [, q]) => gcd(acc, ((q.num < 0n ? -q.num : q.num) * den) / q.den), 0n);
  const sign = terms[0]![1].sign();
  return p.scale(Rational.of(BigInt(sign) * den, g));
}

/** True when P = 0 has no real solution with the parameters in `nonzero` ≠ 0: a sum of even monomials of one sign, with a constant term or a pure even power of a parameter known ≠ 0. */
function noRealZero(p: MPoly, nonzero: ReadonlySet<string>): boolean {
  const terms = p.termList();
  if (terms.length === 0) return false;
  const sign = terms[0]![1].sign();
  if (!terms.every(([m, q]) => q.sign() === sign && [...m.values()].every((e) => e % 2 === 0))) return false;
  return terms.some(([m]) => m.size === 0 || (m.size === 1 && nonzero.has([...m.keys()][0]!)));
}

/** The condition with atoms normalised and repeats dropped, or null when it has no real solution. */
export function simplified(when: Condition): Condition | null {
  // a ∈ {q} / a ∉ {q} for one rational q is a − q = 0 / a − q ≠ 0
  when = when.map(
    (a): Atom =>
      (a.kind === 'in' || a.kind === 'notIn') && a.roots.algebraic.length === 0 && a.roots.rational.length === 1
        ? { kind: a.kind === 'in' ? 'zero' : 'nonzero', polynomial: MPoly.variable(a.parameter).sub(MPoly.constant(a.roots.rational[0]!)) }
        : a,
  );
  const nonzero = new Set<string>();
  for (const a of when) {
    if (a.kind === 'nonzero' && a.polynomial.termList().length === 1) for (const v of a.polynomial.variables()) nonzero.add(v);
  }
  const seen = new Set<string>();
  const out: Atom[] = [];
  for (const a of when) {
    const atom: Atom = a.kind === 'zero' || a.kind === 'nonzero' ? { kind: a.kind, polynomial: primitive(a.polynomial) } : a;
    if (atom.kind === 'zero' && noRealZero(atom.polynomial, nonzero)) return null;
    if (atom.kind === 'zero' && atom.polynomial.termList().length === 1 && atom.polynomial.variables().some((v) => nonzero.has(v))) return null;
    const key = JSON.stringify([atom.kind, 'polynomial' in atom ? atom.polynomial.toString() : atom.parameter]);
    if ('polynomial' in atom && seen.has(JSON.stringify([atom.kind === 'zero' ? 'nonzero' : 'zero', atom.polynomial.toString()]))) return null;
    if ('polynomial' in atom && seen.has(key)) continue;
    seen.add(key);
    out.push(atom);
  }
  return out;
}

function push(out: Case[], when: Condition, value: CaseValue): void {
  if (out.length < MAX_CASES) out.push({ when, value });
  else if (out.length === MAX_CASES) out.push({ when: [], value: 'unresolved' });
}

function split(list: readonly Ranked[], start: number, atoms: Atom[], out: Case[]): void {
  if (out.length > MAX_CASES) return;
  const vars = new Set<string>();
  for (const r of list.slice(start)) for (const v of r.polynomial.variables()) vars.add(v);
  if (vars.size === 1) {
    splitUnivariate(list, start, [...vars][0]!, atoms, out);
    return;
  }
  const i = list.findIndex((r, j) => j >= start && !r.polynomial.isZero());
  if (i < 0) {
    push(out, atoms, 'constant');
    return;
  }
  const p = list[i]!.polynomial;
  if (p.constantValue() !== null) {
    push(out, atoms, list[i]!.value);
    return;
  }
  push(out, [...atoms, { kind: 'nonzero', polynomial: p }], list[i]!.value);
  // p = 0: a parameter dividing p, then the cofactor with that parameter ≠ 0
  const content = p.monomialContent();
  const prior: Atom[] = [];
  for (const v of content.keys()) {
    const zeroAt = list.map((r) => ({ ...r, polynomial: r.polynomial.substitute(v, MPoly.ZERO) }));
    split(zeroAt, i + 1, [...atoms, ...prior, { kind: 'zero', polynomial: MPoly.variable(v) }], out);
    prior.push({ kind: 'nonzero', polynomial: MPoly.variable(v) });
  }
  const r = p.divideByMonomial(content);
  if (r.constantValue() !== null) return;
  splitOnZero(list, i + 1, r, [...atoms, ...prior], out);
}

/** Continue the split on the set r = 0 (r not a monomial). */
function splitOnZero(list: readonly Ranked[], start: number, r: MPoly, atoms: Atom[], out: Case[]): void {
  const vs = r.variables();
  // linear in some parameter with a rational leading coefficient: solve and substitute
  for (const v of vs) {
    const c = r.coefficientsIn(v);
    const lead = c.length === 2 ? c[1]!.constantValue() : null;
    if (lead !== null && !lead.isZero()) {
      const value = c[0]!.scale(lead.inv()).neg();
      const solved = list.map((x) => ({ ...x, polynomial: x.polynomial.substitute(v, value) }));
      split(solved, start, [...atoms, { kind: 'zero', polynomial: r }], out);
      return;
    }
  }
  if (vs.length === 1) {
    const v = vs[0]!;
    const roots = realRoots(r.univariate(v)!, v);
    for (const q of roots.rational) {
      const at = list.map((x) => ({ ...x, polynomial: x.polynomial.substitute(v, MPoly.constant(q)) }));
      split(at, start, [...atoms, { kind: 'zero', polynomial: MPoly.variable(v).sub(MPoly.constant(q)) }], out);
    }
    if (roots.algebraic.length === 0) return;
    const g = polyMonic(removeRationalRoots(squarefreePart(r.univariate(v)!), roots.rational));
    splitModuloMultivariate(
      list,
      start,
      v,
      MPoly.fromUnivariate(v, g),
      [...atoms, { kind: 'in', parameter: v, roots: { rational: [], algebraic: roots.algebraic } }],
      out,
    );
    return;
  }
  // an equation R = 0 monic in some parameter: reduce modulo R
  for (const v of vs) {
    const c = r.coefficientsIn(v);
    const lead = c[c.length - 1]!.constantValue();
    if (lead !== null) {
      splitModuloMultivariate(list, start, v, r.scale(lead.inv()), [...atoms, { kind: 'zero', polynomial: r }], out);
      return;
    }
  }
  push(out, [...atoms, { kind: 'zero', polynomial: r }], 'unresolved');
}

/** P mod R as a polynomial in v, R monic in v with coefficients in the other parameters. */
function reduceIn(p: MPoly, v: string, monic: MPoly): MPoly {
  const rc = monic.coefficientsIn(v);
  const d = rc.length - 1;
  const pc = p.coefficientsIn(v);
  for (let n = pc.length - 1; n >= d; n--) {
    const lead = pc[n]!;
    if (lead.isZero()) continue;
    for (let j = 0; j <= d; j++) pc[n - d + j] = pc[n - d + j]!.sub(lead.mul(rc[j]!));
  }
  let acc = MPoly.ZERO;
  const x = MPoly.variable(v);
  for (let n = Math.min(d, pc.length) - 1; n >= 0; n--) acc = acc.mul(x).add(pc[n]!);
  return acc;
}

/** On R = 0, R monic in v (coefficients in the other parameters; a g(v) without rational roots among them): P_j mod R decides. */
function splitModuloMultivariate(list: readonly Ranked[], start: number, v: string, monic: MPoly, atoms: Atom[], out: Case[]): void {
  for (let j = start; j < list.length; j++) {
    const rem = reduceIn(list[j]!.polynomial, v, monic);
    if (rem.isZero()) continue;
    if (rem.constantValue() !== null) {
      push(out, atoms, list[j]!.value);
      return;
    }
    push(out, [...atoms, { kind: 'nonzero', polynomial: rem }], list[j]!.value);
    push(out, [...atoms, { kind: 'zero', polynomial: rem }], 'unresolved');
    return;
  }
  push(out, atoms, 'constant');
}

function coefficientsOf(p: MPoly, v: string): Rational[] {
  return polyTrim(p.univariate(v) ?? []);
}

/** The gcd over ℚ[v] of the polynomials of one group (null when they are all zero). */
function groupGcd(group: readonly Ranked[], v: string): Rational[] | null {
  let g: Rational[] | null = null;
  for (const r of group) {
    const c = coefficientsOf(r.polynomial, v);
    if (c.length === 0) continue;
    g = g === null ? c : polyGcd(g, c);
  }
  return g;
}

/** Consecutive entries with the same value, from `start` on (the value holds where any of them is nonzero). */
function groups(list: readonly Ranked[], start: number): Ranked[][] {
  const out: Ranked[][] = [];
  for (const r of list.slice(start)) {
    const last = out[out.length - 1];
    if (last && last[0]!.value === r.value) last.push(r);
    else out.push([r]);
  }
  return out;
}

/** One parameter v (every P_j from `start` on is a polynomial in v alone, or constant). */
function splitUnivariate(list: readonly Ranked[], start: number, v: string, atoms: Atom[], out: Case[]): void {
  const gs = groups(list, start);
  const i = gs.findIndex((g) => groupGcd(g, v) !== null);
  if (i < 0) {
    push(out, atoms, 'constant');
    return;
  }
  const p = groupGcd(gs[i]!, v)!;
  const value = gs[i]![0]!.value;
  const roots = realRoots(p, v);
  if (rootCount(roots) === 0) {
    push(out, atoms, value);
    return;
  }
  push(out, [...atoms, { kind: 'notIn', parameter: v, roots }], value);
  let g = squarefreePart(p);
  for (let j = i + 1; j < gs.length && g.length > 1; j++) {
    const pj = groupGcd(gs[j]!, v);
    if (pj === null) continue;
    const h = polyGcd(g, pj);
    const q = polyDivMod(g, h).quotient;
    const here = realRoots(q, v);
    if (rootCount(here) > 0) push(out, [...atoms, { kind: 'in', parameter: v, roots: here }], gs[j]![0]!.value);
    g = h;
  }
  if (g.length > 1) {
    const rest = realRoots(g, v);
    if (rootCount(rest) > 0) push(out, [...atoms, { kind: 'in', parameter: v, roots: rest }], 'constant');
  }
}
