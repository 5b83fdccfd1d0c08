// Structural parity claims, checked by evaluating σ(z) ± σ(−z) at sample points.
import { describe, expect, it } from 'vitest';
import { parseLink } from '../../src/expr/parse.js';
import { compileExpr } from '../../src/expr/compile.js';
import { parityModuloAffine, parityOf } from '../../src/expr/parity.js';

const zs = [0.3, 0.9, 1.7, 2.6];

function numericallyEven(f: (z: number) => number): boolean {
  return zs.every((z) => Math.abs(f(z) - f(-z)) <= 1e-12 * (1 + Math.abs(f(z))));
}
function numericallyOdd(f: (z: number) => number): boolean {
  return zs.every((z) => Math.abs(f(z) + f(-z)) <= 1e-12 * (1 + Math.abs(f(z))));
}

describe('parityOf', () => {
  it.each([
    ['z*tanh(z)', 'even'],
    ['sin(z)^3 + z', 'odd'],
    ['cos(z) + abs(z)^3', 'even'],
    ['He(5, z) + He(3, sin(z))', 'odd'],
    ['He(4, z^3 + z)', 'even'],
    ['exp(z^2/8) - 1', 'even'],
    ['relu(z)', 'none'],
    ['z + z^2', 'none'],
    ['erf(2*z)/(1 + z^2)', 'odd'],
    ['max(z^2, cos(z))', 'even'],
  ])('%s is %s', (s, parity) => {
    const e = parseLink(s);
    expect(parityOf(e)).toBe(parity);
    const f = compileExpr(e);
    if (parity === 'even') expect(numericallyEven(f)).toBe(true);
    if (parity === 'odd') expect(numericallyOdd(f)).toBe(true);
  });
});

describe('parityModuloAffine', () => {
  it.each([
    ['sigmoid(z)', 'odd'],
    ['step(2*z)', 'odd'],
    ['relu(z)', 'even'],
    ['softplus(z) + 3*z', 'even'],
    ['gelu(z) - silu(z)', 'even'],
    ['gelu(z) + tanh(z)', 'none'],
    ['2*sigmoid(-z) + sin(z)', 'odd'],
  ])('%s minus an affine function is %s', (s, parity) => {
    const e = parseLink(s);
    expect(parityModuloAffine(e)).toBe(parity);
    const f = compileExpr(e);
    // odd modulo affine: σ(z) + σ(−z) is constant; even modulo affine: σ(z) − σ(−z) is linear in z
    const sym = (z: number) => f(z) + f(-z) - (f(0) + f(-0));
    const anti = (z: number) => (f(z) - f(-z)) / z;
    if (parity === 'odd') for (const z of zs) expect(Math.abs(sym(z))).toBeLessThan(1e-12);
    if (parity === 'even') for (const z of zs) expect(Math.abs(anti(z) - anti(zs[0]!))).toBeLessThan(1e-12);
  });
});
