/**
 * `sindex thresholds` with free parameters in the target (issue 15, first part). The regime of
 * every algorithm is decided by the target's label powers p_i = IE(E[y^i | z]) (branch i runs in
 * T_i ≍ d^{(p_i−1)∨1}/μ_i², docs/theory.md §4), so the answer is the common refinement of the splits
 * of p_1..p_I (src/symbolic/refine.ts), one case each:
 *
 *   pinned     a case fixing every parameter to a rational (a = −3): the full numeric-parameter
 *              thresholds with those values bound (μ_i, branches, breakpoints, exact as usual);
 *   otherwise  the label powers of the case, exact for every parameter value in it, and for
 *              alternating SGD with student = target the breakpoint of the closed form
 *              α* = [((p−1)∨1) − ((p₂−1)∨1)]/2 (other algorithms: not derived on such a case).
 *
 * Alternating SGD with student = target, ψ = w·yσ' + η·y²σσ' (w the second-layer weight `--a`): since He_k' = k·He_{k−1},
 * u_{i−1}(σ') = i·u_i(σ) and u_{i−1}(σσ') = u_{i−1}((σ²)'/2) = (i/2)·u_i(σ²), so
 *
 *   μ_i(η, θ) = w·i·u_i(σ)² + η·(i/2)·u_i(σ²)²      (label noise changes only u_0 of E[y² | z])
 *
 * is a polynomial in η and the parameters, and for w > 0 it vanishes exactly where u_i(σ) and
 * u_i(σ²) do: the first nonzero μ_i of each order in η sits at i = p and i = p₂, so the closed form
 * holds on every case, not only where the parameters are fixed.
 *
 * Beside these cases, `drift` (online, batch reuse, alternating; any polynomial student): μ_i(η, d, θ) and
 * E[ψ²](η, d, θ) exact (src/symbolic/driftSymbolic.ts) and their own case split on which coefficients
 * vanish, each case with the breakpoints of its supports, exact on the whole case, and a rational point
 * checked against the numeric-parameter thresholds (src/symbolic/driftCases.ts).
 */
import { OutOfRangeError } from '../errors.js';
import { Rational } from '../exact/rational.js';
import { alternatingAlphaOf } from '../generative/sampleComplexity.js';
import { parseLink } from '../expr/parse.js';
import { linkOf } from '../expr/link.js';
import { type ThresholdAlgorithm, type ThresholdOptions, thresholds } from '../thresholds/thresholds.js';
import { conditionalLabelMoment } from '../analysis/labelPowers.js';
import type { Expr } from '../expr/tree.js';
import { DEFAULT_MAX_INDEX } from '../thresholds/thresholds.js';
import { freeParametersOf } from './freeParameters.js';
import { MPoly } from './mpoly.js';
import { probabilistsCoefficients, zPolynomialOf } from './zpoly.js';
import { type Case, MAX_CASES } from './cases.js';
import { conditionTex, conditionText } from './condition.js';
import { jointCases, pinnedValues } from './refine.js';
import { labelPowerSplits } from './splits.js';
import { driftCases, type EtaDMonomial } from './driftCases.js';
import { etaDCoefficients, etaDText, symbolicDriftOf } from './driftSymbolic.js';

export interface SymbolicThresholdsOptions {
  readonly target: string;
  readonly student?: string;
  readonly algorithm: ThresholdAlgorithm;
  /** Parameters fixed to numbers (`--set`); the others stay free. */
  readonly parameters?: ReadonlyMap<string, Rational>;
  readonly noise?: Rational;
  /** Passed on to `thresholds` for a pinned case (psi, a, d, depth, maxIndex, order, timeLimit). */
  readonly rest?: Omit<ThresholdOptions, 'target' | 'student' | 'algorithm' | 'parameters' | 'noise'>;
}

export interface SymbolicThresholdCase {
  readonly when: string;
  readonly whenTex: string;
  /** p_1..p_I on this case (null: σ^i constant there, unresolved, or not derived). */
  readonly labelPowers: readonly (number | null)[];
  /** The breakpoints α of the phase diagram (η = d^{−α}); null when not derived for this case. */
  readonly breakpoints: readonly string[] | null;
  /** 'phase diagram': the numeric-parameter thresholds with the case's values bound; 'closed form': α* of §4, valid where μ_1, μ_2 ≠ 0. */
  readonly breakpointsBy: 'phase diagram' | 'closed form' | null;
  /** Whether the phase diagram of a pinned case is exact (false: numeric μ_i). */
  readonly exact: boolean | null;
}

/** μ_i(η, parameters) as an exact polynomial (alternating SGD, student = target). */
export interface SymbolicMu {
  readonly i: number;
  readonly exact: string;
  readonly tex: string;
  readonly parameters: readonly string[];
}

/** A drift polynomial in η, d and the parameters (issue 15): whole, and as Σ coefficient(θ)·η^a·d^b. */
export interface SymbolicDriftPolynomial {
  /** Input syntax of the polynomial in eta, d and the parameters. */
  readonly exact: string;
  /** Grouped by monomials of η and d: "(a^2 + 6*a + 9) + 3*eta*d". */
  readonly grouped: string;
  readonly tex: string;
  readonly terms: readonly { readonly eta: number; readonly d: number; readonly coefficient: string }[];
}

/** One case of the split of the drift coefficients (src/symbolic/driftCases.ts). */
export interface SymbolicDriftCase {
  readonly when: string;
  readonly whenTex: string;
  /** Every coefficient that is not a constant is nonzero (nonempty interior, off every exceptional set). */
  readonly generic: boolean;
  /** The i with μ_i ≡ 0 in η and d on the case. */
  readonly vanishing: readonly number[];
  /** For μ_1..μ_I: the monomials η^a·d^b with a nonzero coefficient on the case, as "eta^a*d^b" ('1' for η⁰d⁰). */
  readonly support: readonly (readonly string[])[];
  /** Breakpoints α (η = d^{−α}) of the phase diagram from the supports: exact for every parameter value of the case (null: E[ψ²] ≡ 0). */
  readonly breakpoints: readonly string[] | null;
  /** A rational point of the case (parameter → value), null when none was found (the case may then be empty over ℝ). */
  readonly point: Readonly<Record<string, string>> | null;
  /** 'pinned': the case fixes every parameter; 'generic': a point off every exceptional set; 'point': a point of a lower-dimensional case. */
  readonly pointKind: 'pinned' | 'generic' | 'point' | null;
  /** The breakpoints of the numeric-parameter `thresholds` with the point's values bound (a check), or null without a point. */
  readonly pointBreakpoints: readonly string[] | null;
  /** No rational point was found and the case has an equation in several parameters: it may be empty over ℝ. */
  readonly mayBeEmpty: boolean;
}

/** μ_i(η, d, parameters) and E[ψ²](η, d, parameters) of online, batch-reuse or alternating SGD (4.2), (4.3), exact, with their case split. */
export interface SymbolicDrift {
  /** The parameters of target and student together. */
  readonly parameters: readonly string[];
  readonly mu: readonly (SymbolicDriftPolynomial & { readonly i: number })[];
  readonly psiSecondMoment: SymbolicDriftPolynomial;
  /** Batch reuse: the Taylor series cut after this many terms (as the numeric oracle does). */
  readonly truncatedAt: number | null;
  readonly cases: readonly SymbolicDriftCase[];
  /** False when the split of several parameters was cut (MAX_CASES): then only the generic case is listed. */
  readonly complete: boolean;
}

export interface SymbolicThresholds {
  readonly mode: 'symbolic';
  /** μ_i(η, d, parameters) of any polynomial target and student, with the breakpoints by case of their coefficients; null when not derived (custom ψ, non-polynomial links). */
  readonly drift: SymbolicDrift | null;
  readonly algorithm: ThresholdAlgorithm;
  /** μ_i(η, parameters), i = 1..maxIndex, where derived (alternating SGD with student = target and a polynomial target), else null. */
  readonly mu: readonly SymbolicMu[] | null;
  readonly target: string;
  readonly student: string | null;
  readonly parameters: readonly string[];
  readonly cases: readonly SymbolicThresholdCase[];
  /** What holds exactly for every parameter value, and what does not. */
  readonly exactForEveryValue: readonly string[];
  readonly notExact: readonly string[];
}

/**
 * μ_i(η, θ) = w·i·u_i(σ)² + η·(i/2)·u_i(σ²)² of alternating SGD with student = target, i = 1..count
 * (null when σ is not a polynomial in z and the parameters, or a parameter is named eta).
 */
export function alternatingMu(sigma: Expr, count: number, weight: Rational = Rational.ONE): SymbolicMu[] | null {
  const p = zPolynomialOf(sigma);
  if (p === null || freeParametersOf(sigma).includes('eta')) return null;
  const u = probabilistsCoefficients(p);
  const square = zPolynomialOf(conditionalLabelMoment(sigma, 2));
  if (square === null) return null;
  const v = probabilistsCoefficients(square);
  const eta = MPoly.variable('eta');
  const out: SymbolicMu[] = [];
  for (let i = 1; i <= count; i++) {
    const ui = u[i] ?? MPoly.ZERO;
    const vi = v[i] ?? MPoly.ZERO;
    const mu = ui
      .mul(ui)
      .scale(weight.mul(Rational.of(i)))
      .add(eta.mul(vi.mul(vi)).scale(Rational.of(i, 2)));
    out.push({ i, exact: mu.toString(), tex: mu.toTex(), parameters: mu.variables().filter((x) => x !== 'eta') });
  }
  return out;
}

/** The label powers that decide the regime: p_1 for online SGD, p_1, p_2 for alternating, p_1..p_4 otherwise. */
const powersOf = (algorithm: ThresholdAlgorithm): number => (algorithm === 'online' ? 1 : algorithm === 'alternating' ? 2 : 4);

/**
 * The case split of the thresholds of a target with free parameters.
 * @example symbolicThresholds({ target: 'z^3 + a*z', algorithm: 'alternating' }).cases.map((c) => `${c.when}: ${c.breakpoints}`) // ['a != -3: ', 'a = -3: 1/2']
 */
export function symbolicThresholds(o: SymbolicThresholdsOptions): SymbolicThresholds {
  const bound = o.parameters ?? new Map<string, Rational>();
  const noise = o.noise ?? Rational.ZERO;
  const sigma = parseLink(o.target, { parameters: bound, freeParameters: true });
  const parameters = freeParametersOf(sigma);
  const studentFree = o.student === undefined ? [] : freeParametersOf(parseLink(o.student, { parameters: bound, freeParameters: true }));
  if (parameters.length === 0)
    throw new OutOfRangeError(
      `the student has free parameters (${studentFree.join(', ')}) but the target has none: give them values with ${studentFree.map((v) => `--set ${v}=…`).join(' ')}`,
    );
  const count = powersOf(o.algorithm);
  const splits = labelPowerSplits(sigma, count, noise);
  if (splits === null)
    throw new OutOfRangeError(
      `thresholds with free parameters take a target that is a polynomial in z and the parameters (or f(s·z)); give ${parameters.map((v) => `--set ${v}=…`).join(' ')}`,
    );
  // the closed form of alternating SGD holds on every case when the student is the target and w > 0
  const weight = o.rest?.a ?? Rational.ONE;
  const closedForm = o.algorithm === 'alternating' && (o.student === undefined || o.student === o.target) && weight.sign() > 0;
  const lists: (readonly Case[])[] = splits.map((s) => s ?? [{ when: [], value: 'unresolved' }]);
  const cases = jointCases(lists, parameters).map((c): SymbolicThresholdCase => {
    const labelPowers = c.values.map((v) => (typeof v === 'number' ? v : null));
    const pins = pinnedValues(c.when);
    const base = { when: conditionText(c.when), whenTex: conditionTex(c.when), labelPowers };
    if (studentFree.length === 0 && parameters.every((v) => pins.has(v))) {
      const values = new Map([...bound, ...pins]);
      const t = thresholds({
        ...o.rest,
        target: linkOf(o.target, { parameters: values }),
        student: o.student === undefined ? undefined : linkOf(o.student, { parameters: values }),
        algorithm: o.algorithm,
        noise: o.noise,
        parameters: values,
      });
      return { ...base, breakpoints: t.phaseDiagram.breakpoints, breakpointsBy: 'phase diagram', exact: t.exact };
    }
    if (closedForm) {
      const [p = null, p2 = null] = labelPowers;
      const alpha = alternatingAlphaOf(p, p2);
      const breakpoints = p === null || p2 === null ? null : alpha === null ? [] : [alpha];
      return { ...base, breakpoints, breakpointsBy: breakpoints === null ? null : 'closed form', exact: null };
    }
    return { ...base, breakpoints: null, breakpointsBy: null, exact: null };
  });
  const drift = o.algorithm === 'custom' ? null : symbolicDriftCases(o, o.algorithm, bound, weight);
  const emptyPossible = drift?.cases.some((c) => c.mayBeEmpty) ?? false;
  return {
    mode: 'symbolic',
    drift,
    algorithm: o.algorithm,
    target: o.target,
    student: o.student ?? null,
    parameters: [...new Set([...parameters, ...studentFree])].sort(),
    mu: closedForm ? alternatingMu(sigma, o.rest?.maxIndex ?? DEFAULT_MAX_INDEX, weight) : null,
    cases,
    exactForEveryValue: [
      ...(closedForm
        ? [
            'μ_i(η, parameters) = w·i·u_i(σ)² + η·(i/2)·u_i(σ²)² (student = target, w = --a), and with it the breakpoint α* = [((p−1)∨1) − ((p₂−1)∨1)]/2 on every case',
          ]
        : []),
      `the case split of the target's label powers ${count === 1 ? 'p_1' : `p_1..p_${count}`} (the exponents that decide the regime), each case's exceptional set exact`,
      `the branch rates T_i ≍ d^{(p_i−1)∨1}/μ_i² on each case`,
      'on a case that fixes every parameter to a rational value: the whole phase diagram (computed with those values bound)',
      ...(drift === null
        ? []
        : [
            `μ_i(η, d, parameters) and E[ψ²](η, d, parameters) of ${o.algorithm} SGD by (4.2), (4.3), and on each drift case (split on their coefficients) the μ_i that vanish identically, the supports and the breakpoints of the phase diagram, algebraic exceptional values included`,
          ]),
    ],
    notExact: [
      ...(drift !== null && !drift.complete
        ? [`the drift split of ${drift.parameters.length} parameters was cut after ${MAX_CASES} cases: only the generic case is listed`]
        : []),
      ...(emptyPossible
        ? ['a drift case with no rational point may be empty over ℝ (equations in several parameters are not checked for real solutions)']
        : []),
      ...(closedForm || drift !== null
        ? []
        : [
            `μ_i(η, parameters) of ${o.algorithm === 'alternating' ? 'alternating SGD with a student other than the target' : o.algorithm} are not derived symbolically: breakpoints only on the cases that fix every parameter`,
          ]),
      ...(studentFree.length > 0 && drift === null ? [`the student's parameters (${studentFree.join(', ')}) enter only through μ_i, which are not split`] : []),
    ],
  };
}

function driftPolynomial(p: MPoly): SymbolicDriftPolynomial {
  return {
    exact: p.toString(),
    grouped: etaDText(p),
    tex: p.toTex(),
    terms: etaDCoefficients(p).map((t) => ({ eta: t.eta, d: t.d, coefficient: t.coefficient.toString() })),
  };
}

const monomialText = (m: EtaDMonomial): string =>
  [m.eta > 0 ? (m.eta === 1 ? 'eta' : `eta^${m.eta}`) : '', m.d > 0 ? (m.d === 1 ? 'd' : `d^${m.d}`) : ''].filter(Boolean).join('*') || '1';

/**
 * The exact drift coefficients of target and student and their case split (src/symbolic/driftCases.ts),
 * each case with a rational point checked against the numeric-parameter thresholds; null when a link is
 * not a polynomial in z and the parameters.
 */
function symbolicDriftCases(
  o: SymbolicThresholdsOptions,
  algorithm: 'online' | 'batch-reuse' | 'alternating',
  bound: ReadonlyMap<string, Rational>,
  weight: Rational,
): SymbolicDrift | null {
  const expansion = symbolicDriftOf({
    target: o.target,
    student: o.student,
    algorithm,
    parameters: bound,
    noise: o.noise,
    weight,
    order: o.rest?.order,
    maxIndex: o.rest?.maxIndex ?? DEFAULT_MAX_INDEX,
  });
  if (expansion === null) return null;
  const split = driftCases(expansion.mu, expansion.psiSecondMoment, expansion.parameters);
  return {
    parameters: expansion.parameters,
    mu: expansion.mu.map((m, j) => ({ i: j + 1, ...driftPolynomial(m) })),
    psiSecondMoment: driftPolynomial(expansion.psiSecondMoment),
    truncatedAt: expansion.truncatedAt,
    complete: split.complete,
    cases: split.cases.map((c): SymbolicDriftCase => {
      const pinned = pinnedValues(c.when);
      const pointKind = c.point === null ? null : expansion.parameters.every((v) => pinned.has(v)) ? 'pinned' : c.generic ? 'generic' : 'point';
      let pointBreakpoints: readonly string[] | null = null;
      if (c.point !== null) {
        const values = new Map([...bound, ...c.point]);
        pointBreakpoints = thresholds({
          ...o.rest,
          target: linkOf(o.target, { parameters: values }),
          student: o.student === undefined ? undefined : linkOf(o.student, { parameters: values }),
          algorithm,
          noise: o.noise,
          parameters: values,
        }).phaseDiagram.breakpoints;
      }
      return {
        when: conditionText(c.when),
        whenTex: conditionTex(c.when),
        generic: c.generic,
        vanishing: c.vanishing,
        support: c.muSupport.map((s) => s.map(monomialText)),
        breakpoints: c.breakpoints,
        point: c.point === null ? null : Object.fromEntries([...c.point].map(([v, x]) => [v, x.toString()])),
        pointKind,
        pointBreakpoints,
        mayBeEmpty: c.mayBeEmpty,
      };
    }),
  };
}
