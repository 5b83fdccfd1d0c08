/**
 * Verification of a multi-index link y = g(z1..zr) + √Δ·ε by simulation (issue 16; docs/theory.md
 * §6 and §8): one spherical neuron trained by online SGD (src/sgd/multiIndex.ts), `seeds` runs at
 * each d of a grid, every run recorded until the subspace and every direction are hit
 * (`until: 'all'`), run i at dimension d with seed seedFor(seedFor(baseSeed, d), i) (as
 * multiIndexSweep). From the same runs it fits, by the log–log slope of the Kaplan–Meier median
 * (`bootstrapSlope`, §6.4), the scaling in d of
 *   – the subspace time, the first ν with ‖P_S w‖ ≥ τ, and
 *   – each direction's time, the first ν with m_s² ≥ τ_dir²,
 * and compares them with the leap's prediction (arXiv 2302.11055): phase i of the staircase, of
 * leap L_i, takes n ≍ d^{max(L_i−1, 1)}, so direction s, learned in phase i, is predicted at slope
 * max_{j≤i} leapSlope(L_j) (the slowest phase up to it dominates). At leap 2 the law is d·log d,
 * which a finite-d fit sees as a local slope a little above 1 (≈ 1.17 over d = 100..1600, §8); as
 * the single-index verifier does (§6.4), the value compared is then the slope of d·log d between
 * the smallest and largest d, 1 + (ln ln d_max − ln ln d_min)/(ln d_max − ln d_min). The subspace hit comes
 * with the first phase (one learned direction can carry ‖P_S w‖ ≥ τ), so it is predicted at phase
 * 1's slope. An undecided leap gives no prediction (null, with the reason); nothing is guessed.
 *
 * The observed staircase: the directions ordered by their median hitting time at the largest d,
 * consecutive ones merged into one phase while their bootstrap intervals overlap (the data cannot
 * separate them), censored medians last; compared with the predicted phases: 'agree' (the same
 * phases), 'disagree' (a direction of a later predicted phase separated before one of an earlier
 * phase), else 'unresolved'.
 *
 * Defaults (written down here, the CLI shows them):
 *   – student σ: Σ_{j∈J} z^j, J the total degrees |k| of the multi-indices that carry the
 *     staircase's phases (z1 + z1z2 + z1z2z3 → z + z² + z³; z1z2z3 → z³), so σ has a Hermite
 *     component at every degree the staircase uses; an undecided leap has no default student;
 *   – τ = 0.5 and τ_dir = τ/√r (every m_s² ≥ τ²/r implies ‖P_S w‖ ≥ τ, so each direction carries
 *     its share and the last direction hit is no earlier than the subspace hit);
 *   – γ rule 'auto' (c = 0.25): γ(d) = c/(E₀[ψ²]·d₀)·(d₀/d)^{max(1, L/2)}, d₀ the smallest d and
 *     E₀[ψ²] = E[(g(z)² + Δ)·σ'(λ)²] the second moment of ψ = y·σ'(λ) at a start orthogonal to
 *     the target, λ ~ N(0, 1) independent of z (for a committee of width p, ψ = (y − f)·σ'(λ_1) with
 *     the residual's f = (1/p)·Σ_j σ(λ_j), λ_j iid) — a seeded Monte Carlo estimate, 2^16 draws. So γ·d·E₀[ψ²] = c at d₀ — the ratio
 *     of the step's shrinkage γ²·d·E[ψ²]/2 to its drift γ stays small — and γ ∝ 1/d at leaps 1–2,
 *     ∝ d^{−L/2} beyond (the step at which an escape of information exponent L is drift-driven;
 *     the sweep tests used γ ∝ 1/d at leap 1 and ∝ d^{−3/2} at leap 3). An undecided leap uses the
 *     exponent 1 and says so. 'fixed' takes one γ at every d (then the leap's prediction, which
 *     assumes the scaling above, is still shown but may not apply).
 */
import { OutOfRangeError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { compileForSpeed } from '../expr/compile.js';
import { derivativeOf } from '../expr/derivative.js';
import { linkOf, type Link, type LinkInput } from '../expr/link.js';
import { exprToString } from '../expr/tree.js';
import { analyzeMultiIndex, LEAP_NOTE, type UndecidedLeap } from '../multiIndex/analyzeMulti.js';
import { compileMulti } from '../multiIndex/variables.js';
import { runMultiIndexSgd, type MultiIndexRun, type MultiIndexSgdOptions } from '../sgd/multiIndex.js';
import { runMultiIndexCommittee } from '../sgd/multiIndexCommittee.js';
import { leapSlope } from '../sgd/multiIndexSweep.js';
import { Rng, seedFor } from '../sgd/rng.js';
import { bootstrapInterval } from '../stats/bootstrap.js';
import { bootstrapSlope, slopeWithLog, type SlopeBootstrap } from '../stats/fit.js';
import { kaplanMeierMedian, type Observation } from '../stats/kaplanMeier.js';
import { verdict, type VerdictOptions } from '../stats/verdict.js';

/**
 * One seed of the simulator: the single place where the model is chosen. The default is one
 * spherical neuron (`runMultiIndexSgd`, which reads σ' only); a committee of width p
 * (`committeeRunner`) also reads σ. Both give the same records (hit, directionHits, steps, diverged).
 */
export type MultiIndexSeedRunner = (options: MultiIndexSgdOptions, activation: (z: number) => number) => MultiIndexRun;

/** The default seed runner: one spherical neuron. */
export const runOneNeuron: MultiIndexSeedRunner = (options) => runMultiIndexSgd(options);

/**
 * A committee of p neurons on the shared squared-loss residual (src/sgd/multiIndexCommittee.ts,
 * docs/theory.md §7–8), fixed second layer a_j = 1. Its first-layer step is (γ_c/(p·d))·ℰ·σ'(λ_j)·x;
 * γ_c = γ·p·d gives each neuron the step size γ of the one-neuron rule, so the same γ rule applies.
 */
export function committeeRunner(width: number): MultiIndexSeedRunner {
  return (o, activation) => {
    const run = runMultiIndexCommittee({
      d: o.d,
      directions: o.directions,
      width,
      target: o.target,
      activation,
      activationDerivative: o.activationDerivative,
      noise: o.noise,
      gamma: o.gamma * width * o.d,
      threshold: o.threshold,
      directionThreshold: o.directionThreshold,
      maxSteps: o.maxSteps,
      until: o.until,
      engine: o.engine,
      seed: o.seed,
    });
    // the overlap of direction s with the neuron that holds the most of it
    const finalOverlaps = run.finalOverlaps.map((row) => row.reduce((best, m) => (Math.abs(m) > Math.abs(best) ? m : best), 0));
    return { seed: run.seed, hit: run.hit, directionHits: run.directionHits, steps: run.steps, diverged: run.diverged, finalOverlaps };
  };
}

/** γ at each d: 'auto' (the module comment, default c = 0.25) or one value at every d. */
export type MultiIndexGammaRule = { readonly kind: 'auto'; readonly c?: number } | { readonly kind: 'fixed'; readonly value: number };

export const MULTI_VERIFY_DEFAULTS = { gammaC: 0.25, threshold: 0.5, maxSteps: 10_000_000, momentDraws: 1 << 16 } as const;

export interface MultiIndexVerifyOptions {
  /** the link in z1..zr (text is parsed with `variables: 'multi'` and `parameters`) */
  link: LinkInput;
  /** the student activation σ(z), a single-index link (default: Σ_{j∈J} z^j, the module comment) */
  student?: LinkInput;
  parameters?: ReadonlyMap<string, Rational>;
  /** the dimensions (integers ≥ r + 2, at least two distinct) */
  ds: readonly number[];
  /** runs per d (≥ 1) */
  seeds: number;
  /** a safe integer: run i at d has seed seedFor(seedFor(baseSeed, d), i); it also seeds the bootstrap and the moment */
  baseSeed: number;
  /** default { kind: 'auto', c: 0.25 } */
  gamma?: MultiIndexGammaRule;
  /** Δ ≥ 0 (default 0) */
  noise?: Rational;
  /** τ of ‖P_S w‖ ≥ τ, in (0, 1] (default 0.5) */
  threshold?: number;
  /** τ_dir of m_s² ≥ τ_dir², in (0, 1] (default τ/√r) */
  directionThreshold?: number;
  /** samples before a run is censored (default 10⁷) */
  maxSteps?: number;
  /** default 'reduced' */
  engine?: 'reduced' | 'full';
  /** bootstrap resamples and level (bootstrapSlope's defaults) */
  resamples?: number;
  level?: number;
  /** the verdict's options (src/stats/verdict.ts defaults) */
  verdictOptions?: VerdictOptions;
  /** the simulator of one seed (default `runOneNeuron`) */
  runSeed?: MultiIndexSeedRunner;
  /** p: one spherical neuron (1, default) or a committee of p neurons (`committeeRunner`); ignored when runSeed is given */
  width?: number;
  /** called after every run (progress, a sweep file) */
  onRun?: (d: number, index: number, run: MultiIndexRun) => void;
}

/** A predicted phase of the leap's staircase with its slope. */
export interface PredictedPhase {
  readonly phase: number;
  readonly adds: readonly number[];
  readonly leap: number;
  /** max_{j ≤ phase} leapSlope(L_j) */
  readonly slope: number;
  /** the time carries a log d: the slowest phase up to this one has leap 2 (n ≍ d log d) */
  readonly log: boolean;
}

/** One fitted hitting time. */
export interface MultiIndexFit {
  /** 'subspace' or the 1-based direction */
  readonly time: 'subspace' | number;
  /** 'subspace' or 'z<s>' */
  readonly label: string;
  readonly slope: number | null;
  readonly ci: [number | null, number | null];
  readonly points: number;
  readonly censoredMedians: number;
  readonly medians: readonly { d: number; median: number | null }[];
  /** the predicted slope, null when the leap is undecided */
  readonly predicted: number | null;
  /** the value compared: with a log d (leap 2), the slope of d^e·log d between the smallest and largest d (as §6.4) */
  readonly predictedWithLog: number | null;
  /** the phase (1-based) whose slope is predicted; null with no prediction */
  readonly phase: number | null;
  readonly verdict: 'agrees' | 'disagrees' | 'inconclusive' | 'no prediction';
  readonly reason: string;
}

/** A phase of the observed staircase. */
export interface ObservedPhase {
  readonly phase: number;
  /** directions, in order of their median */
  readonly adds: readonly number[];
  /** the directions' KM medians at the largest d, with their bootstrap intervals (null: censored / +∞) */
  readonly medians: readonly { direction: number; median: number | null; lo: number | null; hi: number | null }[];
  /** every median in this phase is censored */
  readonly censored: boolean;
}

export interface StaircaseComparison {
  /** at the largest d */
  readonly d: number;
  readonly observed: readonly ObservedPhase[];
  /** null when the leap is undecided */
  readonly predicted: readonly PredictedPhase[] | null;
  readonly agreement: 'agree' | 'disagree' | 'unresolved' | 'no prediction';
  readonly reason: string;
}

/** The runs at one d, summarised. */
export interface MultiIndexRunsAtD {
  readonly d: number;
  readonly gamma: number;
  readonly seeds: number;
  /** runs that hit the subspace */
  readonly reachedSubspace: number;
  /** [s]: runs that hit direction s+1 */
  readonly reachedDirections: readonly number[];
  readonly diverged: number;
  readonly steps: number;
}

export interface MultiIndexVerification {
  readonly mode: 'multi-index';
  readonly input: string;
  readonly expression: string;
  /** r */
  readonly variables: number;
  readonly leap: number | UndecidedLeap;
  readonly leapNote: string;
  /** null when the leap is decided; else why there is no prediction */
  readonly predictionNote: string | null;
  readonly student: string;
  readonly studentIsDefault: boolean;
  /** p: 1 is one spherical neuron (correlation step), more a committee on the squared-loss residual */
  readonly width: number;
  readonly gamma: {
    readonly rule: 'auto' | 'fixed';
    readonly c: number | null;
    readonly exponent: number | null;
    readonly psiMoment: number | null;
    /** the Monte Carlo standard error of psiMoment (s/√draws; ±2 of it is a ≈95% interval), null with no estimate */
    readonly psiMomentError: number | null;
    readonly note: string;
  };
  readonly noise: string | null;
  readonly threshold: number;
  readonly directionThreshold: number;
  readonly maxSteps: number;
  readonly engine: 'reduced' | 'full';
  readonly seeds: number;
  readonly baseSeed: number;
  readonly ds: readonly number[];
  readonly predicted: readonly PredictedPhase[] | null;
  /** the subspace time first, then z1..zr */
  readonly fits: readonly MultiIndexFit[];
  readonly staircase: StaircaseComparison;
  readonly runs: readonly MultiIndexRunsAtD[];
  readonly stepsSimulated: number;
}

/**
 * The predicted phases: phase i's slope is max_{j≤i} leapSlope(L_j), with a log d when the
 * largest leap up to phase i is 2.
 * @example predictedPhases([{ adds: [1], leap: 1 }, { adds: [2, 3], leap: 3 }, { adds: [4], leap: 1 }]).map((p) => p.slope) // [1, 2, 2]
 * @example predictedPhases([{ adds: [1], leap: 1 }, { adds: [2], leap: 2 }]).map((p) => p.log) // [false, true]
 */
export function predictedPhases(staircase: readonly { adds: readonly number[]; leap: number }[]): PredictedPhase[] {
  let top = 0;
  return staircase.map((p, i) => {
    top = Math.max(top, p.leap);
    return { phase: i + 1, adds: [...p.adds], leap: p.leap, slope: leapSlope(top), log: top === 2 };
  });
}

/**
 * The default student's text: Σ_{j∈J} z^j over the total degrees J of the staircase's multi-indices.
 * @example defaultStudent([{ through: [[1, 0, 0]] }, { through: [[1, 1, 0]] }, { through: [[1, 1, 1]] }]) // 'z + z^2 + z^3'
 * @example defaultStudent([{ through: [[1, 1, 1]] }]) // 'z^3'
 */
export function defaultStudent(staircase: readonly { through: readonly (readonly number[])[] }[]): string {
  const J = [...new Set(staircase.flatMap((p) => p.through.map((k) => k.reduce((a, b) => a + b, 0))))].sort((a, b) => a - b);
  if (J.length === 0) throw new OutOfRangeError('multi-index verify: the staircase is empty, so there is no default student; give --student');
  return J.map((j) => (j === 1 ? 'z' : `z^${j}`)).join(' + ');
}

/**
 * The observed phases from (direction, median, interval) triples: sorted by median (censored last),
 * consecutive directions merged while the next interval's lower end is ≤ the group's upper end
 * (null ends: −∞ below, +∞ above).
 * @example observedPhases([{ direction: 2, median: 50, lo: 40, hi: 60 }, { direction: 1, median: 10, lo: 8, hi: 12 }]).map((p) => p.adds) // [[1], [2]]
 * @example observedPhases([{ direction: 1, median: 10, lo: 8, hi: 30 }, { direction: 2, median: 20, lo: 15, hi: 25 }]).map((p) => p.adds) // [[1, 2]]
 */
export function observedPhases(medians: readonly { direction: number; median: number | null; lo: number | null; hi: number | null }[]): ObservedPhase[] {
  const known = medians.filter((m) => m.median !== null).sort((a, b) => a.median! - b.median! || a.direction - b.direction);
  const censored = medians.filter((m) => m.median === null).sort((a, b) => a.direction - b.direction);
  const groups: (typeof known)[] = [];
  let top = -Infinity;
  for (const m of known) {
    const last = groups[groups.length - 1];
    if (last !== undefined && (m.lo ?? -Infinity) <= top) {
      last.push(m);
      top = Math.max(top, m.hi ?? Infinity);
    } else {
      groups.push([m]);
      top = m.hi ?? Infinity;
    }
  }
  const phases = groups.map((g, i) => ({ phase: i + 1, adds: g.map((m) => m.direction), medians: g.map((m) => ({ ...m })), censored: false }));
  if (censored.length)
    phases.push({ phase: phases.length + 1, adds: censored.map((m) => m.direction), medians: censored.map((m) => ({ ...m })), censored: true });
  return phases;
}

/**
 * Observed against predicted phases (the module comment).
 * @example compareStaircases([[1], [2], [3]], [[1], [2], [3]]).agreement // 'agree'
 * @example compareStaircases([[2], [1]], [[1], [2]]).agreement // 'disagree'
 * @example compareStaircases([[1, 2], [3]], [[1], [2], [3]]).agreement // 'unresolved'
 */
export function compareStaircases(
  observed: readonly (readonly number[])[],
  predicted: readonly (readonly number[])[],
  censoredLast = false,
): { agreement: 'agree' | 'disagree' | 'unresolved'; reason: string } {
  const phaseOf = (phases: readonly (readonly number[])[]) => new Map(phases.flatMap((p, i) => p.map((s) => [s, i] as const)));
  const o = phaseOf(censoredLast ? observed.slice(0, -1) : observed);
  const p = phaseOf(predicted);
  const text = (phases: readonly (readonly number[])[]) => phases.map((g) => `{${g.map((s) => `z${s}`).join(', ')}}`).join(' → ');
  for (const [s, ps] of p) {
    for (const [t, pt] of p) {
      const os = o.get(s);
      const ot = o.get(t);
      if (ps < pt && os !== undefined && ot !== undefined && os > ot) {
        return {
          agreement: 'disagree',
          reason: `z${t} (predicted phase ${pt + 1}) is learned before z${s} (predicted phase ${ps + 1}), separated by the intervals`,
        };
      }
    }
  }
  const same = !censoredLast && observed.length === predicted.length && observed.every((g, i) => [...g].sort().join() === [...predicted[i]!].sort().join());
  if (same) return { agreement: 'agree', reason: `observed ${text(observed)} is the leap's staircase` };
  const why = censoredLast
    ? 'some directions have censored medians'
    : observed.length < predicted.length
      ? 'the intervals cannot separate some phases'
      : 'the runs separate directions the leap learns in one phase (same exponent; constants order them at finite d)';
  return { agreement: 'unresolved', reason: `observed ${text(observed)} against predicted ${text(predicted)}: no inversion, but ${why}` };
}

function checkGrid(ds: readonly number[], r: number, seeds: number, baseSeed: number): number[] {
  const grid = [...new Set(ds)].sort((a, b) => a - b);
  if (grid.length < 2) throw new OutOfRangeError(`multi-index verify: needs at least two distinct d, got ${grid.length}`);
  for (const d of grid)
    if (!Number.isSafeInteger(d) || d < r + 2) throw new OutOfRangeError(`multi-index verify: every d must be an integer ≥ r + 2 = ${r + 2}, got ${d}`);
  if (!Number.isSafeInteger(seeds) || seeds < 1) throw new OutOfRangeError(`multi-index verify: seeds must be an integer ≥ 1, got ${seeds}`);
  if (!Number.isSafeInteger(baseSeed)) throw new OutOfRangeError(`multi-index verify: the seed must be a safe integer, got ${baseSeed}`);
  return grid;
}

/** E₀[ψ²] at a start orthogonal to the target (the module comment), by seeded Monte Carlo: the mean of ψ² and its standard error s/√draws. */
function psiMoment(
  g: (z: Float64Array) => number,
  sigma: (z: number) => number,
  dsigma: (z: number) => number,
  r: number,
  width: number,
  noise: number,
  seed: number,
  draws: number,
): { value: number; error: number } {
  const rng = new Rng(seedFor(seed, -1));
  const z = new Float64Array(r);
  const lambda = new Float64Array(width);
  let sum = 0;
  let sumSquares = 0;
  for (let n = 0; n < draws; n++) {
    for (let s = 0; s < r; s++) z[s] = rng.normal();
    for (let j = 0; j < width; j++) lambda[j] = rng.normal();
    // one neuron: ψ = y·σ'(λ); a committee: ψ = (y − f)·σ'(λ_1), f = (1/p)·Σ_j σ(λ_j) (the residual)
    let f = 0;
    if (width > 1) {
      for (let j = 0; j < width; j++) f += sigma(lambda[j]!);
      f /= width;
    }
    const v = dsigma(lambda[0]!);
    const residual = g(z) - f;
    const psi2 = (residual * residual + noise) * v * v;
    sum += psi2;
    sumSquares += psi2 * psi2;
  }
  const mean = sum / draws;
  const variance = Math.max(0, (sumSquares - draws * mean * mean) / (draws - 1));
  return { value: mean, error: Math.sqrt(variance / draws) };
}

/** Run the verification (the module comment). Throws OutOfRangeError on a bad option or a link it cannot simulate. */
export function verifyMultiIndex(o: MultiIndexVerifyOptions): MultiIndexVerification {
  const link: Link = typeof o.link === 'string' ? linkOf(o.link, { parameters: o.parameters, variables: 'multi' }) : o.link;
  const analysis = analyzeMultiIndex(link, { noise: o.noise, parameters: o.parameters });
  const r = analysis.variables;
  const ds = checkGrid(o.ds, r, o.seeds, o.baseSeed);
  const L = typeof analysis.leap === 'number' ? analysis.leap : null;
  const predicted = L === null ? null : predictedPhases(analysis.staircase);
  const predictionNote = L === null ? `the leap is undecided (${(analysis.leap as UndecidedLeap).reason}): no predicted slopes or staircase` : null;
  // the student σ and σ'
  const studentIsDefault = o.student === undefined;
  if (studentIsDefault && L === null) throw new OutOfRangeError(`multi-index verify: ${predictionNote}, so there is no default student; give --student`);
  const studentLink =
    o.student === undefined
      ? linkOf(defaultStudent(analysis.staircase))
      : typeof o.student === 'string'
        ? linkOf(o.student, { parameters: o.parameters })
        : o.student;
  const dsigma = compileForSpeed(derivativeOf(studentLink.expr));
  const sigma = compileForSpeed(studentLink.expr);
  const width = o.width ?? 1;
  if (!(Number.isSafeInteger(width) && width >= 1)) throw new OutOfRangeError(`multi-index verify: the width p must be an integer ≥ 1, got ${width}`);
  const target = compileMulti(link.expr, r);
  const noise = o.noise?.toNumber() ?? 0;
  // the step size
  const rule = o.gamma ?? { kind: 'auto' };
  let gammaAt: (d: number) => number;
  let gammaInfo: MultiIndexVerification['gamma'];
  if (rule.kind === 'fixed') {
    if (!(Number.isFinite(rule.value) && rule.value > 0)) throw new OutOfRangeError(`multi-index verify: γ must be a positive number, got ${rule.value}`);
    gammaAt = () => rule.value;
    gammaInfo = {
      rule: 'fixed',
      c: null,
      exponent: null,
      psiMoment: null,
      psiMomentError: null,
      note: `γ = ${rule.value} at every d (the leap's prediction assumes γ ∝ d^(−max(1, L/2)))`,
    };
  } else {
    const c = rule.c ?? MULTI_VERIFY_DEFAULTS.gammaC;
    if (!(Number.isFinite(c) && c > 0)) throw new OutOfRangeError(`multi-index verify: the γ constant c must be a positive number, got ${c}`);
    const exponent = Math.max(1, (L ?? 2) / 2);
    const { value: moment, error: momentError } = psiMoment(target, sigma, dsigma, r, width, noise, o.baseSeed, MULTI_VERIFY_DEFAULTS.momentDraws);
    if (!(Number.isFinite(moment) && moment > 0)) throw new OutOfRangeError(`multi-index verify: E[ψ²] = ${moment} at the start; give --gamma explicitly`);
    const d0 = ds[0]!;
    gammaAt = (d) => (c / (moment * d0)) * (d0 / d) ** exponent;
    gammaInfo = {
      rule: 'auto',
      c,
      exponent,
      psiMoment: moment,
      psiMomentError: momentError,
      note: `γ(d) = c/(E₀[ψ²]·d₀)·(d₀/d)^${exponent}, c = ${c}, d₀ = ${d0}, E₀[ψ²] ≈ ${Number(moment.toPrecision(4))} ± ${Number(momentError.toPrecision(2))} (Monte Carlo, ${MULTI_VERIFY_DEFAULTS.momentDraws} draws, ±1 standard error)${L === null ? ' (undecided leap: exponent 1, not from the leap)' : ''}`,
    };
  }
  const threshold = o.threshold ?? MULTI_VERIFY_DEFAULTS.threshold;
  const directionThreshold = o.directionThreshold ?? threshold / Math.sqrt(r);
  const maxSteps = o.maxSteps ?? MULTI_VERIFY_DEFAULTS.maxSteps;
  const engine = o.engine ?? 'reduced';
  const runSeed = o.runSeed ?? (width === 1 ? runOneNeuron : committeeRunner(width));
  // the runs, once per d
  const runs = new Map<number, MultiIndexRun[]>();
  for (const d of ds) {
    const base = seedFor(o.baseSeed, d);
    const gamma = gammaAt(d);
    const rs: MultiIndexRun[] = [];
    for (let i = 0; i < o.seeds; i++) {
      const run = runSeed(
        {
          d,
          directions: r,
          target,
          activationDerivative: dsigma,
          noise,
          gamma,
          threshold,
          directionThreshold,
          maxSteps,
          until: 'all',
          engine,
          seed: seedFor(base, i),
        },
        sigma,
      );
      rs.push(run);
      o.onRun?.(d, i, run);
    }
    runs.set(d, rs);
  }
  // the fits
  const settings: { seed: number; resamples?: number; level?: number } = { seed: o.baseSeed };
  if (o.resamples !== undefined) settings.resamples = o.resamples;
  if (o.level !== undefined) settings.level = o.level;
  const observationsOf = (time: 'subspace' | number, rs: readonly MultiIndexRun[]): Observation[] =>
    rs.map((run) => {
      const t = time === 'subspace' ? run.hit : run.directionHits[time - 1]!;
      return t === null ? { time: Math.max(run.steps, 1), reached: false } : { time: Math.max(t, 1), reached: true };
    });
  const phaseOfDirection = new Map(predicted?.flatMap((p) => p.adds.map((s) => [s, p] as const)) ?? []);
  const times: ('subspace' | number)[] = ['subspace', ...Array.from({ length: r }, (_, s) => s + 1)];
  const fits = times.map((time): MultiIndexFit => {
    const fit: SlopeBootstrap = bootstrapSlope(new Map(ds.map((d) => [d, observationsOf(time, runs.get(d)!)] as const)), settings);
    const phase = predicted === null ? null : time === 'subspace' ? (predicted[0] ?? null) : (phaseOfDirection.get(time) ?? null);
    const base = {
      time,
      label: time === 'subspace' ? 'subspace' : `z${time}`,
      slope: fit.slope,
      ci: fit.ci,
      points: fit.points,
      censoredMedians: fit.censoredMedians,
      medians: fit.medians,
    };
    if (phase === null) {
      const reason = predictionNote ?? `z${time} is not in the leap's staircase (g does not depend on it)`;
      return { ...base, predicted: null, predictedWithLog: null, phase: null, verdict: 'no prediction', reason };
    }
    const compared = slopeWithLog(phase.slope, phase.log, ds[0]!, ds[ds.length - 1]!);
    const v = verdict(fit, compared, o.verdictOptions);
    return { ...base, predicted: phase.slope, predictedWithLog: compared, phase: phase.phase, ...v };
  });
  // the observed staircase at the largest d
  const dMax = ds[ds.length - 1]!;
  const medians = Array.from({ length: r }, (_, s) => {
    const b = bootstrapInterval(observationsOf(s + 1, runs.get(dMax)!), kaplanMeierMedian, settings);
    return { direction: s + 1, median: b.estimate, lo: b.lo, hi: b.hi };
  });
  const observed = observedPhases(medians);
  const staircase: StaircaseComparison =
    predicted === null
      ? { d: dMax, observed, predicted: null, agreement: 'no prediction', reason: predictionNote! }
      : {
          d: dMax,
          observed,
          predicted,
          // a direction g does not depend on has no predicted phase: it takes no part in the comparison
          ...compareStaircases(
            observed.map((p) => p.adds.filter((s) => phaseOfDirection.has(s))).filter((adds) => adds.length > 0),
            predicted.map((p) => p.adds),
            observed.some((p) => p.censored && p.adds.some((s) => phaseOfDirection.has(s))),
          ),
        };
  const summaries = ds.map((d): MultiIndexRunsAtD => {
    const rs = runs.get(d)!;
    return {
      d,
      gamma: gammaAt(d),
      seeds: rs.length,
      reachedSubspace: rs.filter((x) => x.hit !== null).length,
      reachedDirections: Array.from({ length: r }, (_, s) => rs.filter((x) => x.directionHits[s] !== null).length),
      diverged: rs.filter((x) => x.diverged !== null).length,
      steps: rs.reduce((a, x) => a + x.steps, 0),
    };
  });
  return {
    mode: 'multi-index',
    input: link.source,
    expression: exprToString(link.expr),
    variables: r,
    leap: analysis.leap,
    leapNote: LEAP_NOTE,
    predictionNote,
    student: studentLink.source,
    studentIsDefault,
    width,
    gamma: gammaInfo,
    noise: o.noise?.toString() ?? null,
    threshold,
    directionThreshold,
    maxSteps,
    engine,
    seeds: o.seeds,
    baseSeed: o.baseSeed,
    ds,
    predicted,
    fits,
    staircase,
    runs: summaries,
    stepsSimulated: summaries.reduce((a, x) => a + x.steps, 0),
  };
}
