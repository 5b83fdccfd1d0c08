import { Rational } from '../exact/rational.js';
import { onlineExponent } from '../generative/sampleComplexity.js';
import type { FormulaCheck, PhasePiece, ThresholdAlgorithm } from './result.js';

/**
 * The closed forms of docs/theory.md §4 as checks, with α* = −(exponent of η*), for each
 * breakpoint of the diagram where the driving label power changes from i to j:
 * alternating: η* ≍ d^{[((p_2−1)∨1) − ((p−1)∨1)]/2};
 * batch reuse: derived η* ≍ d^{[((p_j−1)∨1) − ((p_i−1)∨1)]/(2(j−i)) − 1}, published reading
 * d^{[…]/(2(j−i)−1)}. `derivedMatches`/`publishedMatches`: the formula gives that breakpoint.
 */
export function formulaChecks(algorithm: ThresholdAlgorithm, labelPowers: readonly (number | null)[], pieces: readonly PhasePiece[]): FormulaCheck[] {
  const rate = (p: number) => Rational.of(onlineExponent(p));
  const checks: FormulaCheck[] = [];
  for (let n = 1; n < pieces.length; n++) {
    const [i, j] = [pieces[n]!.labelPower, pieces[n - 1]!.labelPower].sort((a, b) => a - b) as [number, number];
    const pi = labelPowers[i - 1];
    const pj = labelPowers[j - 1];
    if (i === j || pi == null || pj == null) continue;
    const breakpoint = pieces[n]!.alphaFrom;
    const gap = rate(pi).sub(rate(pj)); // −[((p_j−1)∨1) − ((p_i−1)∨1)]
    let derived: Rational;
    let published: Rational;
    if (algorithm === 'alternating') {
      derived = published = gap.div(Rational.of(2 * (j - i)));
    } else if (algorithm === 'batch-reuse') {
      derived = gap.div(Rational.of(2 * (j - i))).add(Rational.ONE);
      published = gap.div(Rational.of(2 * (j - i) - 1));
    } else {
      continue;
    }
    checks.push({
      pair: [i, j],
      breakpoint,
      derived: derived.toString(),
      published: published.toString(),
      derivedMatches: derived.toString() === breakpoint,
      publishedMatches: published.toString() === breakpoint,
    });
  }
  return checks;
}
