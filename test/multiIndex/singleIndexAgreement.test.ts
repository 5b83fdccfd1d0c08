// r = 1: a link σ(z) read as the multi-index link σ(z1) must give the single-index answers
// (docs/theory.md §8): α_(k) = α_k, leap = the information exponent p, generative leap = p*.
// The expected values are not the engine's single-index route but the catalogs' independent ones:
//  - α_k (k ≤ 12, 30 digits, "0" = exactly zero) and p from cases/links.yaml (cases/generate.py:
//    sympy exact algebra or mpmath quadrature, the source of each entry stated there);
//  - p* from test/fixtures/generative/lambda.json (gen_lambda.py, mpmath, two quadrature routes),
//    else p* = 1 where p = 1 (p* ≤ p, Damian et al. 2024, arXiv 2403.05529).
// The rewrite z → z1 is made on the parsed tree (every `variable` node replaced by the direction z1),
// never on the text.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { erf, evaluate } from 'mathjs';
import { linkOf, type Link } from '../../src/expr/link.js';
import { analyzeMultiIndex } from '../../src/multiIndex/analyzeMulti.js';
import { substitute } from '../../src/multiIndex/variables.js';

/** K: the catalog's coefficients go to k = 12. */
const K = 12;

interface CatalogLink {
  readonly name: string;
  readonly expr: string;
  readonly parity: 'odd' | 'even' | 'none';
  readonly class: 'polynomial' | 'closed-form' | 'piecewise' | 'smooth';
  readonly informationExponent: number | null;
  readonly coefficients: Record<string, string>;
  readonly source: string;
}

const catalog = parse(readFileSync(fileURLToPath(new URL('../../cases/links.yaml', import.meta.url)), 'utf8')) as CatalogLink[];
const lambda = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/generative/lambda.json', import.meta.url)), 'utf8')) as {
  links: { expr: string; noise: string | null; generativeExponent: number }[];
};

/** p* of a noiseless link: lambda.json's value, else 1 when p = 1 (p* ≤ p), else unknown here. */
const pStar = (c: CatalogLink): number | null =>
  lambda.links.find((l) => l.expr === c.expr && l.noise === null)?.generativeExponent ?? (c.informationExponent === 1 ? 1 : null);

/** σ(z) as the multi-index link σ(z1): the tree with every occurrence of z replaced by the direction z1. */
function inZ1(source: string): Link {
  const z1 = linkOf('z1', { variables: 'multi' }).expr;
  return { source, expr: substitute(linkOf(source).expr, (n) => (n.kind === 'variable' ? z1 : null)) };
}

/** The value of an exact coefficient (mathjs syntax, no variable; Φ the standard normal CDF) in double precision, by mathjs. */
const closedFormValue = (exact: string): number => Number(evaluate(exact, { Phi: (x: number) => (1 + erf(x / Math.SQRT2)) / 2 }));

/**
 * Skipped: none of cases/links.yaml has a free parameter or is slow (the slowest takes ~25 ms here).
 * `constant` (1.5) mentions no direction: r = 0, so its leap is not compared with p (none); its
 * coefficient α_0 = 3/2 is.
 */
const NO_DIRECTION = new Set(['constant']);

describe('r = 1: analyzeMultiIndex(σ(z1)) agrees with the single-index catalog', () => {
  for (const c of catalog) {
    let analysed: ReturnType<typeof analyzeMultiIndex> | undefined;
    const analysis = () => (analysed ??= analyzeMultiIndex(inZ1(c.expr), { maxDegree: K }));

    it(`${c.name}: α_(k) = α_k for k ≤ ${K} (exact ones exactly, numeric ones within their bounds)`, () => {
      const a = analysis();
      if (!NO_DIRECTION.has(c.name)) expect(a.variables).toBe(1);
      for (let k = 0; k <= K; k++) {
        const reference = c.coefficients[String(k)]!;
        const ref = Number(reference);
        const found = a.coefficients.find((x) => x.multiIndex.reduce((s, m) => s + m, 0) === k);
        const what = `${c.name}: α_${k} (catalog ${reference}; ${c.source})`;
        if (reference === '0') {
          // exactly zero in the catalog: certified zero here (left out), or at most a value within its bound, not certified nonzero
          if (found) {
            expect(found.status, what).not.toBe('nonzero');
            expect(Math.abs(found.orthonormal), what).toBeLessThanOrEqual(found.error);
          }
          continue;
        }
        expect(found, what).toBeDefined();
        expect(found!.status, what).toBe('nonzero');
        if (found!.exact !== null) {
          expect(found!.error, what).toBe(0);
          // the closed form itself, evaluated, against 30 digits (double rounding only)
          expect(Math.abs(closedFormValue(found!.exact) - ref), what).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(ref)));
          expect(Math.abs(found!.orthonormal - ref), what).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(ref)));
        } else {
          // the catalog's decimal rounds to double within 2^-53 relative
          expect(Math.abs(found!.orthonormal - ref), what).toBeLessThanOrEqual(found!.error + 2 ** -53 * Math.abs(ref));
        }
      }
    });

    if (NO_DIRECTION.has(c.name)) continue;

    it(`${c.name}: leap = information exponent ${c.informationExponent}`, () => {
      const a = analysis();
      expect(a.leap).toBe(c.informationExponent);
    });

    const expected = pStar(c);
    if (expected !== null) {
      it(`${c.name}: generative leap = p* = ${expected}`, () => {
        expect(analysis().generativeLeap).toBe(expected);
      });
    }
  }
});
