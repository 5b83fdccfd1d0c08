import { describe, expect, it } from 'vitest';
import { parseLink } from '../../src/expr/parse.js';
import { exprToString } from '../../src/expr/tree.js';
import { compileExpr } from '../../src/expr/compile.js';
import { ParseError, OutOfRangeError } from '../../src/errors.js';
import { Rational } from '../../src/exact/rational.js';

function parseError(source: string, parameters?: Map<string, Rational>): ParseError {
  try {
    parseLink(source, { parameters });
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`expected a ParseError for ${source}`);
}

describe('parseLink', () => {
  it('turns decimals into the exact fractions they spell', () => {
    const e = parseLink('0.1');
    expect(e.kind === 'number' && e.value.equals(Rational.of(1, 10))).toBe(true);
    const f = parseLink('1e-3');
    expect(f.kind === 'number' && f.value.equals(Rational.of(1, 1000))).toBe(true);
    const g = parseLink('2.5E+2');
    expect(g.kind === 'number' && g.value.equals(Rational.of(250))).toBe(true);
  });

  it('substitutes named parameters exactly', () => {
    const e = parseLink('tanh(a*z)', { parameters: new Map([['a', Rational.of(2)]]) });
    expect(compileExpr(e)(0.3)).toBeCloseTo(Math.tanh(0.6), 15);
  });

  it('reads He(k, z) and the He3(z) shorthand as the same node', () => {
    expect(parseLink('He(3, z)')).toEqual(parseLink('He3(z)'));
  });

  it('compiles to the values of the functions it names (independent Math.* values)', () => {
    const f = compileExpr(parseLink('sqrt(2)*sin(z) + cosh(z)/2 - max(z, 1) + min(z, -1) + abs(z)^3 + exp(-z^2) + log(1 + z^2)'));
    const z = 0.7;
    const expected =
      Math.sqrt(2) * Math.sin(z) + Math.cosh(z) / 2 - Math.max(z, 1) + Math.min(z, -1) + Math.abs(z) ** 3 + Math.exp(-z * z) + Math.log(1 + z * z);
    expect(f(z)).toBeCloseTo(expected, 14);
    expect(compileExpr(parseLink('He4(z)'))(1.5)).toBeCloseTo(1.5 ** 4 - 6 * 1.5 ** 2 + 3, 13);
    expect(compileExpr(parseLink('relu(z) + step(z) + sign(z)'))(-0.2)).toBe(-1);
    expect(compileExpr(parseLink('2z'))(3)).toBe(6);
  });

  it('round-trips through exprToString', () => {
    for (const s of ['-z^2 + 3*z - 1/2', 'relu(z - 1)/(1 + z^2)', 'He(5, 2*z)', '(z + 1)^3', '2^(-z)', '-(z + 1)']) {
      const e = parseLink(s);
      const back = parseLink(exprToString(e));
      for (const z of [-1.3, 0.4, 2.1]) expect(compileExpr(back)(z)).toBeCloseTo(compileExpr(e)(z), 12);
    }
  });
});

describe('bad input', () => {
  it('points at a syntax error', () => {
    const e = parseError('2*(z+');
    expect(e.message).toMatch(/syntax error/);
    expect(e.position).toBe(5);
    expect(parseError('2 ** z').position).toBe(3);
  });

  it('suggests the nearest name', () => {
    const e = parseError('rleu(z)');
    expect(e.message).toMatch(/unknown function 'rleu'/);
    expect(e.hint).toMatch(/relu/);
    expect(e.position).toBe(0);
    expect(parseError('z + tahn(z)').hint).toMatch(/tanh/);
    expect(parseError('z + tahn(z)').position).toBe(4);
  });

  it('names a variable other than z', () => {
    const e = parseError('x^2 + 1');
    expect(e.message).toMatch(/unknown name 'x'.*variable is z/);
    expect(e.position).toBe(0);
  });

  it('asks for a value of an unset parameter', () => {
    expect(parseError('tanh(beta*z)').hint).toMatch(/--set beta=/);
  });

  it('checks arity and the Hermite index', () => {
    expect(parseError('He(z)').message).toMatch(/He takes 2 arguments/);
    expect(parseError('He(2.5, z)').message).toMatch(/non-negative integer, got 5\/2/);
    expect(parseError('He(-1, z)').message).toMatch(/non-negative integer/);
    expect(parseError('max(z)').message).toMatch(/max takes 2 arguments, got 1/);
    expect(parseError('sin(z, 2)').message).toMatch(/sin takes 1 argument, got 2/);
  });

  it('refuses what is not a link function', () => {
    // characters outside the language are refused on the raw text, with their position
    expect(parseError('f(z) = z^2').message).toMatch(/'=' .*function definition/);
    expect(parseError('f(z) = z^2').position).toBe(5);
    expect(parseError('[z, 1]').message).toMatch(/matrix/);
    expect(parseError('z > 1').message).toMatch(/'>' .*comparison/);
    expect(parseError('z!').message).toMatch(/'!' .*factorial/);
    expect(parseError('"abc"').message).toMatch(/string/);
    expect(parseError('z # + exp(z^2)').position).toBe(2);
    expect(parseError('   ').message).toMatch(/empty/);
  });

  it('refuses input over 10 000 characters', () => {
    expect(() => parseLink(`${'z+'.repeat(5001)}z`)).toThrow(OutOfRangeError);
  });
});

describe('compileForSpeed', () => {
  it('evaluates polynomials by Horner as the tree does, and leaves other links to the tree', async () => {
    const { compileForSpeed } = await import('../../src/expr/compile.js');
    // even (q(z²)) and odd (z·q(z²)) polynomials of each length, mixed ones, constants, non-polynomials
    for (const s of [
      'He3(z)',
      'He5(z)',
      'He7(z)',
      'z^3',
      'z^2',
      '3*z^2 - 3',
      'He4(z)',
      'He6(z)',
      'He(12, z)',
      'He6(z) + z/3',
      '(z - 1)^4 - 2',
      '7',
      'z',
      'tanh(z) + z^2',
    ]) {
      const e = parseLink(s);
      const slow = compileExpr(e);
      const fast = compileForSpeed(e);
      for (const z of [-2.2, -0.3, 0, 0.9, 1.7]) expect(fast(z), `${s} at ${z}`).toBeCloseTo(slow(z), 9);
    }
  });
});
