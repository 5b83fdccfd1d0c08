/**
 * The generative leap k* of Damian, Lee and Bruna (arXiv 2506.05500) for a multi-index link
 * y = g(z1..zr) + noise, computed over coordinate subspaces (docs/theory.md §8):
 *
 *     S_0 = ∅;  k_i = min { k : E_y‖E[He_k(z_{S_i⊥}) | y, z_{S_i}]‖² > 0 },
 *     S_{i+1} = S_i ⊕ span of that tensor's range;   k* = max_i k_i,
 *
 * and low-degree (SQ) algorithms need n ≍ d^{max(1, k⋆/2)}. Every decision is certified:
 *   zero      a tensor entry He_b(z_{S⊥}) (b on the directions not yet learned, |b| = k) has
 *             E[He_b | y, z_S] = 0 when a flip z_F ↦ −z_F (F outside S) leaves g unchanged and
 *             Σ_{s∈F} b_s is odd, or when g depends on some z_s (s ∉ S) only through sign(z_s) and
 *             b_s is even and positive (|z_s| is then independent of y, z_S and the other directions);
 *   positive  E[g^m He_a(z_S) He_b(z_{S⊥})] certified nonzero for some m ≤ M and a on S: with the
 *             test function y^{m'} He_a(z_S) (the noise moments make span{E[y^j ·]} = span{E[g^j ·]})
 *             the conditional expectation is not zero;
 *   the span  the range of the tensor is taken to be the coordinates of its nonzero entries once the
 *             flattening (rows: tests and the other k − 1 indices; columns: those coordinates) has a
 *             certified nonsingular square minor; otherwise the step is undecided.
 * For one direction it is the generative exponent p* (the single-index machinery decides it).
 * Computed over coordinate subspaces: a step whose range is not certified to be a coordinate
 * subspace is reported undecided, never guessed.
 */
import { OutOfRangeError } from '../errors.js';
import { Rational, factorial } from '../exact/rational.js';
import type { Expr } from '../expr/tree.js';
import { analyze } from '../analyze.js';
import type { UndecidedLeap } from './analyzeMulti.js';
import { multiHermiteExpansion, type MultiCoefficient, type MultiExpansion } from './expansion.js';
import { indexOf, keyOf, multiPolynomialOf } from './polynomial.js';
import { flipParity, signOnlyIn } from './symmetry.js';
import { asSingleIndex, directionsOf } from './variables.js';
import { halfExponent } from '../generative/sampleComplexity.js';

/** One step S_i ⊂ S_{i+1}: its k (null when undecided), the directions it adds, how it was decided. */
export interface GenerativeStep {
  readonly step: number;
  /** The smallest k with E_y‖E[He_k(z_{S⊥}) | y, z_S]‖² > 0 (null when undecided). */
  readonly k: number | null;
  /** 1-based directions the step adds to S. */
  readonly adds: readonly number[];
  /** Why every smaller k is zero and k is positive (or why the step is undecided). */
  readonly decidedBy: string;
}

export interface GenerativeLeapResult {
  /** k*, or what is known of it (the same shape as an undecided leap). */
  readonly value: number | UndecidedLeap;
  readonly steps: readonly GenerativeStep[];
}

export interface GenerativeLeapOptions {
  /** K: tensor orders and test degrees |a| + |b| ≤ K. */
  readonly maxDegree: number;
  /** M: label powers y^1..y^M as test functions (default 4). */
  readonly maxPower?: number;
  readonly noise?: Rational;
  readonly relativeTolerance?: number;
  /** g's expansion if already computed (with maxDegree ≥ K): reused as the first test function's moments. */
  readonly expansion?: MultiExpansion;
}

export const DEFAULT_GENERATIVE_POWERS = 4;
/** Most monomials of a power g^m of a polynomial link used as a test function. */
const MAX_POWER_TERMS = 5000;
export const GENERATIVE_LEAP_NOTE = 'generative leap (Damian, Lee, Bruna 2025, arXiv 2506.05500), over coordinate subspaces';

/**
 * n ≍ d^{max(1, k⋆/2)} as text.
 * @example generativeSampleComplexity(3) // 'd^(3/2)'
 * @example generativeSampleComplexity(2) // 'd'
 * @example generativeSampleComplexity(4) // 'd^2'
 */
export function generativeSampleComplexity(k: number): string {
  const e = halfExponent(k);
  if (e.equals(Rational.ONE)) return 'd';
  return e.isInteger() ? `d^${e}` : `d^(${e})`;
}

/** Every b ∈ ℕ^r supported on `on` with |b| = k. */
function* indicesOn(r: number, on: readonly number[], k: number): Generator<number[]> {
  const rec = function* (i: number, left: number, b: number[]): Generator<number[]> {
    if (i === on.length - 1) {
      b[on[i]! - 1] = left;
      yield [...b];
      b[on[i]! - 1] = 0;
      return;
    }
    for (let v = left; v >= 0; v--) {
      b[on[i]! - 1] = v;
      yield* rec(i + 1, left - v, b);
    }
    b[on[i]! - 1] = 0;
  };
  if (on.length === 0) return;
  yield* rec(0, k, new Array<number>(r).fill(0));
}

const total = (b: readonly number[]): number => b.reduce((x, y) => x + y, 0);
const zs = (ds: readonly number[]): string => ds.map((s) => `z${s}`).join(', ');
const showIndex = (b: readonly number[]): string => `He_(${b.join(',')})`;

/** A value ± bound of E[g^m He_k] (un-normalised), 0 ± 0 when certified zero. */
interface Moment {
  readonly value: number;
  readonly error: number;
  readonly nonzero: boolean;
}

/** The expansions of g^m, computed on first use. */
class PowerMoments {
  private readonly cache = new Map<number, { expansion: MultiExpansion; byKey: Map<string, MultiCoefficient> } | null>();
  constructor(
    private readonly e: Expr,
    private readonly r: number,
    private readonly K: number,
    private readonly relTol: number | undefined,
    first: MultiExpansion | undefined,
  ) {
    // g's own expansion, when the caller has it up to K at least (absent entries are then certified zeros)
    if (first && first.maxDegree >= K) {
      const ok = first.route !== 'not-computed';
      this.cache.set(1, ok ? { expansion: first, byKey: new Map(first.coefficients.map((c) => [keyOf(padded(c.multiIndex, r)), c])) } : null);
    }
  }

  expansion(m: number): { expansion: MultiExpansion; byKey: Map<string, MultiCoefficient> } | null {
    // a power the engine could not expand makes every higher one unavailable (no second slow failure)
    if (m > 1 && this.expansion(m - 1) === null) return null;
    if (!this.cache.has(m) && !this.withinBudget(m)) this.cache.set(m, null);
    if (!this.cache.has(m)) {
      const power: Expr = m === 1 ? this.e : { kind: 'pow', left: this.e, right: { kind: 'number', value: Rational.of(m) } };
      let expansion: MultiExpansion | null = null;
      try {
        expansion = multiHermiteExpansion(power, { maxDegree: this.K, relativeTolerance: this.relTol });
      } catch (err) {
        // g^m beyond the exact engine's limits (terms, degree): this test function is not available
        if (!(err instanceof OutOfRangeError)) throw err;
      }
      const ok = expansion !== null && expansion.route !== 'not-computed' && expansion.variables <= this.r;
      this.cache.set(m, ok && expansion ? { expansion, byKey: new Map(expansion.coefficients.map((c) => [keyOf(padded(c.multiIndex, this.r)), c])) } : null);
    }
    return this.cache.get(m)!;
  }

  /** The label powers available as tests, in words (those beyond the engine's limits are left out). */
  testsUpTo(M: number): string {
    let m = 0;
    while (m < M && this.expansion(m + 1) !== null) m++;
    if (m === 0) return 'no label power (the expansion of y itself was not computed)';
    return m === M ? `y^1..y^${M}` : `y^1..y^${m} (y^${m + 1} and above exceed the exact engine's limits or budget)`;
  }

  /** g^m of a polynomial g is expanded only while its terms stay below MAX_POWER_TERMS (an estimate from g's terms and degree). */
  private withinBudget(m: number): boolean {
    const p = multiPolynomialOf(this.e, this.r);
    if (!p) return true;
    let degree = 0;
    for (const key of p.keys()) degree = Math.max(degree, total(indexOf(key)));
    let bound = 1;
    for (let i = 1; i <= this.r; i++) bound = (bound * (degree * m + i)) / i;
    return Math.min(bound, p.size ** m) <= MAX_POWER_TERMS;
  }

  /** E[g^m He_k] with k ∈ ℕ^r (He un-normalised: α_k·√(k!)); null when g^m's expansion was not computed. */
  moment(m: number, k: readonly number[]): Moment | null {
    const x = this.expansion(m);
    if (!x) return null;
    const c = x.byKey.get(keyOf(k));
    if (!c) return { value: 0, error: 0, nonzero: false };
    const scale = Math.sqrt(k.reduce((p, ks) => p * Number(factorial(ks)), 1));
    const error = c.exact !== null ? 4 * Number.EPSILON * Math.abs(c.orthonormal) * scale : c.error * scale * (1 + 4 * Number.EPSILON);
    return { value: c.orthonormal * scale, error, nonzero: c.status === 'nonzero' };
  }
}

const padded = (k: readonly number[], r: number): number[] => Array.from({ length: r }, (_, i) => k[i] ?? 0);

/** Determinant of a square matrix of intervals: value and a bound on its error (Leibniz; n ≤ 6). */
function intervalDeterminant(values: readonly (readonly number[])[], errors: readonly (readonly number[])[]): { value: number; error: number } {
  const n = values.length;
  let value = 0;
  let error = 0;
  let magnitude = 0;
  const perm = Array.from({ length: n }, (_, i) => i);
  const used = new Array<boolean>(n).fill(false);
  const rec = (i: number, sign: number) => {
    if (i === n) {
      let v = sign;
      let upper = 1;
      let lower = 1;
      for (let row = 0; row < n; row++) {
        const a = values[row]![perm[row]!]!;
        v *= a;
        upper *= Math.abs(a) + errors[row]![perm[row]!]!;
        lower *= Math.abs(a);
      }
      value += v;
      error += upper - lower;
      magnitude += Math.abs(v);
      return;
    }
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      used[j] = true;
      perm[i] = j;
      // sign of the permutation: count inversions as we go
      let inversions = 0;
      for (let q = 0; q < i; q++) if (perm[q]! > j) inversions++;
      rec(i + 1, inversions % 2 === 0 ? sign : -sign);
      used[j] = false;
    }
  };
  rec(0, 1);
  return { value, error: error + 8 * n * Number.EPSILON * magnitude };
}

/**
 * A certified rank-h check of a tall interval matrix (rows × h): rows picked by pivoted elimination on
 * the values, then the h×h determinant certified by interval bounds.
 */
function certifiedFullColumnRank(rows: readonly { value: number[]; error: number[] }[], h: number): boolean {
  if (rows.length < h) return false;
  const picked: number[] = [];
  const work = rows.map((r) => [...r.value]);
  const cols = Array.from({ length: h }, (_, j) => j);
  for (const col of cols) {
    let best = -1;
    let bestAbs = 0;
    work.forEach((row, i) => {
      if (!picked.includes(i) && Math.abs(row[col]!) > bestAbs) {
        bestAbs = Math.abs(row[col]!);
        best = i;
      }
    });
    if (best < 0) return false;
    picked.push(best);
    const pivot = work[best]!;
    work.forEach((row, i) => {
      if (i === best || picked.includes(i)) return;
      const f = row[col]! / pivot[col]!;
      for (let j = col; j < h; j++) row[j]! -= f * pivot[j]!;
    });
  }
  const det = intervalDeterminant(
    picked.map((i) => rows[i]!.value),
    picked.map((i) => rows[i]!.error),
  );
  return Math.abs(det.value) > det.error;
}

interface EntryDecision {
  readonly b: number[];
  readonly status: 'zero' | 'positive' | 'unknown';
  readonly why: string;
}

/**
 * The generative leap of g (a multi-index tree), its steps and how each was decided.
 * @example generativeLeap(parseLink('z1*z2*z3', { variables: 'multi' }), { maxDegree: 6 }).value // 2
 * @example generativeLeap(parseLink('sign(z1*z2*z3)', { variables: 'multi' }), { maxDegree: 6 }).value // 3
 * @example generativeLeap(parseLink('z1 + z1*z2 + z1*z2*z3', { variables: 'multi' }), { maxDegree: 6 }).value // 1
 */
export function generativeLeap(e: Expr, options: GenerativeLeapOptions): GenerativeLeapResult {
  const K = options.maxDegree;
  const M = options.maxPower ?? DEFAULT_GENERATIVE_POWERS;
  const D = directionsOf(e);
  if (D.length === 0) {
    return { value: { undecided: true, candidates: [], unbounded: false, reason: 'constant link: y carries no information about z' }, steps: [] };
  }
  if (D.length === 1) return singleDirection(e, D[0]!, options);
  const r = D[D.length - 1]!;
  const moments = new PowerMoments(e, r, K, options.relativeTolerance, options.expansion);
  const steps: GenerativeStep[] = [];
  const learned: number[] = [];
  const ks: number[] = [];
  // k* is at least the largest k met so far and `lower`; the steps not taken could raise it
  const undecided = (lower: number, reason: string): GenerativeLeapResult => ({
    value: { undecided: true, candidates: [Math.max(lower, ...ks, 1)], unbounded: true, reason },
    steps,
  });
  // symmetries: flips that leave g unchanged, and directions it sees only through their sign
  const invariantFlips: number[][] = [];
  for (let mask = 1; mask < 1 << D.length; mask++) {
    const F = D.filter((_, i) => (mask & (1 << i)) !== 0);
    if (flipParity(e, new Set(F)) === 'even') invariantFlips.push(F);
  }
  const signOnly = new Set(D.filter((s) => signOnlyIn(e, s)));

  while (learned.length < D.length) {
    const rest = D.filter((s) => !learned.includes(s));
    const flipsOutside = invariantFlips.filter((F) => F.every((s) => rest.includes(s)));
    let found = false;
    for (let k = 1; k <= K; k++) {
      const decisions: EntryDecision[] = [];
      for (const b of indicesOn(r, rest, k)) decisions.push(decideEntry(b, flipsOutside, signOnly, learned, moments, K, M));
      if (decisions.every((d) => d.status === 'zero')) continue;
      const positive = decisions.filter((d) => d.status === 'positive');
      const unknown = decisions.filter((d) => d.status === 'unknown');
      if (positive.length === 0) {
        const shown = unknown
          .slice(0, 3)
          .map((d) => showIndex(d.b))
          .join(', ');
        steps.push({
          step: steps.length + 1,
          k: null,
          adds: [],
          decidedBy: `undecided: every order below ${k} is certified zero, but ${shown}${unknown.length > 3 ? ', …' : ''} at order ${k} is neither certified zero nor found nonzero`,
        });
        return undecided(
          k,
          `step ${steps.length} (learned so far: ${learned.length ? zs(learned) : 'none'}): ${unknown.length} entr${unknown.length === 1 ? 'y' : 'ies'} of order ${k} neither certified zero nor found nonzero with ${moments.testsUpTo(M)}`,
        );
      }
      const hull = rest.filter((s) => positive.some((d) => d.b[s - 1]! > 0));
      const outside = unknown.filter((d) => rest.some((s) => d.b[s - 1]! > 0 && !hull.includes(s)));
      const lowerZeros = k === 1 ? 'none below' : `orders 1..${k - 1} certified zero (${zeroReasons(r, rest, k - 1, flipsOutside, signOnly)})`;
      const witness = positive[0]!.why;
      if (outside.length > 0) {
        steps.push({
          step: steps.length + 1,
          k,
          adds: hull,
          decidedBy: `k = ${k} certified (${lowerZeros}; ${witness}); the subspace it reveals is not: ${showIndex(outside[0]!.b)} is neither zero nor nonzero`,
        });
        ks.push(k);
        return undecided(k, `step ${steps.length}: the range of the order-${k} tensor may reach ${zs(rest.filter((s) => !hull.includes(s)))}, not decided`);
      }
      if (!spanIsCoordinate(hull, rest, learned, k, r, moments, K, M)) {
        steps.push({
          step: steps.length + 1,
          k,
          adds: hull,
          decidedBy: `k = ${k} certified (${lowerZeros}; ${witness}); its range is not certified to span ${zs(hull)}`,
        });
        ks.push(k);
        return undecided(
          k,
          `step ${steps.length}: the range of the order-${k} tensor is not certified to be the coordinate subspace of ${zs(hull)} (it may be a smaller, rotated subspace; rotations are not computed)`,
        );
      }
      steps.push({ step: steps.length + 1, k, adds: hull, decidedBy: `${lowerZeros}; ${witness}; range spans ${zs(hull)} (certified rank ${hull.length})` });
      ks.push(k);
      learned.push(...hull);
      learned.sort((a, b) => a - b);
      found = true;
      break;
    }
    if (!found) {
      steps.push({ step: steps.length + 1, k: null, adds: [], decidedBy: `undecided: every entry of order ≤ ${K} on ${zs(rest)} is certified zero` });
      return {
        value: {
          undecided: true,
          candidates: [],
          unbounded: true,
          reason: `step ${steps.length}: orders 1..${K} on ${zs(rest)} are all certified zero: k > ${K} there (raise --max-degree)`,
        },
        steps,
      };
    }
  }
  return { value: Math.max(...ks), steps };
}

/** Why the entries of orders 1..upTo are zero, in words. */
function zeroReasons(r: number, rest: readonly number[], upTo: number, flips: readonly number[][], signOnly: ReadonlySet<number>): string {
  const used = new Set<string>();
  for (let k = 1; k <= upTo; k++) {
    for (const b of indicesOn(r, rest, k)) {
      const why = zeroByStructure(b, flips, signOnly);
      if (why) used.add(why);
    }
  }
  return [...used].join('; ');
}

function zeroByStructure(b: readonly number[], flips: readonly number[][], signOnly: ReadonlySet<number>): string | null {
  const flip = flips.find((F) => F.reduce((acc, s) => acc + b[s - 1]!, 0) % 2 === 1);
  if (flip) return `g is unchanged by flipping ${zs(flip)}`;
  const s = [...signOnly].find((t) => b[t - 1]! > 0 && b[t - 1]! % 2 === 0);
  if (s !== undefined) return `g sees z${s} only through sign(z${s})`;
  return null;
}

function decideEntry(
  b: number[],
  flips: readonly number[][],
  signOnly: ReadonlySet<number>,
  learned: readonly number[],
  moments: PowerMoments,
  K: number,
  M: number,
): EntryDecision {
  const zero = zeroByStructure(b, flips, signOnly);
  if (zero) return { b, status: 'zero', why: zero };
  const room = K - total(b);
  for (let m = 1; m <= M; m++) {
    for (let degree = 0; degree <= room; degree++) {
      for (const a of learned.length ? indicesOn(b.length, learned, degree) : degree === 0 ? [new Array<number>(b.length).fill(0)] : []) {
        const k = b.map((x, i) => x + a[i]!);
        const mo = moments.moment(m, k);
        if (mo?.nonzero) {
          const test = `y^${m}${total(a) > 0 ? `·${showIndex(a)}` : ''}`;
          return { b, status: 'positive', why: `E[${test}·${showIndex(b)}] ≠ 0 (${moments.expansion(m)!.expansion.route})` };
        }
      }
    }
  }
  return { b, status: 'unknown', why: '' };
}

/** Whether the order-k tensor's range is certified to be all of span(z_s, s ∈ hull). */
function spanIsCoordinate(
  hull: readonly number[],
  rest: readonly number[],
  learned: readonly number[],
  k: number,
  r: number,
  moments: PowerMoments,
  K: number,
  M: number,
): boolean {
  const rows: { value: number[]; error: number[] }[] = [];
  const room = K - k;
  // the other k − 1 indices of the tensor entry, on the directions not yet learned
  const others = k === 1 ? [new Array<number>(r).fill(0)] : [...indicesOn(r, rest, k - 1)];
  for (let m = 1; m <= M; m++) {
    for (let degree = 0; degree <= room; degree++) {
      const tests = learned.length ? [...indicesOn(r, learned, degree)] : degree === 0 ? [new Array<number>(r).fill(0)] : [];
      for (const a of tests) {
        for (const c of others) {
          const value: number[] = [];
          const error: number[] = [];
          let usable = true;
          for (const s of hull) {
            const idx = c.map((x, i) => x + a[i]! + (i === s - 1 ? 1 : 0));
            const mo = moments.moment(m, idx);
            if (!mo) {
              usable = false;
              break;
            }
            value.push(mo.value);
            error.push(mo.error);
          }
          if (usable && value.some((v, j) => Math.abs(v) > error[j]!)) rows.push({ value, error });
        }
      }
    }
    if (certifiedFullColumnRank(rows, hull.length)) return true;
  }
  return false;
}

/** One direction: the generative exponent p* of g as a function of z_s (the single-index route). */
function singleDirection(e: Expr, s: number, options: GenerativeLeapOptions): GenerativeLeapResult {
  const single = asSingleIndex(e, s);
  const a = analyze({ source: `z${s}`, expr: single }, { noise: options.noise, maxDegree: Math.max(options.maxDegree, 8) });
  if (a.generativeExponent !== null) {
    return {
      value: a.generativeExponent,
      steps: [
        {
          step: 1,
          k: a.generativeExponent,
          adds: [s],
          decidedBy: `one direction: the generative exponent p* (${a.generativeExponentDecidedBy ?? 'decided'}${a.generativeExponentDetail ? `; ${a.generativeExponentDetail.note}` : ''})`,
        },
      ],
    };
  }
  const u = a.generativeExponentUndecided;
  const reason = u
    ? `one direction: the generative exponent is undecided: ${u.reason}`
    : `one direction: ${a.generativeExponentDetail?.note ?? 'the generative exponent was not computed'}`;
  return {
    value: { undecided: true, candidates: u ? [...u.candidates] : [], unbounded: u ? u.above !== null : true, reason },
    steps: [{ step: 1, k: null, adds: [], decidedBy: reason }],
  };
}
