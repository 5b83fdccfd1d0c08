import { describe, expect, it } from 'vitest';
import { parseLink } from '../../src/expr/parse.js';
import { exprToTex } from '../../src/expr/tex.js';

describe('exprToTex', () => {
  it.each([
    ['2*3*z', '2 \\cdot 3 z'], // not "2 3 z", which reads as 23z
    ['z*2', 'z \\cdot 2'],
    ['3*z^2', '3 z^{2}'],
    ['(z/2)^2', '\\left(\\frac{z}{2}\\right)^{2}'], // not \frac{z}{2}^{2}
    ['(1/2)^z', '\\left(\\frac{1}{2}\\right)^{z}'],
    ['relu(z)/sqrt(2*pi)', '\\frac{\\operatorname{ReLU}\\left(z\\right)}{\\sqrt{2 \\pi}}'],
    ['2*(z+1)', '2 \\left(z + 1\\right)'],
    ['He3(z) - tanh(z)', '\\mathrm{He}_{3}\\left(z\\right) - \\tanh\\left(z\\right)'],
  ])('%s → %s', (input, tex) => {
    expect(exprToTex(parseLink(input))).toBe(tex);
  });
});
