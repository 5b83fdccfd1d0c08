/**
 * Timings of the exact Hermite conversions (median of several runs, after a warm-up).
 * Importing this module runs nothing; call benchExact().
 */

import { Rational } from '../src/exact/rational.js';
import { hermeFromMonomials, monomialsFromHerme } from '../src/poly/hermiteE.js';
import type { Polynomial } from '../src/poly/polynomial.js';
import { SeededRandom } from '../src/stats/random.js';
import { timeCalls, type Timing } from './median.js';

/** Dense polynomial of the given degree, coefficients p/q with |p| ≤ 10^6, 1 ≤ q ≤ 10^6. */
export function randomRationalPolynomial(degree: number, seed = 1): Polynomial {
  const rand = new SeededRandom(seed); // seeded, so runs are comparable
  const out: Rational[] = [];
  for (let n = 0; n <= degree; n++) {
    const num = rand.integer(2_000_001) - 1_000_000;
    const den = 1 + rand.integer(1_000_000);
    out.push(Rational.of(n === degree && num === 0 ? 1 : num, den));
  }
  return out;
}

export function benchExact(): ({ name: string } & Timing)[] {
  const p200 = randomRationalPolynomial(200);
  const p1000 = randomRationalPolynomial(1000);
  const u200 = hermeFromMonomials(p200);
  return [
    { name: 'hermeFromMonomials degree 200', ...timeCalls(() => hermeFromMonomials(p200), 7) },
    { name: 'monomialsFromHerme degree 200', ...timeCalls(() => monomialsFromHerme(u200), 7) },
    { name: 'hermeFromMonomials degree 1000', ...timeCalls(() => hermeFromMonomials(p1000), 3) },
  ];
}
