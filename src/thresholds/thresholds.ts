/**
 * `thresholds`: for a target σ*, a student σ and an algorithm, the drift coefficients μ_i(η),
 * E[ψ_η²], the branches T_i ≍ E[ψ²]·μ_i^{−2}·d^{(i−1)∨1} (log d at i = 2) with their steps
 * γ_i ≍ μ_i/(E[ψ²]·d^{(i/2)∨1}), the exact phase diagram of the exponent of T in η = d^{−α},
 * and the crossover at a concrete d with constants (arXiv 2510.21020; docs/theory.md §4).
 */
import { BudgetExhausted, withTimeLimit } from '../budget.js';
import { DomainError, OutOfRangeError } from '../errors.js';
import { Rational } from '../exact/rational.js';
import { parseLink } from '../expr/parse.js';
import { exprToString, mentions, type Expr } from '../expr/tree.js';
import { analyze } from '../analysis/analyze.js';
import { frameworkOf, type DriftCoefficient, type Framework } from './framework.js';
import { oracleOf, DEFAULT_BATCH_ORDER, type Algorithm, type Oracle } from './oracle.js';
import { separableOracle } from './customOracle.js';
import { driftByQuadrature } from './quadrature2d.js';
import { compileExpr, type SymbolCells } from '../expr/compile.js';
import { specialPointsOf } from '../expr/specialPoints.js';
import { breakpointsOf, minimumOfBranches, activeLine, type Branch, type Line, type MaxOfLines, type Piece } from './phaseDiagram.js';
import { evaluateP, formatP, isExactP, supportP, type EtaDPolynomial, type EtaDTerm } from './uncertain.js';

export const DEFAULT_D = 1000;
export const DEFAULT_MAX_INDEX = 8;

export type ThresholdAlgorithm = Algorithm | 'custom';
export const THRESHOLD_ALGORITHMS: readonly ThresholdAlgorithm[] = ['online', 'batch-reuse', 'alternating', 'custom'];

export interface ThresholdOptions {
  readonly target: string;
  readonly student?: string;
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

/** Coefficients below this (relative to the largest μ) count as zero when they are numeric. */
const RELATIVE_TOLERANCE = 1e-9;

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
  readonly contributions: readonly { readonly labelPower: number; readonly etaPower: number; readonly dPower: number; readonly value: number; readonly error: number; readonly exact: string | null }[];
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
  return pieces.find((p) => { const q = pieceNumbers(p); return q.from <= alpha && alpha < q.to; }) ?? null;
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
  readonly quadrature: readonly { readonly eta: number; readonly mu: readonly number[]; readonly muError: readonly number[]; readonly psiSecondMoment: number; readonly psiSecondMomentError: number }[] | null;
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

const online = (i: number) => Math.max(i - 1, 1);

/**
 * Branch i at a concrete d with constants (docs/theory.md §4): T_i = E[ψ²]·μ_i^{−2}·d^{(i−1)∨1} (times
 * log d at i = 2) and its step γ_i = μ_i/(E[ψ²]·d^{(i/2)∨1}).
 */
export function branchAtD(i: number, mu: number, psiSecondMoment: number, d: number): { T: number; gamma: number } {
  return {
    T: (psiSecondMoment / (mu * mu)) * d ** online(i) * (i === 2 ? Math.log(d) : 1),
    gamma: mu / (psiSecondMoment * d ** Math.max(i / 2, 1)),
  };
}

/** The exponent of d of Σ c·η^a·d^b at η = d^{−α}: the max of the lines b − a·α. */
function exponentLines(support: readonly EtaDTerm[]): MaxOfLines {
  return support.map((t) => ({ slope: Rational.of(-t.eta), intercept: Rational.of(t.d) }));
}

/** The label power whose contribution to μ_i carries the monomial η^a·d^b (the largest if several do). */
function drivingLabelPower(m: DriftCoefficient, eta: number, d: number): number {
  let best = { power: 1, size: -1 };
  for (const c of m.contributions) {
    if (c.etaPower === eta && c.dPower === d && Math.abs(c.value.value) > best.size) best = { power: c.power, size: Math.abs(c.value.value) };
  }
  return best.power;
}

function lineString(l: Line): string {
  if (l.slope.isZero()) return l.intercept.toString();
  const slope = l.slope.equals(Rational.ONE) ? 'alpha' : l.slope.equals(Rational.ONE.neg()) ? '-alpha' : `${l.slope.toString()}*alpha`;
  return l.intercept.isZero() ? slope : `${l.intercept.toString()} ${l.slope.sign() > 0 ? '+' : '-'} ${slope.replace(/^-/, '')}`;
}

function checkOptions(o: ThresholdOptions): void {
  if (!THRESHOLD_ALGORITHMS.includes(o.algorithm)) {
    throw new OutOfRangeError(`the algorithm must be one of ${THRESHOLD_ALGORITHMS.join(', ')}, got '${String(o.algorithm)}'`);
  }
  const d = o.d ?? DEFAULT_D;
  if (!Number.isFinite(d) || d < 2) throw new OutOfRangeError(`--d must be a number ≥ 2, got ${d}`);
  if (o.a && o.a.sign() < 0) throw new OutOfRangeError(`--a is the second-layer weight a ≥ 0, got ${o.a.toString()}`);
  const m = o.maxIndex ?? DEFAULT_MAX_INDEX;
  if (!Number.isInteger(m) || m < 1 || m > 40) throw new OutOfRangeError(`--max-index must be an integer from 1 to 40, got ${m}`);
  if (o.depth !== undefined && (!Number.isInteger(o.depth) || o.depth < 1 || o.depth > 8)) throw new OutOfRangeError(`--depth must be an integer from 1 to 8, got ${o.depth}`);
  const order = o.order ?? DEFAULT_BATCH_ORDER;
  if (!Number.isInteger(order) || order < 1 || order > 12) throw new OutOfRangeError(`--order must be an integer from 1 to 12, got ${order}`);
}

/**
 * @example thresholds({ target: 'He3(z)', algorithm: 'alternating' }).phaseDiagram.breakpoints // ['1/2']
 */
export function thresholds(options: ThresholdOptions): ThresholdResult {
  return thresholdsAndFramework(options).result;
}

/**
 * thresholds() and the framework behind it (μ_i(η, d) and E[ψ²] as polynomials; null for a custom ψ
 * done by quadrature), for callers that evaluate the branches themselves (verify's --gamma auto).
 */
export function thresholdsAndFramework(options: ThresholdOptions): { result: ThresholdResult; framework: Framework | null } {
  try {
    return withTimeLimit(options.timeLimit, () => thresholdsWithin(options));
  } catch (e) {
    if (e instanceof BudgetExhausted) throw new OutOfRangeError(`${e.message} while computing the drift coefficients; raise --time-limit`);
    throw e;
  }
}

function thresholdsWithin(options: ThresholdOptions): { result: ThresholdResult; framework: Framework | null } {
  checkOptions(options);
  const parameters = options.parameters;
  const noise = options.noise ?? Rational.ZERO;
  const maxIndex = options.maxIndex ?? DEFAULT_MAX_INDEX;
  const d = options.d ?? DEFAULT_D;
  const target = parseLink(options.target, { parameters });
  const student = options.student ? parseLink(options.student, { parameters }) : target;
  let oracle: Oracle;
  if (options.algorithm === 'custom') {
    if (!options.psi) throw new OutOfRangeError("--algo custom needs the oracle: --psi 'y*...(z)' (may use eta and d)");
    const psi = parseLink(options.psi, { parameters, symbols: ['y', 'eta', 'd'] });
    if (!mentions(psi, 'y')) throw new OutOfRangeError(`the custom oracle ψ = ${options.psi} does not mention y: it carries no information about the label`);
    const terms = separableOracle(psi);
    if (terms === null) return { result: nonSeparable(options, target, student, psi, noise, maxIndex, d), framework: null };
    oracle = { algorithm: 'custom', terms, truncatedAt: null, formula: `psi = ${exprToString(psi)}` };
  } else {
    oracle = oracleOf(options.algorithm, student, { a: options.a, order: options.order });
  }
  const targetAnalysis = analyze(options.target, { parameters, noise, maxDegree: Math.max(12, maxIndex), powers: Math.max(4, oracle.terms.length, options.depth ?? 0) });
  let framework;
  try {
    framework = frameworkOf(target, oracle, noise, maxIndex);
  } catch (e) {
    if (e instanceof DomainError && options.student) throw new DomainError(`student σ: ${e.message}`);
    throw e;
  }
  const scale = Math.max(...framework.mu.flatMap((m) => m.polynomial.map((t) => Math.abs(t.c.value))), 1e-300);
  const tolerance = RELATIVE_TOLERANCE * scale;
  const mu: MuEntry[] = framework.mu.map((m) => muEntry(m, tolerance));
  const psiLines = exponentLines(supportP(framework.psiSecondMoment, 0));

  const live = framework.mu.filter((m) => supportP(m.polynomial, tolerance).length > 0);
  type Tag = { m: DriftCoefficient; support: EtaDTerm[] };
  const branches: Branch<Tag>[] = live.map((m) => {
    const support = supportP(m.polynomial, tolerance);
    return {
      terms: [
        { weight: Rational.ONE, f: psiLines },
        { weight: Rational.of(-2), f: exponentLines(support) },
      ],
      constant: Rational.of(online(m.i)),
      tag: { m, support },
    };
  });
  const ge = targetAnalysis.generativeExponent;
  const geRate = ge === null ? null : Rational.of(online(ge));
  const pieces = minimumOfBranches(branches, (branch, alpha) => {
    const line = activeLine(exponentLines(branch.tag.support), alpha);
    return { i: branch.tag.m.i, labelPower: drivingLabelPower(branch.tag.m, -Number(line.slope.num), Number(line.intercept.num)) };
  });
  const phasePieces = pieces.map((p) => phasePiece(p, geRate));
  const breakpoints = breakpointsOf(pieces).map((b) => b.toString());

  const labelPowers = targetAnalysis.labelPowers.map((l) => l.informationExponent);
  const result: ThresholdResult = {
    algorithm: options.algorithm,
    target: exprToString(target),
    student: exprToString(student),
    noise: noise.isZero() ? null : noise.toString(),
    oracle: oracle.formula,
    truncatedAt: oracle.truncatedAt,
    exact: isExactP(framework.psiSecondMoment) && framework.mu.every((m) => isExactP(m.polynomial)),
    informationExponent: targetAnalysis.informationExponent,
    generativeExponent: ge,
    labelPowers,
    mu,
    psiSecondMoment: {
      exact: isExactP(framework.psiSecondMoment) ? formatP(framework.psiSecondMoment) : null,
      polynomial: formatP(framework.psiSecondMoment),
      error: Math.max(0, ...framework.psiSecondMoment.map((t) => t.c.error)),
      ...((z, o) => ({ atEtaZero: z.value, atEtaZeroError: z.error, atEtaOne: o.value, atEtaOneError: o.error }))(evaluateP(framework.psiSecondMoment, 0, d), evaluateP(framework.psiSecondMoment, 1, d)),
    },
    branches: live.map((m) => branchEntry(m, tolerance)),
    phaseDiagram: {
      pieces: phasePieces,
      breakpoints,
      note: oracle.truncatedAt
        ? `the batch-reuse Taylor series of this non-polynomial student is cut after ${oracle.truncatedAt} terms: pieces with α < 1 (ηd > 1) rest on the truncation and are not reliable`
        : null,
    },
    quadrature: null,
    checks: formulaChecks(options.algorithm, labelPowers, phasePieces),
    depth: options.depth ? depthDiagram(options.depth, labelPowers) : null,
    atD: crossoverAt(d, live, framework.psiSecondMoment, tolerance, targetAnalysis.informationExponent),
  };
  return { result, framework };
}

function muEntry(m: DriftCoefficient, tolerance: number): MuEntry {
  const support = supportP(m.polynomial, tolerance);
  const lowest = support[0] ?? null;
  return {
    i: m.i,
    exact: isExactP(m.polynomial) ? formatP(m.polynomial) : null,
    polynomial: formatP(m.polynomial, tolerance),
    error: Math.max(0, ...m.polynomial.map((t) => t.c.error)),
    zero: support.length === 0,
    etaPower: lowest?.eta ?? null,
    labelPower: lowest === null ? null : drivingLabelPower(m, lowest.eta, lowest.d),
    contributions: m.contributions.map((c) => ({
      labelPower: c.power,
      etaPower: c.etaPower,
      dPower: c.dPower,
      value: c.value.value,
      error: c.value.error,
      exact: c.value.exact?.toString() ?? null,
    })),
  };
}

function branchEntry(m: DriftCoefficient, tolerance: number): BranchEntry {
  const support = supportP(m.polynomial, tolerance);
  const p = formatP(m.polynomial, tolerance);
  const e = online(m.i);
  const half = Rational.of(Math.max(m.i, 2), 2).toString();
  return {
    i: m.i,
    dExponent: String(e),
    log: m.i === 2,
    etaPower: support[0]!.eta,
    labelPower: drivingLabelPower(m, support[0]!.eta, support[0]!.d),
    mu: p,
    T: `E[psi^2]*(${p})^(-2)*${e === 1 ? 'd' : `d^${e}`}${m.i === 2 ? '*log(d)' : ''}`,
    gamma: `(${p})/(E[psi^2]*${half === '1' ? 'd' : half.includes('/') ? `d^(${half})` : `d^${half}`})`,
  };
}

function phasePiece(p: Piece<{ i: number; labelPower: number }>, geRate: Rational | null): PhasePiece {
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

/**
 * The closed forms of docs/theory.md §4 as checks, with α* = −(exponent of η*), for each
 * breakpoint of the diagram where the driving label power changes from i to j:
 * alternating: η* ≍ d^{[((p_2−1)∨1) − ((p−1)∨1)]/2};
 * batch reuse: derived η* ≍ d^{[((p_j−1)∨1) − ((p_i−1)∨1)]/(2(j−i)) − 1}, published reading
 * d^{[…]/(2(j−i)−1)}. `derivedMatches`/`publishedMatches`: the formula gives that breakpoint.
 */
function formulaChecks(algorithm: ThresholdAlgorithm, labelPowers: readonly (number | null)[], pieces: readonly PhasePiece[]): FormulaCheck[] {
  const rate = (p: number) => Rational.of(online(p));
  const checks: FormulaCheck[] = [];
  for (let n = 1; n < pieces.length; n++) {
    const [i, j] = [pieces[n]!.labelPower, pieces[n - 1]!.labelPower].sort((a, b) => a - b) as [number, number];
    const pi = labelPowers[i - 1];
    const pj = labelPowers[j - 1];
    if (i === j || pi == null || pj == null) continue;
    const breakpoint = pieces[n]!.alphaFrom;
    const gap = rate(pi).sub(rate(pj)); // −[((p_j−1)∨1) − ((p_i−1)∨1)]
    let derived: Rational;
    let published: Rational;
    if (algorithm === 'alternating') {
      derived = published = gap.div(Rational.of(2 * (j - i)));
    } else if (algorithm === 'batch-reuse') {
      derived = gap.div(Rational.of(2 * (j - i))).add(Rational.ONE);
      published = gap.div(Rational.of(2 * (j - i) - 1));
    } else {
      continue;
    }
    checks.push({
      pair: [i, j],
      breakpoint,
      derived: derived.toString(),
      published: published.toString(),
      derivedMatches: derived.toString() === breakpoint,
      publishedMatches: published.toString() === breakpoint,
    });
  }
  return checks;
}

/** Depth D (summary only, unverified): T ≍ min over i ≤ D of η^{−2(i−1)}·d^{(p_i−1)∨1}. */
function depthDiagram(D: number, labelPowers: readonly (number | null)[]) {
  type Tag = { i: number };
  const branches: Branch<Tag>[] = [];
  for (let i = 1; i <= D; i++) {
    const p = labelPowers[i - 1];
    if (p == null) continue;
    branches.push({ terms: [{ weight: Rational.ONE, f: [{ slope: Rational.of(2 * (i - 1)), intercept: Rational.ZERO }] }], constant: Rational.of(online(p)), tag: { i } });
  }
  const pieces = minimumOfBranches(branches, (b) => ({ i: b.tag.i, labelPower: b.tag.i }));
  return {
    D,
    label: 'from a summary of arXiv 2510.21020, unverified',
    pieces: pieces.map((p) => phasePiece(p, null)),
    breakpoints: breakpointsOf(pieces).map((b) => b.toString()),
  };
}

/** η*: where the information branch (i = IE) stops winning as η grows, with its bracket. */
function etaStarOf(crossovers: readonly Crossover[], ie: number | null, d: number) {
  const info = crossovers.find((c) => c.fromBranch === ie);
  if (info === undefined) return { etaStar: null, etaStarBracket: null, etaStarOverInverseSqrtD: null };
  return { etaStar: info.eta, etaStarBracket: info.etaBracket, etaStarOverInverseSqrtD: info.eta * Math.sqrt(d) };
}

/** T_i(η) with constants at a concrete d, its argmin over a log grid in η ∈ [d^{−3}, 1], and the crossovers (bisection in log η). */
function crossoverAt(d: number, live: readonly DriftCoefficient[], psi: EtaDPolynomial, tolerance: number, ie: number | null) {
  const supports = new Map(live.map((m) => [m.i, supportP(m.polynomial, tolerance)]));
  const branchT = (m: DriftCoefficient, eta: number) => branchAtD(m.i, evaluateP(supports.get(m.i)!, eta, d).value, evaluateP(psi, eta, d).value, d);
  const best = (eta: number) => {
    let out = { eta, T: Infinity, branch: 0, gamma: 0 };
    for (const m of live) {
      const { T, gamma } = branchT(m, eta);
      if (T < out.T) out = { eta, T, branch: m.i, gamma };
    }
    return out;
  };
  const grid: { eta: number; T: number; branch: number; gamma: number }[] = [];
  const steps = 120;
  for (let s = 0; s <= steps; s++) grid.push(best(d ** (-3 + (3 * s) / steps)));
  const crossovers: Crossover[] = [];
  for (let s = 1; s < grid.length; s++) {
    const a = grid[s - 1]!;
    const b = grid[s]!;
    if (a.branch === b.branch) continue;
    let lo = Math.log(a.eta);
    let hi = Math.log(b.eta);
    for (let it = 0; it < 60; it++) {
      const mid = 0.5 * (lo + hi);
      if (best(Math.exp(mid)).branch === a.branch) lo = mid;
      else hi = mid;
    }
    const eta = Math.exp(0.5 * (lo + hi));
    crossovers.push({ eta, etaBracket: [Math.exp(lo), Math.exp(hi)], alphaEquivalent: -Math.log(eta) / Math.log(d), fromBranch: a.branch, toBranch: b.branch });
  }
  return { d, ...etaStarOf(crossovers, ie, d), crossovers, T: grid.filter((_, s) => s % 10 === 0) };
}

/**
 * A custom ψ that is not a polynomial in y, η, d: μ_i(η) and E[ψ²](η) by 2-D quadrature on a
 * grid η = d^{−α}, α = 3, 2.75, …, 0, at the concrete d; no exact phase diagram exists then.
 */
function nonSeparable(options: ThresholdOptions, target: Expr, student: Expr, psi: Expr, noise: Rational, maxIndex: number, d: number): ThresholdResult {
  if (noise.sign() > 0) {
    // driftByQuadrature would integrate the noise inside the outer integral, re-running the inner
    // one at every (a, ε) node: ~10⁹–10¹⁰ evaluations of ψ per η
    throw new OutOfRangeError(
      'label noise with a custom ψ that is not a polynomial in y is not supported (its 2-D quadrature with noise would run for hours): give ψ polynomial in y, η, d, or set the noise to 0',
    );
  }
  const analysis = analyze(options.target, { parameters: options.parameters, noise, maxDegree: Math.max(12, maxIndex) });
  const cells: SymbolCells = { y: 0, eta: 0, d };
  const psiAt = compileExpr(psi, cells);
  const f = compileExpr(target);
  const cuts = specialPointsOf(target).kinks;
  const quadrature = [];
  const T = [];
  for (let s = 12; s >= 0; s--) {
    const eta = d ** (-s / 4);
    cells.eta = eta;
    const q = driftByQuadrature(f, cuts, [], (y, z) => {
      cells.y = y;
      return psiAt(z);
    }, maxIndex, noise.toNumber());
    quadrature.push({ eta, mu: Array.from(q.mu), muError: Array.from(q.muError), psiSecondMoment: q.secondMoment, psiSecondMomentError: q.secondMomentError });
    let best = { eta, T: Infinity, branch: 0, gamma: 0 };
    q.mu.forEach((m, j) => {
      const i = j + 1;
      if (Math.abs(m) <= Math.max(q.muError[j]!, 1e-12)) return;
      const b = branchAtD(i, m, q.secondMoment, d);
      if (b.T < best.T) best = { eta, T: b.T, branch: i, gamma: b.gamma };
    });
    T.push(best);
  }
  const crossovers: Crossover[] = [];
  for (let s = 1; s < T.length; s++) {
    if (T[s]!.branch !== T[s - 1]!.branch) {
      // between two grid points a factor d^{1/4} apart: the bracket is the step
      const eta = Math.sqrt(T[s]!.eta * T[s - 1]!.eta);
      crossovers.push({ eta, etaBracket: [T[s - 1]!.eta, T[s]!.eta], alphaEquivalent: -Math.log(eta) / Math.log(d), fromBranch: T[s - 1]!.branch, toBranch: T[s]!.branch });
    }
  }
  return {
    algorithm: 'custom',
    target: exprToString(target),
    student: exprToString(student),
    noise: noise.isZero() ? null : noise.toString(),
    oracle: `psi = ${exprToString(psi)} (not a polynomial in y, eta, d)`,
    truncatedAt: null,
    exact: false,
    informationExponent: analysis.informationExponent,
    generativeExponent: analysis.generativeExponent,
    labelPowers: analysis.labelPowers.map((l) => l.informationExponent),
    mu: [],
    psiSecondMoment: {
      exact: null,
      polynomial: 'by quadrature, see "quadrature"',
      error: Math.max(...quadrature.map((q) => q.psiSecondMomentError)),
      atEtaZero: quadrature[0]!.psiSecondMoment,
      atEtaZeroError: quadrature[0]!.psiSecondMomentError,
      atEtaOne: quadrature[quadrature.length - 1]!.psiSecondMoment,
      atEtaOneError: quadrature[quadrature.length - 1]!.psiSecondMomentError,
    },
    branches: [],
    phaseDiagram: { pieces: [], breakpoints: [], note: 'ψ is not a polynomial in y, η and d: μ_i(η) is computed by 2-D quadrature on an η grid at the given d, and no exact phase diagram exists' },
    quadrature,
    checks: [],
    depth: null,
    atD: { d, ...etaStarOf(crossovers, analysis.informationExponent, d), crossovers, T },
  };
}
