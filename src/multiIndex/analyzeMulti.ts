/**
 * The analysis of a multi-index link y = g(z1..zr) + noise: its multivariate Hermite expansion,
 * the CSQ (coordinate) leap exponent with its staircase, and the online-SGD sample complexity
 * n ≍ d^{max(Leap−1, 1)} (arXiv 2302.11055). Label noise leaves E[y | z] = g, so it changes none
 * of these; it is recorded.
 */
import { OutOfRangeError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { linkOf, type LinkInput } from '../expr/link.js';
import { exprToString } from '../expr/tree.js';
import { expansionRoute, multiHermiteExpansion, type MultiCoefficient, type MultiExpansion } from './expansion.js';
import { GENERATIVE_LEAP_NOTE, generativeLeap, generativeSampleComplexity, type GenerativeStep } from './generativeLeap.js';
import { bottleneckLeap, leapSampleComplexity, staircase, type LeapMove } from './leap.js';

export const LEAP_NOTE = 'coordinate leap (Abbe, Boix-Adserà, Misiakiewicz 2023, arXiv 2302.11055): an upper bound of the rotation-invariant isoLeap';

/** A leap the numbers cannot decide: the values it may take and why. */
export interface UndecidedLeap {
  readonly undecided: true;
  /** Every value the leap can still take (the last may stand for "or more" when `unbounded`). */
  readonly candidates: readonly number[];
  /** True when no certified path reaches every direction (the leap may be larger than every candidate). */
  readonly unbounded: boolean;
  readonly reason: string;
}

export interface MultiStaircasePhase {
  readonly phase: number;
  /** Directions (1-based) learned in this phase. */
  readonly adds: readonly number[];
  readonly leap: number;
  /** n ≍ d^{max(leap−1, 1)} for this phase. */
  readonly sampleComplexity: string;
  /** The multi-indices that carry it. */
  readonly through: readonly (readonly number[])[];
}

export interface MultiIndexAnalysis {
  readonly mode: 'multi-index';
  readonly input: string;
  readonly expression: string;
  /** r. */
  readonly variables: number;
  readonly directions: readonly number[];
  readonly noise: string | null;
  readonly maxDegree: number;
  /** Set when the requested K could not be reached and a smaller one was used (why). */
  readonly maxDegreeNote: string | null;
  /** How the expansion was computed (route, parities, certified zeros, tolerance, what lies beyond K). */
  readonly expansion: Omit<MultiExpansion, 'coefficients'>;
  /** The coefficient table: every multi-index with |k| ≤ K not certified zero. */
  readonly coefficients: readonly MultiCoefficient[];
  /** The leap (an integer), or what is known of it. */
  readonly leap: number | UndecidedLeap;
  readonly leapNote: string;
  /** How the leap was decided. */
  readonly leapDecidedBy: string;
  /** Ordered phases; empty when the leap is undecided. */
  readonly staircase: readonly MultiStaircasePhase[];
  /** n ≍ d^{max(Leap−1, 1)} (d log d at leap 2), or null when the leap is undecided. */
  readonly sampleComplexity: string | null;
  /** The generative leap k* (arXiv 2506.05500), or what is known of it. */
  readonly generativeLeap: number | UndecidedLeap;
  /** The steps S_0 = ∅ ⊂ S_1 ⊂ …: the k of each step, the directions it adds and how it was decided. */
  readonly generativeSteps: readonly GenerativeStep[];
  /** n ≍ d^{max(1, k⋆/2)} for low-degree (SQ) algorithms, or null when k* is undecided. */
  readonly generativeSampleComplexity: string | null;
  readonly generativeNote: string;
}

export interface MultiAnalyzeOptions {
  /** K: coefficients with |k| ≤ K (default 8). */
  readonly maxDegree?: number;
  readonly noise?: Rational;
  readonly parameters?: ReadonlyMap<string, Rational>;
  readonly relativeTolerance?: number;
}

export const DEFAULT_MULTI_MAX_DEGREE = 8;
/** K for a link only the nested quadrature can expand (two directions without structure), and the K it falls back to. */
export const DEFAULT_NUMERIC_MAX_DEGREE = 4;
const NUMERIC_FALLBACK = [3];
/** Tensor orders plus test degrees for the generative leap on the numeric route. */
const NUMERIC_GENERATIVE_DEGREE = 3;
export const MAX_MULTI_MAX_DEGREE = 30;

const moveOf = (k: readonly number[]): LeapMove => {
  const directions = k.flatMap((ks, i) => (ks > 0 ? [i + 1] : []));
  return { directions, degrees: directions.map((s) => k[s - 1]!) };
};

/** The leap from an expansion: certified support (upper bound) against every possible support (lower bound). */
export function leapOf(expansion: MultiExpansion): { leap: number | UndecidedLeap; decidedBy: string; phases: MultiStaircasePhase[] } {
  if (expansion.route === 'not-computed') {
    return {
      leap: { undecided: true, candidates: [], unbounded: true, reason: `the expansion was not computed: ${expansion.reason}` },
      decidedBy: 'not computed',
      phases: [],
    };
  }
  const certified = expansion.coefficients.filter((c) => c.status === 'nonzero' && c.multiIndex.some((x) => x > 0)).map((c) => c.multiIndex);
  const certainBeyond = expansion.unseen
    .filter((g) => g.certain)
    .map((g) => {
      const k = new Array<number>(expansion.variables).fill(0);
      g.directions.forEach((s, i) => (k[s - 1] = g.minimumIndex[i]!));
      return k;
    });
  const possible = expansion.coefficients.map((c) => moveOf(c.multiIndex));
  // an uncertain group may hold a coefficient on any subset of its directions that keeps those every
  // coefficient involves: one optimistic move per such subset
  const unseenMoves = expansion.unseen.flatMap((g): LeapMove[] => {
    if (g.certain) return [{ directions: g.directions, degrees: g.minimumIndex }];
    const moves: LeapMove[] = [];
    for (let mask = 1; mask < 1 << g.directions.length; mask++) {
      if (g.mayBeAbsent.some((absent, i) => !absent && (mask & (1 << i)) === 0)) continue;
      const picked = g.directions.flatMap((_, i) => ((mask & (1 << i)) !== 0 ? [i] : []));
      moves.push({ directions: picked.map((i) => g.directions[i]!), degrees: picked.map((i) => g.minimumIndex[i]!) });
    }
    return moves;
  });
  const target = [...new Set([...possible, ...unseenMoves].flatMap((m) => m.directions))].sort((a, b) => a - b);
  const support = [...certified, ...certainBeyond];
  const upper = bottleneckLeap(support.map(moveOf), target);
  const lower = target.length === 0 ? 0 : Math.max(1, bottleneckLeap([...possible, ...unseenMoves], target));
  const K = expansion.maxDegree;
  const beyond = expansion.unseen.some((g) => !g.certain);
  if (upper === lower) {
    const phases = staircase(support).map((p, i) => ({
      phase: i + 1,
      adds: p.adds,
      leap: p.leap,
      sampleComplexity: leapSampleComplexity(p.leap),
      through: p.through,
    }));
    const how =
      expansion.route === 'polynomial'
        ? 'exact: the whole support of the polynomial'
        : `certified nonzero coefficients up to |k| ≤ ${K}${beyond ? '; beyond, lower bounds from parity and product structure cannot lower it' : ''}`;
    return { leap: upper, decidedBy: how, phases };
  }
  const undecidedCount = expansion.coefficients.filter((c) => c.status !== 'nonzero').length;
  const reasons = [
    undecidedCount > 0 ? `${undecidedCount} coefficient${undecidedCount === 1 ? '' : 's'} up to |k| ≤ ${K} neither certified zero nor nonzero` : null,
    beyond ? `coefficients beyond |k| ≤ ${K} are not computed and could lower it` : null,
    upper === Infinity ? 'no path of certified nonzero coefficients reaches every direction' : null,
  ].filter((x) => x !== null);
  const top = upper === Infinity ? Math.max(lower, K) : upper;
  const candidates = Array.from({ length: Math.max(0, top - lower + 1) }, (_, i) => lower + i);
  return { leap: { undecided: true, candidates, unbounded: upper === Infinity, reason: reasons.join('; ') }, decidedBy: 'undecided', phases: [] };
}

/**
 * @example analyzeMultiIndex('z1*z2*z3').leap // 3
 * @example analyzeMultiIndex('z1 + z1*z2 + z1*z2*z3').staircase.map((p) => p.adds) // [[1], [2], [3]]
 * @example analyzeMultiIndex('He4(z1)').sampleComplexity // 'd^3'
 */
export function analyzeMultiIndex(input: LinkInput, options: MultiAnalyzeOptions = {}): MultiIndexAnalysis {
  const requested = options.maxDegree;
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1 || requested > MAX_MULTI_MAX_DEGREE)) {
    throw new OutOfRangeError(`--max-degree must be an integer from 1 to ${MAX_MULTI_MAX_DEGREE} for a multi-index link, got ${requested}`);
  }
  if (options.noise && options.noise.sign() < 0) throw new OutOfRangeError(`--noise is a variance Δ ≥ 0, got ${options.noise.toString()}`);
  const link = typeof input === 'string' ? linkOf(input, { parameters: options.parameters, variables: 'multi' }) : input;
  const numeric = expansionRoute(link.expr) === 'numeric';
  // the nested quadrature's cost grows fast with K: numeric links default to a smaller K, and a K it
  // cannot reach falls back to the largest of NUMERIC_FALLBACK below it that it can
  let K = requested ?? (numeric ? DEFAULT_NUMERIC_MAX_DEGREE : DEFAULT_MULTI_MAX_DEGREE);
  let expansion = multiHermiteExpansion(link.expr, { maxDegree: K, relativeTolerance: options.relativeTolerance });
  let degreeNote: string | null = null;
  if (numeric && expansion.route === 'not-computed') {
    for (const lower of NUMERIC_FALLBACK.filter((k) => k < K)) {
      const retry = multiHermiteExpansion(link.expr, { maxDegree: lower, relativeTolerance: options.relativeTolerance });
      if (retry.route !== 'not-computed') {
        degreeNote = `|k| ≤ ${K} was not reached (${expansion.reason}); computed up to |k| ≤ ${lower}`;
        K = lower;
        expansion = retry;
        break;
      }
    }
  }
  const { leap, decidedBy, phases } = leapOf(expansion);
  const generative = generativeLeap(link.expr, {
    maxDegree: numeric ? Math.min(K, NUMERIC_GENERATIVE_DEGREE) : K,
    noise: options.noise,
    relativeTolerance: options.relativeTolerance,
    expansion,
  });
  const { coefficients, ...how } = expansion;
  return {
    mode: 'multi-index',
    input: link.source,
    expression: exprToString(link.expr),
    variables: expansion.variables,
    directions: expansion.directions,
    noise: options.noise?.toString() ?? null,
    maxDegree: K,
    maxDegreeNote: degreeNote,
    expansion: how,
    coefficients,
    leap,
    leapNote: LEAP_NOTE,
    leapDecidedBy: decidedBy,
    staircase: phases,
    sampleComplexity: typeof leap === 'number' ? leapSampleComplexity(leap) : null,
    generativeLeap: generative.value,
    generativeSteps: generative.steps,
    generativeSampleComplexity: typeof generative.value === 'number' ? generativeSampleComplexity(generative.value) : null,
    generativeNote: GENERATIVE_LEAP_NOTE,
  };
}
