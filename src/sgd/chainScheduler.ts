/**
 * Running width-1 reduced seeds: one to its end (runChain), or many through ChainScheduler, which
 * steps two at a time when both take one projected step per sample (stepTwoChains) or both take
 * two (stepTwoPlaneChains: batch reuse).
 */
import { stepChain, stepTwoChains, stepTwoPlaneChains } from './chainLoops.js';
import type { EngineInput } from './engineInput.js';
import { ScalarChain } from './scalarChain.js';
import type { RunResult } from './types.js';

/** Run one chain to its end. */
export function runChain(c: ScalarChain): RunResult {
  while (!c.finished) {
    stepChain(c, c.remaining);
    if (!c.finished && c.remaining === 0) c.endSegment();
  }
  return c.result();
}

/** A seed for the scheduler: its options, and whatever the caller wants back with its result. */
export interface ChainJob {
  readonly input: EngineInput;
}

interface Slot<J> {
  readonly chain: ScalarChain;
  readonly job: J;
}

/**
 * Runs the jobs handed out by `next` (null: none left), two seeds at a time when both take the
 * same kind of step (one projected step per sample, or several), and reports each result to
 * `done` as soon as its seed finishes. `run(budget)`
 * returns after about `budget` steps (whole segments) so that a caller on the main thread can
 * yield, and true once every seed has finished.
 */
export class ChainScheduler<J extends ChainJob> {
  private a: Slot<J> | null = null;
  private b: Slot<J> | null = null;
  private exhausted = false;

  constructor(
    private readonly next: () => J | null,
    private readonly done: (job: J, result: RunResult) => void,
  ) {}

  /** A running chain for an empty slot (seeds that end at their start are reported at once), or null. */
  private load(): Slot<J> | null {
    while (!this.exhausted) {
      const job = this.next();
      if (job === null) {
        this.exhausted = true;
        break;
      }
      const chain = new ScalarChain(job.input);
      if (!chain.finished) return { chain, job };
      this.done(job, chain.result());
    }
    return null;
  }

  /** After stepping: report a finished chain, or move it to its next segment; the slot if it goes on. */
  private settle(slot: Slot<J>): Slot<J> | null {
    const c = slot.chain;
    if (!c.finished && c.remaining === 0) c.endSegment();
    if (!c.finished) return slot;
    this.done(slot.job, c.result());
    return null;
  }

  run(budget = Infinity): boolean {
    let spent = 0;
    for (;;) {
      this.a ??= this.load();
      this.b ??= this.load();
      if (this.a === null && this.b !== null) [this.a, this.b] = [this.b, null];
      if (this.a === null) return true;
      const a = this.a.chain;
      const b = this.b?.chain ?? null;
      if (b !== null && ((a.pairable && b.pairable) || (a.planePairable && b.planePairable))) {
        const k = Math.min(a.remaining, b.remaining);
        if (a.pairable) stepTwoChains(a, b, k);
        else stepTwoPlaneChains(a, b, k);
        spent += 2 * k;
      } else {
        spent += a.remaining;
        stepChain(a, a.remaining);
        if (b !== null) {
          spent += b.remaining;
          stepChain(b, b.remaining);
        }
      }
      this.a = this.settle(this.a);
      this.b = this.b === null ? null : this.settle(this.b);
      if (spent >= budget) return false;
    }
  }
}

/** Run width-1 reduced seeds, two at a time; results in the order of `inputs`. */
export function runChains(inputs: readonly EngineInput[]): RunResult[] {
  const results = new Array<RunResult>(inputs.length);
  const jobs = inputs.map((input, index) => ({ input, index }));
  let next = 0;
  new ChainScheduler(
    () => jobs[next++] ?? null,
    (job, r) => (results[job.index] = r),
  ).run();
  return results;
}
