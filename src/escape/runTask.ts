/**
 * The seeds of an escape sweep: compile the links and the risk once per sweep (per worker), then
 * run the committee simulator (src/sgd/committee.ts) for each task and keep what the summary needs.
 */
import { committeeRisk } from '../committee/risk.js';
import { compileForSpeed } from '../expr/compile.js';
import { derivativeOf } from '../expr/derivative.js';
import type { Link } from '../expr/link.js';
import { runCommittee } from '../sgd/committee.js';
import type { EscapeConfig } from './config.js';
import { escapeLinks } from './links.js';
import type { EscapeRecord, EscapeTask } from './records.js';

export interface CompiledEscape {
  readonly config: EscapeConfig;
  readonly target: Link;
  readonly activation: Link;
  readonly noise: number;
  readonly sigmaStar: (u: number) => number;
  readonly sigma: (z: number) => number;
  readonly sigmaPrime: (z: number) => number;
}

/** Parse and compile the sweep's links (the edge of a worker: its configuration is text). */
export function compileEscape(config: EscapeConfig): CompiledEscape {
  const { target, activation, noise } = escapeLinks(config);
  return {
    config,
    target,
    activation,
    noise,
    sigmaStar: compileForSpeed(target.expr),
    sigma: compileForSpeed(activation.expr),
    sigmaPrime: compileForSpeed(derivativeOf(activation.expr)),
  };
}

/** One population-risk closure per width p, built on first use. */
export class EscapeRunner {
  private readonly risks = new Map<number, ReturnType<typeof committeeRisk>>();

  constructor(readonly sweep: CompiledEscape) {}

  private riskOf(p: number) {
    let r = this.risks.get(p);
    if (!r) {
      const c = this.sweep.config;
      r = committeeRisk({
        width: p,
        target: this.sweep.target,
        activation: this.sweep.activation,
        noise: this.sweep.noise,
        gamma: 1,
        secondLayer: { trained: c.secondLayer.trained },
      });
      this.risks.set(p, r);
    }
    return r;
  }

  /** Run one task to its exit (and its |m| ≥ τ hit), a divergence or its cap. */
  run(task: EscapeTask): EscapeRecord {
    const c = this.sweep.config;
    const risk = this.riskOf(task.p);
    const r = runCommittee({
      d: task.d,
      width: task.p,
      target: this.sweep.sigmaStar,
      activation: this.sweep.sigma,
      activationDerivative: this.sweep.sigmaPrime,
      noise: this.sweep.noise,
      gamma: task.gamma,
      secondLayer: { trained: c.secondLayer.trained, rate: c.secondLayer.rate ?? undefined },
      risk: risk.risk,
      riskFloor: risk.floor,
      riskDrop: c.riskDrop,
      threshold: c.threshold,
      untilHitAbs: false,
      maxSteps: task.maxSteps,
      engine: c.engine,
      seed: task.seed,
    });
    return { ...task, exit: r.exit, hitAbs: r.hitAbs, steps: r.steps, diverged: r.diverged, risk0: r.risk0 };
  }
}

/**
 * Run claimed tasks, whole seeds at a time, until about `slice` neuron-samples are done; true
 * once no task is left. (The caller yields between slices, so an interruption gets through.)
 */
export function runSlice(runner: EscapeRunner, claim: () => EscapeTask | null, done: (r: EscapeRecord) => void, slice: number): boolean {
  let used = 0;
  while (used < slice) {
    const task = claim();
    if (task === null) return true;
    const r = runner.run(task);
    done(r);
    used += Math.max(1, r.steps * task.p);
  }
  return false;
}
