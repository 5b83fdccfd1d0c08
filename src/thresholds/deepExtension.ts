import { Rational } from '../exact/rational.js';
import { onlineExponent } from '../generative/sampleComplexity.js';
import { breakpointsOf, minimumOfBranches, phasePiece, type Branch } from './phaseDiagram.js';

/** Depth D (summary only, unverified): T ≍ min over i ≤ D of η^{−2(i−1)}·d^{(p_i−1)∨1}. */
export function depthDiagram(D: number, labelPowers: readonly (number | null)[]) {
  type Tag = { i: number };
  const branches: Branch<Tag>[] = [];
  for (let i = 1; i <= D; i++) {
    const p = labelPowers[i - 1];
    if (p == null) continue;
    branches.push({
      terms: [{ weight: Rational.ONE, f: [{ slope: Rational.of(2 * (i - 1)), intercept: Rational.ZERO }] }],
      constant: Rational.of(onlineExponent(p)),
      tag: { i },
    });
  }
  const pieces = minimumOfBranches(branches, (b) => ({ i: b.tag.i, labelPower: b.tag.i }));
  return {
    D,
    label: 'from a summary of arXiv 2510.21020, unverified',
    pieces: pieces.map((p) => phasePiece(p, null)),
    breakpoints: breakpointsOf(pieces).map((b) => b.toString()),
  };
}
