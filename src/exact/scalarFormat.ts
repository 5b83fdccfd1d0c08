/**
 * Printing ExactScalar terms as mathjs expressions and as LaTeX.
 *
 * Each term q·√r·π^{h/2}·e^{s}, q = ±a/b, is written as a fraction
 *
 *     ± [a] [π^k] [√(radicand)] [e^s]  /  [c] [π^k'] [√(radicand')]
 *
 * with these rules:
 *  - the integer radicand r goes to the denominator when r divides b (then c = b/r):
 *    1/6·√6 → 1/sqrt(6), ½√2 → 1/sqrt(2); otherwise it stays upstairs (√6/2 → sqrt(6)/2);
 *  - π^{h/2} contributes π^⌊|h|/2⌋ and, for odd h, a factor π under the root, upstairs for h > 0
 *    and downstairs for h < 0; the two radicands share one root: ½√2·π^{-1/2} → 1/sqrt(2*pi);
 *  - when both numerator and denominator carry a root they merge into one: √2·π^{-1/2} → sqrt(2/pi);
 *  - e^s always stays upstairs as exp(s) (negative s written inside: exp(-1/2));
 *  - factors Φ(b) of the standard normal CDF stay upstairs, last, as Phi(b) (TeX \Phi(b)),
 *    a repeated one as Phi(b)^n; `Phi` is not a mathjs built-in, it names Φ(x) = erfc(−x/√2)/2;
 *  - a factor 1 is omitted, an empty numerator is "1", a composite denominator is parenthesised.
 * Terms are joined with " + " / " - " in canonical order (rational part first); zero is "0".
 * The result is a sum: parenthesise it before embedding it in a larger expression.
 */

import type { Rational } from './rational.js';
import type { ScalarTerm } from './scalarTerm.js';

type RadicandFactor = bigint | 'pi';

interface TermShape {
  readonly negative: boolean;
  /** |numerator of q| (omitted when 1). */
  readonly a: bigint;
  /** Denominator coefficient (omitted when 1). */
  readonly c: bigint;
  readonly numRadicand: readonly RadicandFactor[];
  readonly denRadicand: readonly RadicandFactor[];
  /** Integer powers of π upstairs and downstairs. */
  readonly piNum: number;
  readonly piDen: number;
  readonly s: Rational;
  /** Distinct Φ arguments with their multiplicities, ascending. */
  readonly phi: readonly { readonly b: Rational; readonly n: number }[];
}

function phiGroups(phi: readonly Rational[] | undefined): { b: Rational; n: number }[] {
  const out: { b: Rational; n: number }[] = [];
  for (const b of phi ?? []) {
    const last = out[out.length - 1];
    if (last && last.b.equals(b)) last.n++;
    else out.push({ b, n: 1 });
  }
  return out;
}

function shape(t: ScalarTerm): TermShape {
  const negative = t.q.num < 0n;
  const a = negative ? -t.q.num : t.q.num;
  const b = t.q.den;
  const numRadicand: RadicandFactor[] = [];
  const denRadicand: RadicandFactor[] = [];
  let c = b;
  if (t.r !== 1n) {
    if (b % t.r === 0n) {
      denRadicand.push(t.r);
      c = b / t.r;
    } else {
      numRadicand.push(t.r);
    }
  }
  let piNum = 0;
  let piDen = 0;
  if (t.h > 0) {
    piNum = Math.floor(t.h / 2);
    if (t.h % 2 !== 0) numRadicand.push('pi');
  } else if (t.h < 0) {
    piDen = Math.floor(-t.h / 2);
    if (t.h % 2 !== 0) denRadicand.push('pi');
  }
  return { negative, a, c, numRadicand, denRadicand, piNum, piDen, s: t.s, phi: phiGroups(t.phi) };
}

function joinSum(bodies: readonly { negative: boolean; body: string }[]): string {
  if (bodies.length === 0) return '0';
  return bodies.map(({ negative, body }, i) => (i === 0 ? (negative ? `-${body}` : body) : negative ? ` - ${body}` : ` + ${body}`)).join('');
}

// ---------- mathjs ----------

function radicandText(factors: readonly RadicandFactor[]): string {
  return factors.map((f) => (f === 'pi' ? 'pi' : f.toString())).join('*');
}

function piText(k: number): string {
  return k === 1 ? 'pi' : `pi^${k}`;
}

function termText(t: ScalarTerm): { negative: boolean; body: string } {
  const sh = shape(t);
  const num: string[] = [];
  const den: string[] = [];
  if (sh.a !== 1n) num.push(sh.a.toString());
  if (sh.piNum > 0) num.push(piText(sh.piNum));
  if (sh.numRadicand.length > 0 && sh.denRadicand.length > 0) {
    const d = radicandText(sh.denRadicand);
    num.push(`sqrt(${radicandText(sh.numRadicand)}/${sh.denRadicand.length > 1 ? `(${d})` : d})`);
  } else if (sh.numRadicand.length > 0) {
    num.push(`sqrt(${radicandText(sh.numRadicand)})`);
  }
  if (!sh.s.isZero()) num.push(`exp(${sh.s.toString()})`);
  for (const { b, n } of sh.phi) num.push(n === 1 ? `Phi(${b.toString()})` : `Phi(${b.toString()})^${n}`);
  if (sh.c !== 1n) den.push(sh.c.toString());
  if (sh.piDen > 0) den.push(piText(sh.piDen));
  if (sh.denRadicand.length > 0 && sh.numRadicand.length === 0) den.push(`sqrt(${radicandText(sh.denRadicand)})`);
  const top = num.length === 0 ? '1' : num.join('*');
  const body = den.length === 0 ? top : `${top}/${den.length > 1 ? `(${den.join('*')})` : den[0]}`;
  return { negative: sh.negative, body };
}

/** mathjs syntax (operators + - * / ^, sqrt, exp, pi), plus Phi(b) for the standard normal CDF. */
export function formatScalar(terms: readonly ScalarTerm[]): string {
  return joinSum(terms.map(termText));
}

// ---------- LaTeX ----------

/** Concatenate TeX factors, separating a control word from a following letter ("\pi e^{2}"). */
function juxtapose(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) {
    if (out !== '' && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(p)) out += ' ';
    out += p;
  }
  return out;
}

function radicandTex(factors: readonly RadicandFactor[]): string {
  return juxtapose(factors.map((f) => (f === 'pi' ? '\\pi' : f.toString())));
}

function piTex(k: number): string {
  return k === 1 ? '\\pi' : `\\pi^{${k}}`;
}

function termTex(t: ScalarTerm): { negative: boolean; body: string } {
  const sh = shape(t);
  const num: string[] = [];
  const den: string[] = [];
  if (sh.a !== 1n) num.push(sh.a.toString());
  if (sh.piNum > 0) num.push(piTex(sh.piNum));
  if (sh.numRadicand.length > 0 && sh.denRadicand.length > 0) {
    num.push(`\\sqrt{\\frac{${radicandTex(sh.numRadicand)}}{${radicandTex(sh.denRadicand)}}}`);
  } else if (sh.numRadicand.length > 0) {
    num.push(`\\sqrt{${radicandTex(sh.numRadicand)}}`);
  }
  if (!sh.s.isZero()) num.push(sh.s.num === 1n && sh.s.den === 1n ? 'e' : `e^{${sh.s.toTex()}}`);
  for (const { b, n } of sh.phi) num.push(n === 1 ? `\\Phi(${b.toTex()})` : `\\Phi(${b.toTex()})^{${n}}`);
  if (sh.c !== 1n) den.push(sh.c.toString());
  if (sh.piDen > 0) den.push(piTex(sh.piDen));
  if (sh.denRadicand.length > 0 && sh.numRadicand.length === 0) den.push(`\\sqrt{${radicandTex(sh.denRadicand)}}`);
  const top = num.length === 0 ? '1' : juxtapose(num);
  const body = den.length === 0 ? top : `\\frac{${top}}{${juxtapose(den)}}`;
  return { negative: sh.negative, body };
}

/** LaTeX: "\frac{1}{\sqrt{2\pi}}", "\sqrt{\frac{2}{\pi}}", "3e^{2}", "-\frac{1}{4\sqrt{\pi}}". */
export function formatScalarTex(terms: readonly ScalarTerm[]): string {
  return joinSum(terms.map(termTex));
}
