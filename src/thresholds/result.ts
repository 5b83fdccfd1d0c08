/**
 * What `thresholds` returns, and the options it takes: drift coefficients μ_i, branches, the phase
 * diagram of the exponent of T in η = d^{−α}, formula checks and crossovers at a concrete d.
 */
import { Rational } from '../exact/rational.js';
import type { Algorithm } from './oracle.js';
import type { LinkInput } from '../expr/link.js';

export const DEFAULT_D = 1000;
export const DEFAULT_MAX_INDEX = 8;
/** Largest --max-index, --depth and --order (Taylor terms of batch reuse). */
export const MAX_MAX_INDEX = 40;
export const MAX_DEPTH = 8;
export const MAX_BATCH_ORDER = 12;

export type ThresholdAlgorithm = Algorithm | 'custom';
export const THRESHOLD_ALGORITHMS: readonly ThresholdAlgorithm[] = ['online', 'batch-reuse', 'alternating', 'custom'];

export interface ThresholdOptions {
  readonly target: LinkInput;
  readonly student?: LinkInput;
  readonly algorithm: ThresholdAlgorithm;
  /** The oracle ψ(y, z) for `custom` (may use eta and d). */
  readonly psi?: string;
  readonly a?: Rational;
  readonly d?: number;
  readonly noise?: Rational;
  readonly parameters?: ReadonlyMap<string, Rational>;
  readonly maxIndex?: number;
  readonly order?: number;
  readonly depth?: number;
  /** Wall-time budget in seconds for the numeric work (none by default; the CLI sets 20 s). */
  readonly timeLimit?: number;
}

export interface MuEntry {
  readonly i: number;
  readonly exact: string | null;
  readonly polynomial: string;
  /** Largest absolute error bound of the polynomial's coefficients (0 when exact). */
  readonly error: number;
  readonly zero: boolean;
  /** The lowest power of η with a nonzero coefficient, and the label power y^k it comes from. */
  readonly etaPower: number | null;
  readonly labelPower: number | null;
  readonly contributions: readonly {
    readonly labelPower: number;
    readonly etaPower: number;
    readonly dPower: number;
    readonly value: number;
    readonly error: number;
    readonly exact: string | null;
  }[];
}

export interface BranchEntry {
  readonly i: number;
  /** T_i ≍ E[ψ²]·μ_i^{−2}·d^{dExponent} (× log d when log). */
  readonly dExponent: string;
  readonly log: boolean;
  /** μ_i ∝ η^{etaPower} at small η. */
  readonly etaPower: number;
  readonly labelPower: number;
  readonly mu: string;
  readonly T: string;
  readonly gamma: string;
}

export interface PhasePiece {
  readonly alphaFrom: string;
  readonly alphaTo: string | null;
  /** Exponent of d in T on the piece, as "a + b*alpha". */
  readonly sampleExponent: string;
  readonly slope: string;
  readonly intercept: string;
  readonly branch: number;
  readonly labelPower: number;
  readonly regime: 'information' | 'label-power' | 'generative';
  readonly log: boolean;
}

/** A phase piece's numbers: α from `from` to `to` (Infinity when open), where T ≍ d^{slope·α + intercept}. */
export function pieceNumbers(p: PhasePiece): { from: number; to: number; slope: number; intercept: number } {
  const n = (q: string) => Rational.parse(q).toNumber();
  return { from: n(p.alphaFrom), to: p.alphaTo === null ? Infinity : n(p.alphaTo), slope: n(p.slope), intercept: n(p.intercept) };
}

/** The piece of the phase diagram holding α (pieces in increasing α), or null. */
export function pieceAt(pieces: readonly PhasePiece[], alpha: number): PhasePiece | null {
  return (
    pieces.find((p) => {
      const q = pieceNumbers(p);
      return q.from <= alpha && alpha < q.to;
    }) ?? null
  );
}

/** The exponent of d in T on piece p at α. */
export function exponentAt(p: PhasePiece, alpha: number): number {
  const q = pieceNumbers(p);
  return q.slope * alpha + q.intercept;
}

/** How far in α a picture of the diagram goes: 1.5 × the last breakpoint, at least 2. */
export function phaseAlphaMax(breakpoints: readonly string[]): number {
  return Math.max(2, 1.5 * Math.max(0, ...breakpoints.map((b) => Rational.parse(b).toNumber())));
}

export interface FormulaCheck {
  /** Label powers y^i and y^j that drive the pieces on either side of the breakpoint. */
  readonly pair: readonly [number, number];
  readonly breakpoint: string;
  /** α* from the formula derived in docs/theory.md §4, and from the published summary's reading. */
  readonly derived: string;
  readonly published: string;
  readonly derivedMatches: boolean;
  readonly publishedMatches: boolean;
}

export interface Crossover {
  /** a point of the bracket (its geometric middle) and the bracket [η_lo, η_hi] in which the winning branch changes */
  readonly eta: number;
  readonly etaBracket: readonly [number, number];
  readonly alphaEquivalent: number;
  readonly fromBranch: number;
  readonly toBranch: number;
}

export interface ThresholdResult {
  readonly algorithm: ThresholdAlgorithm;
  readonly target: string;
  readonly student: string;
  readonly noise: string | null;
  readonly oracle: string;
  readonly truncatedAt: number | null;
  readonly exact: boolean;
  readonly informationExponent: number | null;
  readonly generativeExponent: number | null;
  readonly labelPowers: readonly (number | null)[];
  readonly mu: readonly MuEntry[];
  /**
   * E[ψ_η²] at m = 0: exact polynomial in η and d (or null), the largest error of its coefficients,
   * and its values at η = 0 and η = 1 with the given d, each with its error bound (for a custom ψ by
   * quadrature: at the ends of the η grid, d^{−3} and 1).
   */
  readonly psiSecondMoment: {
    readonly exact: string | null;
    readonly polynomial: string;
    readonly error: number;
    readonly atEtaZero: number;
    readonly atEtaZeroError: number;
    readonly atEtaOne: number;
    readonly atEtaOneError: number;
  };
  readonly branches: readonly BranchEntry[];
  readonly phaseDiagram: { readonly pieces: readonly PhasePiece[]; readonly breakpoints: readonly string[]; readonly note: string | null };
  /** Non-separable custom ψ: μ_i and E[ψ²] by 2-D quadrature at each η of the grid at the concrete d. */
  readonly quadrature:
    | readonly {
        readonly eta: number;
        readonly mu: readonly number[];
        readonly muError: readonly number[];
        readonly psiSecondMoment: number;
        readonly psiSecondMomentError: number;
      }[]
    | null;
  readonly checks: readonly FormulaCheck[];
  readonly depth: { readonly D: number; readonly label: string; readonly pieces: readonly PhasePiece[]; readonly breakpoints: readonly string[] } | null;
  readonly atD: {
    readonly d: number;
    readonly etaStar: number | null;
    /** the bracket of η* (a crossover's etaBracket): by bisection to rounding, or one step of the η grid for a custom ψ */
    readonly etaStarBracket: readonly [number, number] | null;
    readonly etaStarOverInverseSqrtD: number | null;
    readonly crossovers: readonly Crossover[];
    readonly T: readonly { readonly eta: number; readonly T: number; readonly branch: number; readonly gamma: number }[];
  };
}
