// The symbolic derivative against central finite differences of the compiled link.
import { describe, expect, it } from 'vitest';
import { parseLink } from '../../src/expr/parse.js';
import { compileExpr } from '../../src/expr/compile.js';
import { derivativeOf } from '../../src/expr/derivative.js';

const links = [
  'z^3 - 3*z',
  'He(5, z)',
  'He4(sin(z))',
  'sqrt(1 + z^2)',
  'exp(-z^2/2)*cos(3*z)',
  'log(2 + z^2)',
  'tanh(2*z)',
  'sinh(z)/cosh(z)',
  'erf(z/2)',
  'abs(z)^3',
  'relu(z - 0.3)^2',
  'sigmoid(z)',
  'softplus(z)',
  'gelu(z)',
  'silu(z)',
  'max(z, 0.5*z)',
  'min(z^2, 1)',
  '2^z',
  '(1 + z^2)^z',
  'z/(1 + z^2)',
  'sign(z)*z^2',
  'step(z)*z',
];

describe('derivativeOf', () => {
  it.each(links)('%s matches a central difference', (s) => {
    const e = parseLink(s);
    const f = compileExpr(e);
    const df = compileExpr(derivativeOf(e));
    for (const z of [-1.37, -0.61, 0.23, 0.77, 1.91]) {
      const h = 1e-5;
      const fd = (f(z + h) - f(z - h)) / (2 * h);
      expect(Math.abs(df(z) - fd)).toBeLessThan(1e-7 * (1 + Math.abs(fd)));
    }
  });
});
