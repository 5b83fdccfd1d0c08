/**
 * Links in plot titles as mathematics: Unicode for SVG text (He₃(z), z³ − 3z, √2·ReLU(z)) and
 * LaTeX (src/expr/tex.ts) for pgfplots. The titles carry the link as printed by the engine; it is
 * parsed again here, and shown as plain text if it does not parse.
 */
import { parseLink } from '../expr/parse.js';
import { exprToTex } from '../expr/tex.js';
import { negatedTerm, PRECEDENCE, type Expr } from '../expr/tree.js';
import { escapeLatex } from './pgfplots.js';

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
  '−': '⁻',
  '+': '⁺',
  '(': '⁽',
  ')': '⁾',
  z: 'ᶻ',
  y: 'ʸ',
  d: 'ᵈ',
  e: 'ᵉ',
};
const SUBSCRIPT = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

const FUNCTION_NAME: Partial<Record<string, string>> = { relu: 'ReLU', gelu: 'GELU', silu: 'SiLU' };

/** `text` in superscript characters, or null when one of them has none. */
function superscriptOf(text: string): string | null {
  let out = '';
  for (const c of text.replace(/ /g, '')) {
    const s = SUPERSCRIPT[c];
    if (s === undefined) return null;
    out += s;
  }
  return out;
}

const subscript = (n: number) => [...String(n)].map((c) => SUBSCRIPT[Number(c)]!).join('');

/** A link as Unicode mathematics: He₃(z), z³ − 3z, 2·3, z·tanh(z), e⁻ᶻ, √(2π). */
export function exprToUnicode(e: Expr): string {
  const wrap = (child: Expr, min: number): string => {
    const s = exprToUnicode(child);
    const p =
      negatedTerm(child) !== null && PRECEDENCE[child.kind] > PRECEDENCE.neg
        ? PRECEDENCE.neg
        : child.kind === 'number' && !child.value.isInteger()
          ? PRECEDENCE.div
          : PRECEDENCE[child.kind];
    return p < min ? `(${s})` : s;
  };
  switch (e.kind) {
    case 'number':
      return e.value.toString().replace('-', '−');
    case 'constant':
      return e.name === 'pi' ? 'π' : 'e';
    case 'variable':
      return 'z';
    case 'symbol':
      return e.name === 'eta' ? 'η' : e.name;
    case 'neg':
      return `−${wrap(e.arg, PRECEDENCE.neg + 1)}`;
    case 'add':
    case 'sub': {
      const positive = negatedTerm(e.right);
      const minus = (e.kind === 'sub') !== (positive !== null);
      const right = positive ?? e.right;
      return minus ? `${wrap(e.left, 4)} − ${wrap(right, 5)}` : `${wrap(e.left, 4)} + ${wrap(right, 4)}`;
    }
    case 'mul': {
      const left = wrap(e.left, 5);
      const right = negatedTerm(e.right) !== null ? `(${exprToUnicode(e.right)})` : wrap(e.right, 6);
      // 3z, 2π, 3(z + 1); a dot between anything else (2·3, z·tanh(z))
      const juxtapose = e.left.kind === 'number' && e.left.value.isInteger() && !/^[\d−]/.test(right);
      return `${left}${juxtapose ? '' : '·'}${right}`;
    }
    case 'div':
      return `${wrap(e.left, 5)}/${wrap(e.right, 6)}`;
    case 'pow': {
      const base = wrap(e.left, 8);
      const exponent = exprToUnicode(e.right);
      const sup = superscriptOf(exponent);
      return sup !== null ? `${base}${sup}` : `${base}^${wrap(e.right, 8)}`;
    }
    case 'call': {
      if (e.fn === 'sqrt') return `√${wrap(e.args[0]!, 9)}`;
      if (e.fn === 'abs') return `|${exprToUnicode(e.args[0]!)}|`;
      return `${FUNCTION_NAME[e.fn] ?? e.fn}(${e.args.map(exprToUnicode).join(', ')})`;
    }
    case 'hermite':
      return `He${subscript(e.degree)}(${exprToUnicode(e.arg)})`;
  }
}

function parsed(source: string): Expr | null {
  try {
    return parseLink(source);
  } catch {
    return null;
  }
}

/**
 * @example linkUnicode('He(3, z)') // 'He₃(z)'
 */
export function linkUnicode(source: string): string {
  const e = parsed(source);
  return e === null ? source : exprToUnicode(e);
}

/**
 * LaTeX for a link inside text: math mode, or escaped text when it does not parse.
 * @example linkTex('He(3, z)') // '$\\mathrm{He}_{3}\\left(z\\right)$'
 */
export function linkTex(source: string): string {
  const e = parsed(source);
  return e === null ? escapeLatex(source) : `$${exprToTex(e)}$`;
}
