// Random polynomial families against the numeric-parameter analysis (a second algorithm: the exact
// rational route of src/analysis on the link with the parameters bound, as `--set` does). For each
// family and each probe point (small integers, random rationals, and every rational exceptional value
// the case split names), exactly one case must hold there, and its value must be the IE, p_2 and p*
// that `analyze` finds; every coefficient expression, evaluated at the point, must equal α_k.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { Rational } from '../../src/exact/rational.js';
import { compileExpr } from '../../src/expr/compile.js';
import { parseLink } from '../../src/expr/parse.js';
import { analyzeSymbolic, type SymbolicExponent } from '../../src/symbolic/analyzeSymbolic.js';

/** mulberry32: a small seeded generator, so a failure is reproducible. */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random family Σ_{n ≤ 4} P_n z^n, P_n of degree ≤ 2 in the parameters, small integer coefficients, many zeros. */
function randomFamily(next: () => number, names: readonly string[]): string {
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const terms: string[] = [];
  const degree = int(2, 4);
  for (let n = 1; n <= degree; n++) {
    const monomials = ['1', ...names, ...names.map((v) => `${v}^2`), ...(names.length > 1 ? [`${names[0]}*${names[1]}`] : [])];
    const parts = monomials.filter(() => next() < 0.35).map((m) => `${int(-3, 3)}*${m}`);
    if (parts.length > 0) terms.push(`(${parts.join(' + ')})*z^${n}`);
  }
  terms.push(`z^${degree + 1}`);
  const link = terms.join(' + ');
  return names.some((v) => link.includes(v)) ? link : randomFamily(next, names);
}

/** The case whose `atoms` hold at the point (rational values); algebraic roots never equal a rational. */
function valueAt(e: SymbolicExponent, point: ReadonlyMap<string, Rational>): (number | string)[] {
  const holds = (a: SymbolicExponent['cases'][number]['atoms'][number]): boolean => {
    if ('polynomial' in a) {
      const p = parseLink(a.polynomial, { parameters: point });
      const v = compileExpr(p)(0);
      return a.kind === 'zero' ? v === 0 : v !== 0;
    }
    const x = point.get(a.parameter)!;
    const member = a.roots.some((r) => /^-?\d+(\/\d+)?$/.test(r) && Rational.parse(r).equals(x));
    return a.kind === 'in' ? member : !member;
  };
  return e.cases.filter((c) => c.atoms.every(holds)).map((c) => c.value ?? c.note!);
}

function rationalRootsNamed(e: SymbolicExponent): Map<string, Rational[]> {
  const out = new Map<string, Rational[]>();
  for (const c of e.cases) {
    for (const a of c.atoms) {
      if ('roots' in a) {
        for (const r of a.roots) if (/^-?\d+(\/\d+)?$/.test(r)) out.set(a.parameter, [...(out.get(a.parameter) ?? []), Rational.parse(r)]);
      }
      if ('polynomial' in a && a.kind === 'zero' && /^[a-z] [-+] \d+$|^[a-z]$/.test(a.polynomial)) {
        // v − q = 0 printed as 'a + 3' or 'a'
        const [v, sign, q] = a.polynomial.split(' ');
        out.set(v!, [...(out.get(v!) ?? []), q === undefined ? Rational.ZERO : Rational.parse(q).mul(Rational.of(sign === '+' ? -1 : 1))]);
      }
    }
  }
  return out;
}

/** Probes that landed outside the generic (first) case, and probes skipped as unresolved. */
const tally = { exceptional: 0, unresolved: 0, probes: 0 };

function check(link: string, names: readonly string[], next: () => number) {
  const r = analyzeSymbolic(link);
  const special = rationalRootsNamed(r.informationExponent);
  const candidates = (v: string) => [Rational.ZERO, Rational.ONE, Rational.of(-2), Rational.of(Math.floor(next() * 200) - 100, 7), ...(special.get(v) ?? [])];
  const points: Map<string, Rational>[] = [];
  for (let i = 0; i < 6; i++) {
    points.push(new Map(names.map((v) => [v, candidates(v)[Math.floor(next() * candidates(v).length)]!])));
  }
  for (const point of points) {
    const where = `${link} at ${[...point].map(([k, v]) => `${k}=${v}`).join(', ')}`;
    const n = analyze(link, { parameters: point, geDegree: 8, powers: 2, maxDegree: 8 });
    const ie = valueAt(r.informationExponent, point);
    expect(ie.length, `${where}: one IE case holds`).toBe(1);
    tally.probes++;
    if (r.informationExponent.cases.length > 1 && valueAt({ ...r.informationExponent, cases: [r.informationExponent.cases[0]!] }, point).length === 0)
      tally.exceptional++;
    if (ie[0] === 'unresolved') {
      tally.unresolved++;
      continue;
    }
    expect(ie[0], `${where}: IE`).toBe(n.informationExponent ?? 'constant');
    const p2 = valueAt(r.labelPowers[1]!.exponent!, point);
    expect(p2.length, `${where}: one p_2 case holds`).toBe(1);
    if (p2[0] !== 'unresolved') expect(p2[0], `${where}: p_2`).toBe(n.labelPowers[1]!.informationExponent ?? 'constant');
    const ge = valueAt(r.generativeExponent!, point);
    expect(ge.length, `${where}: one GE case holds`).toBe(1);
    if (ge[0] !== 'unresolved') expect(ge[0], `${where}: p*`).toBe(n.generativeExponent ?? 'constant');
    for (const c of r.coefficients) {
      const v = compileExpr(parseLink(c.exact, { parameters: point }))(0);
      expect(Math.abs(v - n.coefficients[c.k]!.orthonormal), `${where}: α_${c.k} = ${c.exact}`).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(v)));
    }
  }
}

describe('random families: the case split against the numeric-parameter analysis', () => {
  it('one parameter, 40 families', () => {
    const next = rng(15);
    for (let i = 0; i < 40; i++) check(randomFamily(next, ['a']), ['a'], next);
  });

  it('two parameters, 25 families', () => {
    const next = rng(1515);
    for (let i = 0; i < 25; i++) check(randomFamily(next, ['a', 'b']), ['a', 'b'], next);
  });

  it('the probes reached exceptional values (not only generic points)', () => {
    expect(tally.probes).toBe(6 * 65);
    expect(tally.exceptional).toBeGreaterThan(30);
    expect(tally.unresolved).toBeLessThan(tally.probes / 10);
  });
});
