// Kronecker's factor search: factors of products built in the test are found, irreducible
// polynomials (Eisenstein, or cubics without rational roots) are proven so.
import { describe, expect, it } from 'vitest';
import { polyDegree, polyFromInts, polyMul } from '../../src/poly/polynomial.js';
import { SeededRandom } from '../../src/stats/random.js';
import { kroneckerFactor } from '../../src/symbolic/kronecker.js';
import { polyDivMod } from '../../src/symbolic/univariate.js';

const divides = (g: ReturnType<typeof polyFromInts>, p: ReturnType<typeof polyFromInts>) => polyDivMod(p, g).remainder.every((c) => c.isZero());

describe('kroneckerFactor', () => {
  it('splits (a² + 6a + 27)(a³ + 15a² + 105a + 315), which nerdamer-prime returns unfactored', () => {
    const p = polyMul(polyFromInts([27, 6, 1]), polyFromInts([315, 105, 15, 1]));
    expect(kroneckerFactor(p)!.map(String)).toEqual(['27', '6', '1']);
  });

  it('proves Eisenstein polynomials irreducible (x⁴ + 2, x⁵ − 6x + 3, x⁶ + 10x + 5, x⁷ − 3)', () => {
    for (const p of [
      [2, 0, 0, 0, 1],
      [3, -6, 0, 0, 0, 1],
      [5, 10, 0, 0, 0, 0, 1],
      [-3, 0, 0, 0, 0, 0, 0, 1],
    ]) {
      expect(kroneckerFactor(polyFromInts(p))).toBeNull();
    }
  });

  it('finds a factor of every product of two random irreducible-or-not small polynomials', () => {
    const rand = new SeededRandom(7);
    for (let trial = 0; trial < 40; trial++) {
      const a = [1 + rand.integer(9), rand.integer(11) - 5, 1]; // monic quadratic
      const b = [rand.integer(13) - 6, rand.integer(9) - 4, rand.integer(7) - 3, 1]; // monic cubic
      if (b[0] === 0) b[0] = 2;
      const p = polyMul(polyFromInts(a), polyFromInts(b));
      const g = kroneckerFactor(p);
      expect(g).not.toBeNull();
      expect(g).not.toBeUndefined();
      expect(polyDegree(g!)).toBeGreaterThanOrEqual(1);
      expect(polyDegree(g!)).toBeLessThanOrEqual(2);
      expect(divides(g!, p)).toBe(true);
    }
  });
});
