/**
 * Exact piecewise-linear phase diagrams. With η = d^{−α}, every quantity of the framework
 * (docs/theory.md §4) is a sum of powers of d, so its exponent is a maximum of lines in α
 * and the exponent of T = min_i T_i is piecewise linear with rational breakpoints.
 */
import { Rational } from '../exact/rational.js';
import type { PhasePiece } from './result.js';

/** slope·α + intercept. */
export interface Line {
  readonly slope: Rational;
  readonly intercept: Rational;
}

/** max over lines (the exponent of a sum of powers of d). */
export type MaxOfLines = readonly Line[];

const at = (l: Line, alpha: Rational) => l.slope.mul(alpha).add(l.intercept);

/** The active line of a max of lines at α (largest value, then largest slope to the right). */
export function activeLine(f: MaxOfLines, alpha: Rational): Line {
  let best = f[0]!;
  for (const l of f.slice(1)) {
    const c = at(l, alpha).compare(at(best, alpha));
    if (c > 0 || (c === 0 && l.slope.compare(best.slope) > 0)) best = l;
  }
  return best;
}

/** α where two lines meet, if they are not parallel. */
function intersection(a: Line, b: Line): Rational | null {
  const ds = a.slope.sub(b.slope);
  return ds.isZero() ? null : b.intercept.sub(a.intercept).div(ds);
}

export interface Branch<T> {
  /** The branch's exponent: Σ sign·(max of lines) + constant. */
  readonly terms: readonly { readonly weight: Rational; readonly f: MaxOfLines }[];
  readonly constant: Rational;
  readonly tag: T;
}

export interface Piece<T> {
  readonly from: Rational;
  /** null: +∞. */
  readonly to: Rational | null;
  /** Exponent of T on the piece: slope·α + intercept. */
  readonly line: Line;
  /** The winning branch's tag, evaluated inside the piece. */
  readonly tag: T;
}

/**
 * The exponent of min over branches, as pieces over α ∈ [0, ∞), merged where the same
 * line and tag continue. `tagAt` refines the tag inside a piece (e.g. which label power
 * drives the winning branch), given the branch and a point inside the piece.
 */
export function minimumOfBranches<T, U>(branches: readonly Branch<T>[], tagAt: (branch: Branch<T>, alpha: Rational) => U): Piece<U>[] {
  if (branches.length === 0) return [];
  const allLines = branches.flatMap((b) => b.terms.flatMap((t) => t.f));
  const candidates = new Map<string, Rational>();
  const addCandidate = (x: Rational | null) => {
    if (x && x.sign() > 0) candidates.set(x.toString(), x);
  };
  for (let i = 0; i < allLines.length; i++) for (let j = i + 1; j < allLines.length; j++) addCandidate(intersection(allLines[i]!, allLines[j]!));
  const lineOf = (b: Branch<T>, alpha: Rational): Line =>
    b.terms.reduce<Line>(
      (acc, t) => {
        const l = activeLine(t.f, alpha);
        return { slope: acc.slope.add(t.weight.mul(l.slope)), intercept: acc.intercept.add(t.weight.mul(l.intercept)) };
      },
      { slope: Rational.ZERO, intercept: b.constant },
    );
  // first pass: intervals on which every max-of-lines is linear; add crossings of branch lines inside them
  const coarse = [Rational.ZERO, ...[...candidates.values()].sort((a, b) => a.compare(b))];
  for (let i = 0; i < coarse.length; i++) {
    const lo = coarse[i]!;
    const hi = coarse[i + 1] ?? null;
    const mid = hi ? lo.add(hi).div(Rational.of(2)) : lo.add(Rational.ONE);
    const lines = branches.map((b) => lineOf(b, mid));
    for (let a = 0; a < lines.length; a++) {
      for (let b = a + 1; b < lines.length; b++) {
        const x = intersection(lines[a]!, lines[b]!);
        if (x && x.compare(lo) > 0 && (hi === null || x.compare(hi) < 0)) addCandidate(x);
      }
    }
  }
  const cuts = [Rational.ZERO, ...[...candidates.values()].sort((a, b) => a.compare(b))];
  const pieces: Piece<U>[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1] ?? null;
    const mid = to ? from.add(to).div(Rational.of(2)) : from.add(Rational.ONE);
    let best: { branch: Branch<T>; line: Line; value: Rational } | null = null;
    for (const branch of branches) {
      const line = lineOf(branch, mid);
      const value = at(line, mid);
      if (best === null || value.compare(best.value) < 0) best = { branch, line, value };
    }
    const tag = tagAt(best!.branch, mid);
    const last = pieces[pieces.length - 1];
    if (
      last &&
      last.line.slope.equals(best!.line.slope) &&
      last.line.intercept.equals(best!.line.intercept) &&
      JSON.stringify(last.tag) === JSON.stringify(tag)
    ) {
      pieces[pieces.length - 1] = { ...last, to };
    } else {
      pieces.push({ from, to, line: best!.line, tag });
    }
  }
  return pieces;
}

/** The α > 0 where the slope of the exponent changes. */
export function breakpointsOf<U>(pieces: readonly Piece<U>[]): Rational[] {
  const out: Rational[] = [];
  for (let i = 1; i < pieces.length; i++) {
    if (!pieces[i]!.line.slope.equals(pieces[i - 1]!.line.slope)) out.push(pieces[i]!.from);
  }
  return out;
}

/** A line as text in α: "2", "-1 + 2*alpha". */
function lineString(l: Line): string {
  if (l.slope.isZero()) return l.intercept.toString();
  const slope = l.slope.equals(Rational.ONE) ? 'alpha' : l.slope.equals(Rational.ONE.neg()) ? '-alpha' : `${l.slope.toString()}*alpha`;
  return l.intercept.isZero() ? slope : `${l.intercept.toString()} ${l.slope.sign() > 0 ? '+' : '-'} ${slope.replace(/^-/, '')}`;
}

/** A piece of the minimum as a result row; `generative` when it is flat at the generative rate, driven by a label power > 1. */
export function phasePiece(p: Piece<{ i: number; labelPower: number }>, geRate: Rational | null): PhasePiece {
  const generative = geRate !== null && p.line.slope.isZero() && p.line.intercept.equals(geRate) && p.tag.labelPower > 1;
  return {
    alphaFrom: p.from.toString(),
    alphaTo: p.to?.toString() ?? null,
    sampleExponent: lineString(p.line),
    slope: p.line.slope.toString(),
    intercept: p.line.intercept.toString(),
    branch: p.tag.i,
    labelPower: p.tag.labelPower,
    regime: p.tag.labelPower === 1 ? 'information' : generative ? 'generative' : 'label-power',
    log: p.tag.i === 2,
  };
}
