/**
 * The sample-complexity ladder of a link from its information exponent p and generative
 * exponent p* (docs/theory.md §3–§4), each as the exponent of d (a rational string),
 * whether log factors are dropped, and the source.
 */
import { Rational } from '../exact/rational.js';

export type Algorithm = 'online-sgd' | 'csq' | 'sq' | 'batch-reuse' | 'information-theoretic';

export interface SampleComplexity {
  readonly algorithm: Algorithm;
  readonly description: string;
  /** n ≍ d^{dExponent}; null when the exponent it rests on is unknown (IE beyond the degrees searched). */
  readonly dExponent: string | null;
  /** True when the rate carries log factors (d log d, d polylog d) not shown in the exponent. */
  readonly log: boolean;
  readonly logNote: string | null;
  readonly source: string;
}

const maxRational = (a: Rational, b: Rational) => (a.compare(b) >= 0 ? a : b);

/**
 * The exponent (p − 1) ∨ 1 of online SGD's sample complexity n ≍ d^{(p−1)∨1} for information
 * exponent p (the rate of branch i of a phase diagram too).
 * @example onlineExponent(3) // 2
 */
export const onlineExponent = (p: number): number => Math.max(p - 1, 1);

/**
 * α* of alternating SGD from p and p₂ = IE(E[y² | z]) (docs/theory.md §4):
 * [((p−1)∨1) − ((p₂−1)∨1)]/2 when p > 2 and it is positive, else null (no breakpoint).
 * @example alternatingAlphaOf(3, 2) // '1/2'
 * @example alternatingAlphaOf(4, 2) // '1'
 * @example alternatingAlphaOf(1, 2) // null
 */
export function alternatingAlphaOf(ie: number | null, p2: number | null): string | null {
  if (ie === null || p2 === null || ie <= 2) return null;
  const gap = onlineExponent(ie) - onlineExponent(p2);
  return gap > 0 ? Rational.of(gap, 2).toString() : null;
}

/** (p − 1) ∨ 1 as a rational. */
const online = (p: number) => Rational.of(onlineExponent(p));
/**
 * max(1, p/2): the exponent of d in the sample complexity of the smoothed or batch-reused SGD at
 * generative exponent p (and of a generative leap k⋆).
 * @example halfExponent(3).toString() // '3/2'
 */
export const halfExponent = (p: number): Rational => maxRational(Rational.of(p, 2), Rational.ONE);

/**
 * @example sampleComplexityLadder(3, 1).map(s => s.dExponent) // ['2', '3/2', '1', '1', '1']
 */
export function sampleComplexityLadder(ie: number | null, ge: number | null): SampleComplexity[] {
  const str = (q: Rational | null) => q?.toString() ?? null;
  return [
    {
      algorithm: 'online-sgd',
      description: 'online SGD, n ≍ d^{(p−1)∨1} (d log d at p = 2)',
      dExponent: str(ie === null ? null : online(ie)),
      log: ie === 2,
      logNote: ie === 2 ? 'd log d' : null,
      source: 'Ben Arous, Gheissari & Jagannath 2021 (online SGD); docs/theory.md §3.5',
    },
    {
      algorithm: 'csq',
      description: 'correlational statistical queries, n ≍ d^{max(1, p/2)}',
      dExponent: str(ie === null ? null : halfExponent(ie)),
      log: false,
      logNote: null,
      source: 'CSQ lower bound d^{p/2}; docs/theory.md §3.5',
    },
    {
      algorithm: 'sq',
      description: 'statistical queries / low-degree polynomials (any efficient algorithm), n ≍ d^{max(1, p*/2)}',
      dExponent: str(ge === null ? null : halfExponent(ge)),
      log: false,
      logNote: null,
      source: 'Damian, Pillaud-Vivien, Lee & Bruna 2024 (generative exponent); docs/theory.md §3.5',
    },
    {
      algorithm: 'batch-reuse',
      description: 'batch-reuse or layer-wise SGD, n ≍ d^{(p*−1)∨1}',
      dExponent: str(ge === null ? null : online(ge)),
      log: ge !== null && ge <= 2,
      logNote: ge !== null && ge <= 2 ? 'd polylog d' : null,
      source: 'Lee, Oko, Suzuki & Wu 2024 (arXiv 2406.01581); arXiv 2510.21020; docs/theory.md §3.5, §4',
    },
    {
      algorithm: 'information-theoretic',
      description: 'information-theoretic (inefficient) estimator, n ≍ d',
      dExponent: '1',
      log: false,
      logNote: null,
      source: 'Damian, Pillaud-Vivien, Lee & Bruna 2024; docs/theory.md §3.5',
    },
  ];
}
