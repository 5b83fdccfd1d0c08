/**
 * The CSQ leap exponent of Abbe, Boix-Adserà and Misiakiewicz (arXiv 2302.11055), in the
 * coordinates z1..zr: for the support S of the nonzero coefficients α_k,
 *
 *     Leap(S) = min over orderings k¹, k², … of S of  max_i Σ_{s ∉ supp(k¹) ∪ … ∪ supp(k^{i−1})} k^i_s,
 *
 * the largest total degree a monomial carries on coordinates not yet learned (He₄(z1): 4;
 * z1 + z1z2 + z1z2z3: 1; z1z2z3: 3). Exact, by a bottleneck shortest path over the learned sets
 * U ⊆ {1..r}: from U, a monomial k costs c_U(k) = Σ_{s∉U} k_s and leads to U ∪ supp(k); the leap
 * is the least, over paths from ∅ to the directions g depends on, of the largest step cost.
 * This is the coordinate leap: an upper bound of the rotation-invariant isoLeap (the minimum over
 * bases of the hidden subspace).
 */
import { onlineExponent } from '../generative/sampleComplexity.js';

/** A move of the search: a monomial (or a lower bound for a group of them) on `directions`. */
export interface LeapMove {
  /** 1-based directions with k_s > 0 (or that a group may reach). */
  readonly directions: readonly number[];
  /** k_s on each of `directions` (or a lower bound of it). */
  readonly degrees: readonly number[];
}

const maskOf = (directions: readonly number[]): number => directions.reduce((m, s) => m | (1 << (s - 1)), 0);

/** c_U(move) = Σ_{s∉U} k_s. */
function costFrom(U: number, move: LeapMove): number {
  let c = 0;
  move.directions.forEach((s, i) => {
    if ((U & (1 << (s - 1))) === 0) c += move.degrees[i]!;
  });
  return c;
}

/**
 * Least bottleneck from ∅ to a set containing `target` (1-based directions), by a minimax Dijkstra over
 * the 2^r learned sets; Infinity when the moves never reach the target.
 * @example bottleneckLeap([{ directions: [1], degrees: [4] }], [1]) // 4
 * @example bottleneckLeap([{ directions: [1], degrees: [1] }, { directions: [1, 2], degrees: [1, 1] }, { directions: [1, 2, 3], degrees: [1, 1, 1] }], [1, 2, 3]) // 1
 * @example bottleneckLeap([{ directions: [1, 2, 3], degrees: [1, 1, 1] }], [1, 2, 3]) // 3
 */
export function bottleneckLeap(moves: readonly LeapMove[], target: readonly number[]): number {
  const goal = maskOf(target);
  if (goal === 0) return 0;
  const r = Math.max(...target, ...moves.flatMap((m) => m.directions));
  const size = 1 << r;
  const best = new Float64Array(size).fill(Infinity);
  const done = new Uint8Array(size);
  const masks = moves.map((m) => maskOf(m.directions));
  best[0] = 0;
  for (;;) {
    let U = -1;
    for (let v = 0; v < size; v++) if (!done[v] && best[v]! < Infinity && (U < 0 || best[v]! < best[U]!)) U = v;
    if (U < 0) return Infinity;
    if ((U & goal) === goal) return best[U]!;
    done[U] = 1;
    moves.forEach((m, i) => {
      const V = U | masks[i]!;
      if (V === U) return;
      const b = Math.max(best[U]!, costFrom(U, m));
      if (b < best[V]!) best[V] = b;
    });
  }
}

/** One phase of the staircase: the directions learned together and the leap that learns them. */
export interface StaircasePhase {
  /** 1-based directions learned in this phase. */
  readonly adds: readonly number[];
  /** The phase's leap: the least number of new-coordinate degrees a monomial needs from the learned set. */
  readonly leap: number;
  /** The monomials that achieve it (multi-indices). */
  readonly through: readonly (readonly number[])[];
}

/**
 * The staircase: from the learned set U (∅ first), every monomial of least positive cost c_U is
 * learned in one phase, U grows by their supports, repeat. Cheapest-first is optimal (costs only
 * fall as U grows), so the largest phase leap equals `bottleneckLeap` (a test checks this).
 * @example staircase([[1, 0], [1, 1]]).map((p) => p.adds) // [[1], [2]]
 */
export function staircase(support: readonly (readonly number[])[]): StaircasePhase[] {
  const moves = support.map((k) => ({ k, directions: k.flatMap((ks, i) => (ks > 0 ? [i + 1] : [])) }));
  const target = maskOf(moves.flatMap((m) => m.directions));
  const phases: StaircasePhase[] = [];
  let U = 0;
  while ((U & target) !== target) {
    let least = Infinity;
    for (const m of moves) {
      const c = costFrom(U, { directions: m.directions, degrees: m.directions.map((s) => m.k[s - 1]!) });
      if (c > 0 && c < least) least = c;
    }
    const through = moves.filter((m) => costFrom(U, { directions: m.directions, degrees: m.directions.map((s) => m.k[s - 1]!) }) === least);
    const V = through.reduce((acc, m) => acc | maskOf(m.directions), U);
    const adds: number[] = [];
    for (let s = 1; s <= 31; s++) if ((V & (1 << (s - 1))) !== 0 && (U & (1 << (s - 1))) === 0) adds.push(s);
    phases.push({ adds, leap: least, through: through.map((m) => m.k) });
    U = V;
  }
  return phases;
}

/**
 * Online SGD's sample complexity at leap L (2302.11055, as in the single-index ladder):
 * n ≍ d^{max(L−1, 1)}, with a log d at L = 2 (and L = 1: n ≍ d).
 * @example leapSampleComplexity(3) // 'd^2'
 * @example leapSampleComplexity(2) // 'd log d'
 */
export function leapSampleComplexity(L: number): string {
  const e = onlineExponent(L);
  return L === 2 ? 'd log d' : e === 1 ? 'd' : `d^${e}`;
}
