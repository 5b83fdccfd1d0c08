// Special functions against mpmath (test/fixtures/special/gen_special.py), relative 4e-15.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { erf, erfc, gelu, normalCdf, sigmoid, softplus } from '../../src/numeric/special.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/special/special.json', import.meta.url), 'utf8')) as Record<string, string[]>;
const functions = { erf, erfc, normalCdf, gelu, softplus, sigmoid };

describe('special functions', () => {
  it.each(Object.keys(functions))('%s matches mpmath', (name) => {
    const f = functions[name as keyof typeof functions];
    ref.x!.forEach((xs, i) => {
      const expected = Number(ref[name]![i]);
      const got = f(Number(xs));
      const tol = 4e-15 * Math.abs(expected) + 1e-300;
      if (!(Math.abs(got - expected) <= tol)) throw new Error(`${name}(${xs}) = ${got}, expected ${expected}, diff ${got - expected}`);
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(tol);
    });
  });
});
