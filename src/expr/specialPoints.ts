/**
 * Where a link may fail to be smooth: zeros of the arguments of abs, sign, relu, step,
 * of u − v in max(u, v)/min(u, v) (kinks and jumps), and zeros of denominators, of the
 * arguments of log and sqrt, and of bases raised to non-integer or negative powers
 * (singularities and domain edges). The numeric integrator splits at these points.
 */
import { polyDegree } from '../poly/polynomial.js';
import { findSpecialPoints } from '../quadrature/roots.js';
import { compileExpr } from './compile.js';
import { exprToPolynomial } from './toPolynomial.js';
import { binary, isConstant, walk, NONSMOOTH_FUNCTIONS, type Expr } from './tree.js';
import { closeTo, SAME_POINT } from '../numeric/tolerance.js';

/** Half-width of the window searched for special points; N(0,1) puts mass < 1e-300 beyond it. */
export const SPECIAL_POINT_WINDOW = 40;

export interface SpecialPoints {
  /** Zeros of kink/jump arguments: where σ or σ' may jump. */
  readonly kinks: readonly number[];
  /** Zeros of denominators, log/sqrt arguments and bases of fractional powers. */
  readonly singular: readonly number[];
}

/** Expressions whose zeros matter, split into kink sources and singularity sources. */
function criticalArguments(e: Expr): { kinks: Expr[]; singular: Expr[] } {
  const kinks: Expr[] = [];
  const singular: Expr[] = [];
  walk(e, (node) => {
    if (node.kind === 'call') {
      if (NONSMOOTH_FUNCTIONS.has(node.fn)) {
        kinks.push(node.args.length === 2 ? binary('sub', node.args[0]!, node.args[1]!) : node.args[0]!);
      } else if (node.fn === 'log' || node.fn === 'sqrt') {
        singular.push(node.args[0]!);
      }
    } else if (node.kind === 'div') {
      singular.push(node.right);
    } else if (node.kind === 'pow') {
      const ex = node.right;
      const integral = ex.kind === 'number' && ex.value.isInteger() && ex.value.sign() >= 0;
      if (!integral) singular.push(node.left);
    }
  });
  return { kinks: kinks.filter((g) => !isConstant(g)), singular: singular.filter((g) => !isConstant(g)) };
}

/** Real zeros of g in the window: closed form for rational polynomials of degree ≤ 2, else bracketing. */
function zerosOf(g: Expr): number[] {
  const p = exprToPolynomial(g);
  if (p && polyDegree(p) <= 2) {
    const [c, b, a] = [p[0]?.toNumber() ?? 0, p[1]?.toNumber() ?? 0, p[2]?.toNumber() ?? 0];
    if (a === 0) return b === 0 ? [] : [-c / b];
    const disc = b * b - 4 * a * c;
    if (disc < 0) return [];
    const q = -0.5 * (b + Math.sign(b || 1) * Math.sqrt(disc));
    return [q / a, c / q].filter(Number.isFinite);
  }
  const found = findSpecialPoints(compileExpr(g), -SPECIAL_POINT_WINDOW, SPECIAL_POINT_WINDOW);
  return [...found.crossings, ...found.touches, ...(found.poles ?? [])];
}

function sortedUnique(xs: number[]): number[] {
  const s = xs.filter((x) => Math.abs(x) <= SPECIAL_POINT_WINDOW).sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last === undefined || !closeTo(x, last, SAME_POINT)) out.push(x);
  }
  return out;
}

/**
 * @example specialPointsOf(parseLink('relu(z - 1) + abs(z)')).kinks // [0, 1]
 */
export function specialPointsOf(e: Expr): SpecialPoints {
  const { kinks, singular } = criticalArguments(e);
  return {
    kinks: sortedUnique(kinks.flatMap(zerosOf)),
    singular: sortedUnique(singular.flatMap(zerosOf)),
  };
}
