/**
 * One seed of a sweep: compile the links once per sweep, then run the simulation engine
 * (src/sgd) for a task and turn its result into a record.
 */
import { compileExpr, compileForSpeed, type SymbolCells } from '../expr/compile.js';
import { derivativeOf } from '../expr/derivative.js';
import { parseLink } from '../expr/parse.js';
import { runSeed, type SgdAlgorithm } from '../sgd/simulate.js';
import { Rational } from '../exact/rational.js';
import type { SweepConfig, Task } from './plan.js';
import type { SeedRecord } from './records.js';

export interface CompiledSweep {
  readonly config: SweepConfig;
  readonly target: (u: number) => number;
  readonly student: (z: number) => number;
  readonly studentDerivative: (z: number) => number;
  readonly algorithmAt: (eta: number, d: number) => SgdAlgorithm;
  readonly noise: number;
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
      const cells: SymbolCells = { y: 0, eta: 0, d: 0 };
      const psi = compileExpr(parseLink(config.psi!, { parameters, symbols: ['y', 'eta', 'd'] }), cells);
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
  };
}

export function runTask(sweep: CompiledSweep, task: Task): SeedRecord {
  const c = sweep.config;
  const r = runSeed({
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
  });
  return {
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
}
