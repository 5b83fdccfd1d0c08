/** LaTeX of a link's tree, for tables in papers (`sindex table`). */
import { negatedTerm, PRECEDENCE as INPUT_PRECEDENCE, type Expr } from './tree.js';

/** As in the input syntax, except that \frac{}{} groups its own operands. */
const PRECEDENCE: Record<Expr['kind'], number> = { ...INPUT_PRECEDENCE, div: 9 };

const FUNCTION_TEX: Record<string, string> = {
  sqrt: '\\sqrt',
  exp: '\\exp',
  log: '\\log',
  sin: '\\sin',
  cos: '\\cos',
  tanh: '\\tanh',
  sinh: '\\sinh',
  cosh: '\\cosh',
  erf: '\\operatorname{erf}',
  sign: '\\operatorname{sign}',
  relu: '\\operatorname{ReLU}',
  step: '\\operatorname{step}',
  sigmoid: '\\operatorname{sigmoid}',
  softplus: '\\operatorname{softplus}',
  gelu: '\\operatorname{GELU}',
  silu: '\\operatorname{SiLU}',
  max: '\\max',
  min: '\\min',
};

/**
 * @example exprToTex(parseLink('relu(z)/sqrt(2*pi)')) // '\\frac{\\operatorname{ReLU}\\left(z\\right)}{\\sqrt{2 \\pi}}'
 * @example exprToTex(parseLink('z^3 + -3*z')) // 'z^{3} - 3 z'
 */
export function exprToTex(e: Expr): string {
  const wrap = (child: Expr, min: number) => {
    const s = exprToTex(child);
    const p = negatedTerm(child) !== null && PRECEDENCE[child.kind] > PRECEDENCE.neg ? PRECEDENCE.neg : PRECEDENCE[child.kind];
    return p < min ? `\\left(${s}\\right)` : s;
  };
  switch (e.kind) {
    case 'number':
      return e.value.toTex();
    case 'constant':
      return e.name === 'pi' ? '\\pi' : 'e';
    case 'variable':
      return 'z';
    case 'symbol':
      return e.name === 'eta' ? '\\eta' : e.name;
    case 'neg':
      return `-${wrap(e.arg, PRECEDENCE.neg + 1)}`;
    case 'add':
    case 'sub': {
      // a + (−b) as a − b, a − (−b) as a + b
      const positive = negatedTerm(e.right);
      const minus = (e.kind === 'sub') !== (positive !== null);
      const right = positive ?? e.right;
      return minus ? `${wrap(e.left, 4)} - ${wrap(right, 5)}` : `${wrap(e.left, 4)} + ${wrap(right, 4)}`;
    }
    case 'mul': {
      // juxtaposition, except before a digit (2 \cdot 3, z \cdot 2: "2 3" would read as 23); a
      // negative right factor in parentheses (z (-3), not "z -3", which reads as a difference)
      const right = negatedTerm(e.right) !== null ? `\\left(${exprToTex(e.right)}\\right)` : wrap(e.right, 6);
      return `${wrap(e.left, 5)}${/^\d/.test(right) ? ' \\cdot ' : ' '}${right}`;
    }
    case 'div': {
      // −a/b as −\frac{a}{b}
      const positive = negatedTerm(e.left);
      return positive !== null ? `-\\frac{${exprToTex(positive)}}{${exprToTex(e.right)}}` : `\\frac{${exprToTex(e.left)}}{${exprToTex(e.right)}}`;
    }
    case 'pow': {
      // a fraction as the base needs parentheses too (\frac{z}{2}^{2} would read as the denominator squared)
      const fraction = e.left.kind === 'div' || (e.left.kind === 'number' && !e.left.value.isInteger());
      const base = wrap(e.left, 8);
      return `${fraction && base === exprToTex(e.left) ? `\\left(${base}\\right)` : base}^{${exprToTex(e.right)}}`;
    }
    case 'call': {
      if (e.fn === 'sqrt') return `\\sqrt{${exprToTex(e.args[0]!)}}`;
      if (e.fn === 'abs') return `\\left|${exprToTex(e.args[0]!)}\\right|`;
      return `${FUNCTION_TEX[e.fn]}\\left(${e.args.map(exprToTex).join(', ')}\\right)`;
    }
    case 'hermite':
      return `\\mathrm{He}_{${e.degree}}\\left(${exprToTex(e.arg)}\\right)`;
  }
}
