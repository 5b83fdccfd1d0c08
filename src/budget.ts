/**
 * A time budget for the engine. Long numeric work (adaptive quadrature, root scans, the level-set
 * integration of λ_k²) calls `checkBudget()` as it goes; past the deadline it throws
 * `BudgetExhausted`, which each stage catches to report "not computed: time limit" beside what
 * structure and exact arithmetic already decided. The engine is synchronous, so one ambient
 * deadline per thread is enough; `withTimeLimit` sets it for the duration of a call (nested calls
 * keep the earlier deadline).
 */

/** The engine ran out of its time budget (a user error: the limit is the user's to raise). */
export class BudgetExhausted extends Error {
  override readonly name = 'BudgetExhausted';
  constructor(readonly seconds: number) {
    super(`the time limit of ${seconds} s was reached`);
  }
}

let deadline = Infinity;
let limitSeconds = Infinity;

/**
 * Run `f` with at most `seconds` of wall time for the engine's numeric work (null or Infinity: no limit).
 * @example withTimeLimit(5, () => analyze('He3(z)').informationExponent) // 3
 */
export function withTimeLimit<T>(seconds: number | null | undefined, f: () => T): T {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return f();
  const previous = deadline;
  const previousSeconds = limitSeconds;
  const mine = performance.now() + seconds * 1000;
  if (mine < deadline) {
    deadline = mine;
    limitSeconds = seconds;
  }
  try {
    return f();
  } finally {
    deadline = previous;
    limitSeconds = previousSeconds;
  }
}

/** Throw BudgetExhausted when the deadline has passed (one clock read; call it once per unit of real work). */
export function checkBudget(): void {
  if (deadline === Infinity) return;
  if (performance.now() > deadline) throw new BudgetExhausted(limitSeconds);
}

/** True when a budget is set and has run out (reads the clock every time). */
export function budgetExhausted(): boolean {
  return deadline !== Infinity && performance.now() > deadline;
}
