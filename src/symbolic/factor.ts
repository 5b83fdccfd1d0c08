/**
 * Factorisation over ℚ of a univariate polynomial into (candidate) irreducible factors. nerdamer-prime
 * proposes the factors; the product is then checked exactly in our own arithmetic (BigInt rationals),
 * and a proposal that does not multiply back to the input (nerdamer-prime 1.5.0 returns a wrong
 * product for x⁶ − 3x⁵ + 5x³ + 10x² − 13x − 11, for instance) is dropped for the trivial factorisation.
 * A factor of degree 2 or 3 without rational roots is irreducible (checked here); for degree ≥ 4
 * irreducibility is nerdamer-prime's claim. nerdamer is never used for a numeric value.
 */
import { createRequire } from 'node:module';
import { Rational } from '../exact/rational.js';
import { parseLink } from '../expr/parse.js';
import type { Expr } from '../expr/tree.js';
import { polyDegree, polyEquals, polyMul, polyTrim, type Polynomial } from '../poly/polynomial.js';
import { MPoly } from './mpoly.js';
import { polyDivMod, polyMonic, rationalRoots } from './univariate.js';
import { zPolynomialOf } from './zpoly.js';
import { kroneckerFactor } from './kronecker.js';

/** One factor: monic, with its multiplicity; `irreducible` when proven here (degree ≤ 3 without rational roots, or degree 1). */
export interface Factor {
  readonly polynomial: readonly Rational[];
  readonly multiplicity: number;
  readonly irreducible: boolean;
}

export interface Factorisation {
  readonly factors: readonly Factor[];
  /** 'nerdamer-prime' when its proposal multiplied back exactly, 'trivial' otherwise. */
  readonly by: 'nerdamer-prime' | 'trivial';
}

/** Largest degree handed to nerdamer-prime (its factoring takes ~0.5 s at degree 6 and grows fast). */
const MAX_FACTOR_DEGREE = 12;

interface Nerdamer {
  factor(expression: string): { toString(): string };
}

let loaded: Nerdamer | null | undefined;

/** nerdamer-prime with its Algebra module, loaded on first use (≈ 0.1 s); null when it cannot be loaded. */
function nerdamer(): Nerdamer | null {
  if (loaded !== undefined) return loaded;
  try {
    const require = createRequire(import.meta.url);
    const core = require('nerdamer-prime') as Nerdamer;
    require('nerdamer-prime/Algebra');
    loaded = core;
  } catch {
    loaded = null;
  }
  return loaded;
}

/** Proven irreducible over ℚ: degree 1, or degree 2–3 with no rational root. */
function provenIrreducible(p: Polynomial): boolean {
  const d = polyDegree(p);
  if (d === 1) return true;
  if (d === 2 || d === 3) return (rationalRoots(p) ?? [null]).length === 0;
  // degree ≤ 7: a factorisation has a factor of degree ≤ 3, which Kronecker's search finds or excludes
  return d <= 7 && kroneckerFactor(p) === null;
}

/**
 * Split every factor that Kronecker's search can split (our own arithmetic, after or instead of
 * nerdamer-prime's proposal): the factors come back monic, with their multiplicities.
 */
function refineByKronecker(factors: readonly { polynomial: Rational[]; multiplicity: number }[]): { polynomial: Rational[]; multiplicity: number }[] {
  const out: { polynomial: Rational[]; multiplicity: number }[] = [];
  const queue = [...factors];
  while (queue.length > 0) {
    const f = queue.shift()!;
    const g = polyDegree(f.polynomial) >= 4 && polyDegree(f.polynomial) <= 7 ? kroneckerFactor(f.polynomial) : null;
    if (!g) {
      out.push({ polynomial: polyMonic(f.polynomial), multiplicity: f.multiplicity });
      continue;
    }
    queue.push({ polynomial: g, multiplicity: f.multiplicity }, { polynomial: polyMonic(polyDivMod(f.polynomial, g).quotient), multiplicity: f.multiplicity });
  }
  return out;
}

/** Our own factorisation when nerdamer-prime gives none: Kronecker's search, else p itself. */
function byKronecker(p: Polynomial): Factorisation {
  const factors = refineByKronecker([{ polynomial: polyMonic(p), multiplicity: 1 }]);
  if (factors.length === 1) return trivial(p);
  return { factors: factors.map((f) => ({ ...f, irreducible: provenIrreducible(f.polynomial) })), by: 'trivial' };
}

function trivial(p: Polynomial): Factorisation {
  return { factors: [{ polynomial: polyMonic(p), multiplicity: 1, irreducible: provenIrreducible(p) }], by: 'trivial' };
}

/** The factors of a product tree f_1^{m_1}·f_2^{m_2}⋯ (a rational constant is skipped). */
function productFactors(e: Expr, v: string, out: { polynomial: Rational[]; multiplicity: number }[]): boolean {
  if (e.kind === 'mul') return productFactors(e.left, v, out) && productFactors(e.right, v, out);
  let base = e;
  let multiplicity = 1;
  if (e.kind === 'pow' && e.right.kind === 'number' && e.right.value.isInteger() && e.right.value.sign() > 0) {
    base = e.left;
    multiplicity = Number(e.right.value.num);
  }
  const z = zPolynomialOf(base);
  if (z === null || z.length > 1) return false;
  const p = (z[0] ?? MPoly.ZERO).univariate(v);
  if (p === null) return false;
  if (polyDegree(p) >= 1) out.push({ polynomial: polyMonic(p), multiplicity });
  return true;
}

/**
 * The factorisation of p (degree ≥ 1) in the variable v, checked exactly.
 * @example factorOverQ(polyFromInts([6, 0, -5, 0, 1]), 'a').factors.map((f) => f.polynomial.map(String)) // [['-2', '0', '1'], ['-3', '0', '1']]
 */
export function factorOverQ(p: Polynomial, v: string): Factorisation {
  const t = polyTrim(p);
  if (polyDegree(t) <= 1 || polyDegree(t) > MAX_FACTOR_DEGREE) return trivial(t);
  const n = nerdamer();
  if (n === null) return byKronecker(t);
  const text = MPoly.fromUnivariate(v, t).toString();
  const factors: { polynomial: Rational[]; multiplicity: number }[] = [];
  try {
    const proposal = n.factor(text).toString();
    if (!productFactors(parseLink(proposal, { freeParameters: true }), v, factors)) return byKronecker(t);
  } catch {
    return byKronecker(t);
  }
  // verify: the monic product equals the monic input, exactly
  let product: Polynomial = [Rational.ONE];
  for (const f of factors) for (let i = 0; i < f.multiplicity; i++) product = polyMul(product, f.polynomial);
  const monic = polyMonic(t);
  if (!polyEquals(product, monic)) return byKronecker(t);
  return { factors: refineByKronecker(factors).map((f) => ({ ...f, irreducible: provenIrreducible(f.polynomial) })), by: 'nerdamer-prime' };
}
