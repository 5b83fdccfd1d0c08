import { describe, expect, it } from 'vitest';
import { compileExpr, compileOracleForSpeed, fastOracleOf, type SymbolCells } from '../../src/expr/compile.js';
import { parseLink } from '../../src/expr/parse.js';
import { oraclePolynomial } from '../../src/expr/toOraclePolynomial.js';
import { compileSweep } from '../../src/verify/runTask.js';
import { sweepConfig } from '../../src/index.js';
import type { SweepConfig } from '../../src/verify/plan.js';

const parse = (text: string) => parseLink(text, { symbols: ['y', 'eta', 'd'] });

/** ψ(y, z) through the tree walk (compileExpr with cells): the route the fast closure replaces. */
function treeOracle(text: string): (y: number, z: number) => number {
  const cells: SymbolCells = { y: 0, eta: 0, d: 0 };
  const f = compileExpr(parse(text), cells);
  return (y, z) => {
    cells.y = y;
    return f(z);
  };
}

describe('an oracle ψ(y, z) as Σ_i y^i·q_i(z)', () => {
  it('expands products, powers, Hermite polynomials and division by a constant exactly', () => {
    // coefficients expanded by hand: y·He₃'(z) = y(3z² − 3); (y − z)² = z² − 2z·y + y²;
    // y·He₂(z)/2 + 1 = 1 + y(z²/2 − 1/2); −y³z = −z·y³
    const cases: [string, string[][]][] = [
      ['y*(3*z^2 - 3)', [[], ['-3', '0', '3']]],
      ['(y - z)^2', [['0', '0', '1'], ['0', '-2'], ['1']]],
      ['y*He2(z)/2 + 1', [['1'], ['-1/2', '0', '1/2']]],
      ['-(y^3*z)', [[], [], [], ['0', '-1']]],
      ['y - y', []],
    ];
    for (const [text, expected] of cases)
      expect(
        oraclePolynomial(parse(text))!.map((q) => q.map(String)),
        text,
      ).toEqual(expected);
  });

  it('declines what is not a polynomial in y and z', () => {
    for (const text of ['tanh(y)*z', 'eta*y*z', 'd*y', 'y/z', 'y^(1/2)', 'He3(y)*z', 'y^9', 'exp(z)*y']) {
      expect(oraclePolynomial(parse(text)), text).toBeNull();
    }
  });

  it('evaluates as the tree does, to rounding', () => {
    const texts = ['y*(3*z^2 - 3)', '(y - z)^2', 'y*He4(z) - 2*y^2*z + 7', 'y^3*He2(z) + y', '5', 'z^5/3 - z'];
    for (const text of texts) {
      const fast = compileOracleForSpeed(parse(text))!;
      const tree = treeOracle(text);
      expect(fast, text).not.toBeNull();
      for (let i = 0; i < 200; i++) {
        const y = Math.sin(i) * 4;
        const z = Math.cos(1.7 * i) * 3;
        const want = tree(y, z);
        expect(Math.abs(fast(y, z) - want), `${text} at (${y}, ${z})`).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(want)) * 64);
      }
    }
  });

  it('gives the online oracle y·He₃′(z) bit for bit, as the tree does', () => {
    const fast = compileOracleForSpeed(parse('y*(3*z^2 - 3)'))!;
    const tree = treeOracle('y*(3*z^2 - 3)');
    for (let i = 0; i < 1000; i++) {
      const y = Math.sin(3 * i) * 10;
      const z = Math.cos(i) * 4;
      expect(Object.is(fast(y, z), tree(y, z))).toBe(true);
    }
  });

  it('is what a custom sweep runs, and a ψ with η or d keeps the tree', () => {
    const config = (psi: string): SweepConfig => sweepConfig({ target: 'He3(z)', algo: 'custom', psi, d: [64], seeds: 1, maxSteps: 1 });
    const plain = compileSweep(config('y*(3*z^2 - 3)')).algorithmAt(1 / 64, 64);
    const scaled = compileSweep(config('eta*d*y*(3*z^2 - 3)')).algorithmAt(1 / 64, 64);
    if (plain.kind !== 'custom' || scaled.kind !== 'custom') throw new Error('not custom');
    // the sweep runs the Horner closure for ψ without η, d (its terms are known: fastOracleOf), the tree otherwise
    expect(fastOracleOf(plain.psi)?.map((q) => q && [q.form, Array.from(q.coefficients)])).toEqual([null, ['even', [-3, 3]]]);
    expect(fastOracleOf(scaled.psi)).toBeUndefined();
    // η·d = 1 here, so both are y·He₃'(z): 2·(3·4 − 3) = 18 at (y, z) = (2, 2)
    expect(plain.psi(2, 2)).toBe(18);
    expect(scaled.psi(2, 2)).toBe(18);
  });
});
