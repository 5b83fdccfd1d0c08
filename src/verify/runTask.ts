/**
 * The seeds of a sweep: compile the links once per sweep, then run the simulation engine
 * (src/sgd) for each task and turn its result into a record.
 */
import { compileExpr, compileForSpeed, compileOracleForSpeed, type SymbolCells } from '../expr/compile.js';
import { derivativeOf } from '../expr/derivative.js';
import { parseLink } from '../expr/parse.js';
import { runSeed, type RunOptions, type RunResult, type SgdAlgorithm } from '../sgd/simulate.js';
import { engineInput, type EngineInput } from '../sgd/engineInput.js';
import { ChainScheduler } from '../sgd/chainScheduler.js';
import { Rational } from '../exact/rational.js';
import type { SweepConfig, Task } from './plan.js';
import type { SeedRecord } from './records.js';
import { sweepSignSymmetric } from './signSymmetry.js';

export interface CompiledSweep {
  readonly config: SweepConfig;
  readonly target: (u: number) => number;
  readonly student: (z: number) => number;
  readonly studentDerivative: (z: number) => number;
  readonly algorithmAt: (eta: number, d: number) => SgdAlgorithm;
  readonly noise: number;
  /** the link is even: runs stop at max_j |m_j| ≥ τ and count it as the hit (signSymmetry.ts; absent: false) */
  readonly signSymmetric?: boolean;
}

/** Parse and compile the sweep's links (once per worker). */
export function compileSweep(config: SweepConfig): CompiledSweep {
  const parameters = new Map(config.parameters.map(([k, v]) => [k, Rational.parse(v)] as const));
  const target = parseLink(config.target, { parameters });
  const student = config.student ? parseLink(config.student, { parameters }) : target;
  const a = Rational.parse(config.a).toNumber();
  let algorithmAt: (eta: number, d: number) => SgdAlgorithm;
  switch (config.algorithm) {
    case 'online':
      algorithmAt = () => ({ kind: 'online' });
      break;
    case 'batch-reuse':
      algorithmAt = (eta) => ({ kind: 'batch-reuse', eta });
      break;
    case 'alternating':
      algorithmAt = (eta) => ({ kind: 'alternating', eta, a, secondLayer: config.secondLayer });
      break;
    case 'custom': {
      const tree = parseLink(config.psi!, { parameters, symbols: ['y', 'eta', 'd'] });
      const fast = compileOracleForSpeed(tree);
      if (fast) {
        algorithmAt = () => ({ kind: 'custom', psi: fast });
        break;
      }
      const cells: SymbolCells = { y: 0, eta: 0, d: 0 };
      const psi = compileExpr(tree, cells);
      algorithmAt = (eta, d) => ({
        kind: 'custom',
        psi: (y, z) => {
          cells.y = y;
          cells.eta = eta;
          cells.d = d;
          return psi(z);
        },
      });
      break;
    }
  }
  return {
    config,
    target: compileForSpeed(target),
    student: compileForSpeed(student),
    studentDerivative: compileForSpeed(derivativeOf(student)),
    algorithmAt,
    noise: Rational.parse(config.noise).toNumber(),
    signSymmetric: sweepSignSymmetric(config),
  };
}

/** The engine's options for a task of the sweep. */
function runOptionsOf(sweep: CompiledSweep, task: Task): RunOptions {
  const c = sweep.config;
  return {
    d: task.d,
    width: c.width,
    algorithm: sweep.algorithmAt(task.eta, task.d),
    target: sweep.target,
    student: sweep.student,
    studentDerivative: sweep.studentDerivative,
    noise: sweep.noise,
    gamma: task.gamma,
    threshold: c.threshold,
    maxSteps: c.maxSteps,
    init: c.init,
    engine: c.engine,
    seed: task.seed,
    signSymmetric: sweep.signSymmetric ?? false,
  };
}

/** A task's record; a sign-symmetric run's says so (its hit is the first step with max_j |m_j| ≥ τ). */
function recordOf(sweep: CompiledSweep, task: Task, r: RunResult): SeedRecord {
  const record: SeedRecord = {
    key: task.key,
    alpha: task.alpha,
    d: task.d,
    seedIndex: task.seedIndex,
    seed: task.seed,
    eta: task.eta,
    gamma: task.gamma,
    hit: r.hit,
    hitAbs: r.hitAbs,
    steps: r.steps,
    diverged: r.diverged,
  };
  return sweep.signSymmetric ? { ...record, signSymmetric: true } : record;
}

export function runTask(sweep: CompiledSweep, task: Task): SeedRecord {
  return recordOf(sweep, task, runSeed(runOptionsOf(sweep, task)));
}

/**
 * Runs the tasks handed out by `claim` (null: none left) and reports each record to `done` as
 * its seed finishes. The width-1 reduced chain runs two seeds at a time (ChainScheduler); other
 * engines one at a time. Every record equals runTask's for its task. `run(budget)` returns after
 * about `budget` steps so that the main thread can yield, and true once every task is done.
 */
export class TaskRunner {
  private readonly scheduler: ChainScheduler<{ input: EngineInput; task: Task }> | null;

  constructor(
    private readonly sweep: CompiledSweep,
    private readonly claim: () => Task | null,
    private readonly done: (r: SeedRecord) => void,
  ) {
    const c = sweep.config;
    this.scheduler =
      c.engine === 'reduced' && c.width === 1
        ? new ChainScheduler(
            () => {
              const task = this.claim();
              return task === null ? null : { input: engineInput(runOptionsOf(this.sweep, task)), task };
            },
            (job, r) => this.done(recordOf(this.sweep, job.task, r)),
          )
        : null;
  }

  run(budget = Infinity): boolean {
    if (this.scheduler) return this.scheduler.run(budget);
    let spent = 0;
    for (;;) {
      const task = this.claim();
      if (task === null) return true;
      const r = runTask(this.sweep, task);
      this.done(r);
      spent += r.steps;
      if (spent >= budget) return false;
    }
  }
}
