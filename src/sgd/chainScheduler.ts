/**
 * Running width-1 reduced seeds: one to its end (runChain), or many through ChainScheduler, which
 * keeps sixteen running: each three to eight that form a SIMD group (simdChains.ts) take their
 * steps together, the others two at a time when both take one projected step per sample (stepTwoChains) or both
 * take two (stepTwoPlaneChains: batch reuse).
 */
import { stepChain, stepTwoChains, stepTwoPlaneChains } from './chainLoops.js';
import type { EngineInput } from './engineInput.js';
import { ScalarChain, SEGMENT } from './scalarChain.js';
import { SIMD_WIDE_LANES, simdGroups, stepSimdGroup } from './simdChains.js';
import type { RunResult } from './types.js';

/**
 * Seeds running at once: two wide SIMD groups' worth, so that a seed that runs long (or one of
 * another d) does not keep the others out of a group.
 */
const RUNNING = 2 * SIMD_WIDE_LANES;

/**
 * Steps a SIMD group takes per turn: four segments. Segments are bookkeeping only for a group
 * (it steps across their ends, and an event still ends its turn at once), so this changes no
 * record; it spreads the turn's fixed cost (the lanes in and out of the kernel's memory, the
 * scheduler's own work) over more steps: 1.00–1.02× against one segment a turn in nine paired
 * in-process runs (bench/ab.ts: online, batch reuse, alternating at d = 1024).
 */
const GROUP_STEPS = 4 * SEGMENT;

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
 * Runs the jobs handed out by `next` (null: none left), sixteen at a time: up to eight at a time
 * in the SIMD step where they form a group (simdGroups), the others in pairs that take the same
 * kind of step (one projected step per sample, or several), and reports each result to `done` as
 * soon as its seed finishes. `run(budget)` returns after about `budget` steps (whole turns: a
 * segment of a pair, GROUP_STEPS of a group) so that a caller on the main thread can yield, and
 * true once every seed has finished.
 */
export class ChainScheduler<J extends ChainJob> {
  /** the running seeds, at most RUNNING */
  private slots: Slot<J>[] = [];
  /** the slots last split into SIMD groups, and the split */
  private grouped: Slot<J>[] = [];
  private partition: { groups: Slot<J>[][]; rest: Slot<J>[] } = { groups: [], rest: [] };
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

  /** Steps two chains (one alone when b is null) to the end of the shorter segment; the steps spent. */
  private stepPair(a: ScalarChain, b: ScalarChain | null): number {
    if (b !== null && ((a.pairable && b.pairable) || (a.planePairable && b.planePairable))) {
      const k = Math.min(a.remaining, b.remaining);
      if (a.pairable) stepTwoChains(a, b, k);
      else stepTwoPlaneChains(a, b, k);
      return 2 * k;
    }
    let spent = a.remaining;
    stepChain(a, a.remaining);
    if (b !== null) {
      spent += b.remaining;
      stepChain(b, b.remaining);
    }
    return spent;
  }

  run(budget = Infinity): boolean {
    let spent = 0;
    for (;;) {
      while (this.slots.length < RUNNING) {
        const slot = this.load();
        if (slot === null) break;
        this.slots.push(slot);
      }
      if (this.slots.length === 0) return true;
      if (this.slots.length !== this.grouped.length || this.slots.some((slot, i) => slot !== this.grouped[i])) {
        this.grouped = this.slots;
        this.partition = simdGroups(this.slots, (slot) => slot.chain);
      }
      for (const group of this.partition.groups) {
        const chains = group.map((slot) => slot.chain);
        // GROUP_STEPS, across the members' own segment ends: seeds that joined at different
        // times would otherwise cut every call short at each other's ends
        spent += chains.length * stepSimdGroup(chains, Math.min(GROUP_STEPS, ...chains.map((c) => c.stepsLeft)));
      }
      const rest = this.partition.rest;
      for (let i = 0; i < rest.length; i += 2) spent += this.stepPair(rest[i]!.chain, rest[i + 1]?.chain ?? null);
      this.slots = this.slots.map((slot) => this.settle(slot)).filter((slot) => slot !== null);
      if (spent >= budget) return false;
    }
  }
}

/** Run width-1 reduced seeds through ChainScheduler; results in the order of `inputs`. */
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
