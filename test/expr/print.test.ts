// The text printer (exprToString) and the LaTeX printer (exprToTex): a sum whose right term
// starts with a minus sign prints as a difference, and the printed text still means the same
// function (values compared with the tree's own, by hand where the tree would hide a sign).
import { describe, expect, it } from 'vitest';
import { parseLink } from '../../src/expr/parse.js';
import { compileExpr } from '../../src/expr/compile.js';
import { exprToString, negatedTerm } from '../../src/expr/tree.js';
import { exprToTex } from '../../src/expr/tex.js';

describe('exprToString: signs', () => {
  it.each([
    ['z^3 + -3*z', 'z^3 - 3*z'],
    ['z^3 + (-3)*z', 'z^3 - 3*z'],
    ['z + -3', 'z - 3'],
    ['z - -3', 'z + 3'],
    ['z - (-3*z)', 'z + 3*z'],
    ['z + -1/2', 'z - 1/2'],
    ['z + -(z + 1)', 'z - (z + 1)'],
    ['z - -(z - 1)', 'z + z - 1'],
    ['z^3 - 3*z', 'z^3 - 3*z'],
    ['-3*z + z^3', '-3*z + z^3'],
    ['z - (1 - z)', 'z - (1 - z)'],
  ])('%s → %s', (input, printed) => {
    expect(exprToString(parseLink(input))).toBe(printed);
  });

  it('prints the same function: z^3 + -3*z at z = 2 is 8 − 6 = 2, and so is what it prints', () => {
    const e = parseLink('z^3 + -3*z');
    expect(compileExpr(e)(2)).toBe(2);
    expect(compileExpr(parseLink(exprToString(e)))(2)).toBe(2);
    for (const s of ['z - -(z - 1)', 'z + -(z + 1)', 'z - (-3*z)', '2 - -1/2*z^2', 'z + -3/2*z']) {
      const f = compileExpr(parseLink(s));
      const g = compileExpr(parseLink(exprToString(parseLink(s))));
      for (const z of [-1.7, 0.3, 2.2]) expect(g(z)).toBeCloseTo(f(z), 12);
    }
  });

  it('negatedTerm drops the leading minus of numbers, negations, products and quotients only', () => {
    expect(exprToString(negatedTerm(parseLink('-3*z'))!)).toBe('3*z');
    expect(exprToString(negatedTerm(parseLink('-(z + 1)'))!)).toBe('z + 1');
    expect(exprToString(negatedTerm(parseLink('-1/2'))!)).toBe('1/2');
    expect(negatedTerm(parseLink('3*z'))).toBeNull();
    expect(negatedTerm(parseLink('(-3)^2'))).toBeNull();
    expect(negatedTerm(parseLink('z - 1'))).toBeNull();
  });
});

describe('exprToTex: signs', () => {
  it.each([
    ['z^3 + -3*z', 'z^{3} - 3 z'],
    ['z - -3', 'z + 3'],
    ['z + -1/2', 'z - \\frac{1}{2}'],
    ['-1/2', '-\\frac{1}{2}'],
    ['z*(-3)', 'z \\left(-3\\right)'], // not "z -3", which reads as a difference
    ['(-1/2)^z', '\\left(-\\frac{1}{2}\\right)^{z}'],
  ])('%s → %s', (input, tex) => {
    expect(exprToTex(parseLink(input))).toBe(tex);
  });
});
