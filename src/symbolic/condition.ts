/**
 * Conditions on the parameters: a conjunction of atoms (P ≠ 0, P = 0, a ∈ roots, a ∉ roots), the
 * `when` of each case of a case split. Rendered in ASCII for JSON (`a != -3`, `a = sqrt(2) or
 * a = -sqrt(2)`) and in Unicode for the terminal (`a ≠ −3`, `a = ±√2`).
 */
import { Rational } from '../exact/rational.js';
import { polyToString, polyToTex } from '../poly/polynomial.js';
import { MPoly } from './mpoly.js';
import type { AlgebraicRoot, RealRootSet } from './realRoots.js';

export type Atom =
  | { readonly kind: 'nonzero'; readonly polynomial: MPoly }
  | { readonly kind: 'zero'; readonly polynomial: MPoly }
  | { readonly kind: 'in'; readonly parameter: string; readonly roots: RealRootSet }
  | { readonly kind: 'notIn'; readonly parameter: string; readonly roots: RealRootSet };

/** A conjunction of atoms; the empty one holds for every parameter value. */
export type Condition = readonly Atom[];

function algebraicText(parameter: string, r: AlgebraicRoot): string {
  if (r.radical !== null) return r.radical;
  return `root of ${polyToString(r.polynomial, parameter)} in (${r.interval.lo.toString()}, ${r.interval.hi.toString()}] (about ${r.approximate.toPrecision(6)})`;
}

/** Every root of the set as text, ascending by value. */
export function rootTexts(parameter: string, s: RealRootSet): string[] {
  const items: { value: number; text: string }[] = [
    ...s.rational.map((q: Rational) => ({ value: q.toNumber(), text: q.toString() })),
    ...s.algebraic.map((r) => ({ value: r.approximate, text: algebraicText(parameter, r) })),
  ];
  return items.sort((x, y) => x.value - y.value).map((i) => i.text);
}

/** A polynomial equation P = 0 read, where it is linear with a rational leading coefficient, as `v = …`. */
function equationText(p: MPoly): string {
  const vs = p.variables();
  for (const v of vs) {
    const c = p.coefficientsIn(v);
    if (c.length === 2) {
      const lead = c[1]!.constantValue();
      if (lead !== null && !lead.isZero()) return `${v} = ${c[0]!.scale(lead.inv()).neg().toString()}`;
    }
  }
  return `${productText(p, false)} = 0`;
}

/** P with the parameters dividing every term pulled out: a·b³ + 7a³·b → a*b*(b^2 + 7*a^2). */
function productText(p: MPoly, tex: boolean): string {
  const content = p.monomialContent();
  const rest = p.divideByMonomial(content);
  if (content.size === 0 || rest.termList().length < 2) return tex ? p.toTex() : p.toString();
  const m = MPoly.fromTerms([[content, rest.termList()[0]![1].sign() < 0 ? Rational.ONE.neg() : Rational.ONE]]);
  const r = rest.termList()[0]![1].sign() < 0 ? rest.neg() : rest;
  return tex ? `${m.toTex()} \\left(${r.toTex()}\\right)` : `${m.toString()}*(${r.toString()})`;
}

function equationTex(p: MPoly, relation: string): string {
  for (const v of p.variables()) {
    const c = p.coefficientsIn(v);
    if (c.length === 2) {
      const lead = c[1]!.constantValue();
      if (lead !== null && !lead.isZero()) return `${v} ${relation} ${c[0]!.scale(lead.inv()).neg().toTex()}`;
    }
  }
  return `${productText(p, true)} ${relation} 0`;
}

function rootTex(parameter: string, s: RealRootSet): string[] {
  const items: { value: number; text: string }[] = [
    ...s.rational.map((q: Rational) => ({ value: q.toNumber(), text: q.toTex() })),
    ...s.algebraic.map((r) => ({
      value: r.approximate,
      text:
        r.radicalTex ?? `\\text{root of } ${polyToTex(r.polynomial, parameter)} \\text{ in } \\left(${r.interval.lo.toTex()}, ${r.interval.hi.toTex()}\\right]`,
    })),
  ];
  return items.sort((x, y) => x.value - y.value).map((i) => i.text);
}

/**
 * The condition in LaTeX ('\\text{all}' for the empty one).
 * @example conditionTex([{ kind: 'notIn', parameter: 'a', roots: { rational: [Rational.of(-3)], algebraic: [] } }]) // 'a \\neq -3'
 */
export function conditionTex(c: Condition): string {
  if (c.length === 0) return '\\text{all}';
  return c
    .map((a) => {
      switch (a.kind) {
        case 'nonzero':
          return equationTex(a.polynomial, '\\neq');
        case 'zero':
          return equationTex(a.polynomial, '=');
        case 'in': {
          const t = rootTex(a.parameter, a.roots).map((x) => `${a.parameter} = ${x}`);
          return t.length > 1 && c.length > 1 ? `\\left(${t.join(' \\text{ or } ')}\\right)` : t.join(' \\text{ or } ');
        }
        case 'notIn':
          return rootTex(a.parameter, a.roots)
            .map((x) => `${a.parameter} \\neq ${x}`)
            .join(' \\text{ and } ');
      }
    })
    .join(' \\text{ and } ');
}

function atomText(a: Atom): string {
  switch (a.kind) {
    case 'nonzero': {
      const e = equationText(a.polynomial);
      return e.endsWith(' = 0') ? `${e.slice(0, -4)} != 0` : e.replace(' = ', ' != ');
    }
    case 'zero':
      return equationText(a.polynomial);
    case 'in':
      return rootTexts(a.parameter, a.roots)
        .map((t) => `${a.parameter} = ${t}`)
        .join(' or ');
    case 'notIn':
      return rootTexts(a.parameter, a.roots)
        .map((t) => `${a.parameter} != ${t}`)
        .join(' and ');
  }
}

/**
 * The condition in ASCII (JSON's `when`): atoms joined by ' and ', a disjunction in parentheses
 * when there is more than one atom; 'all' for the empty condition.
 * @example conditionText([{ kind: 'notIn', parameter: 'a', roots: { rational: [Rational.of(-3)], algebraic: [] } }]) // 'a != -3'
 */
export function conditionText(c: Condition): string {
  if (c.length === 0) return 'all';
  const parts = c.map(atomText);
  return parts.map((t, i) => (c.length > 1 && c[i]!.kind === 'in' && t.includes(' or ') ? `(${t})` : t)).join(' and ');
}

/**
 * The same in Unicode for the terminal: ≠, −, √, and `a = ±√2` for a pair ±r (one list of values only).
 * @example unicodeCondition('a = sqrt(2) or a = -sqrt(2)') // 'a = ±√2'
 */
export function unicodeCondition(text: string): string {
  const pm = pairPlusMinus(text)
    .replace(/([A-Za-z_]\w*) = -(\S+) or \1 = \2(?![\w(])/g, '$1 = ±$2')
    .replace(/([A-Za-z_]\w*) = (\S+) or \1 = -\2(?![\w(])/g, '$1 = ±$2')
    .replace(/([A-Za-z_]\w*) != -(\S+) and \1 != \2(?![\w(])/g, '$1 ≠ ±$2')
    .replace(/([A-Za-z_]\w*) != (\S+) and \1 != -\2(?![\w(])/g, '$1 ≠ ±$2');
  return pm
    .replace(/sqrt\((\d+)\)/g, '√$1')
    .replace(/!=/g, '≠')
    .replace(/(^|[\s(=±*^])-/g, '$1−')
    .replace(/ - /g, ' − ');
}

/** `a = -r or a = s or a = r` → `a = ±r or a = s` (likewise for `!=` joined by `and`), when the whole text is one such list. */
function pairPlusMinus(text: string): string {
  const m = /^([A-Za-z_]\w*) (=|!=) /.exec(text);
  if (!m) return text;
  const [, v, op] = m;
  const joiner = op === '=' ? ' or ' : ' and ';
  const items = text.split(joiner);
  const prefix = `${v} ${op} `;
  if (!items.every((t) => t.startsWith(prefix) && !/ (or|and) /.test(t))) return text;
  const values = items.map((t) => t.slice(prefix.length));
  const used = new Set<number>();
  const out: string[] = [];
  values.forEach((x, i) => {
    if (used.has(i)) return;
    const partner = x.startsWith('-') ? x.slice(1) : `-${x}`;
    const j = values.findIndex((y, k) => k !== i && !used.has(k) && y === partner);
    used.add(i);
    if (j >= 0) {
      used.add(j);
      out.push(`±${x.replace(/^-/, '')}`);
    } else out.push(x);
  });
  return out.map((x) => `${prefix}${x}`).join(joiner);
}
