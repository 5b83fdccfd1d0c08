/**
 * Speed of the SGD engines (src/sgd): steps per second of the reduced chain (width 1 and 4; its
 * cost does not depend on d) and of the full d-dimensional engine at d = 64 and 1024, for online
 * SGD on He₃ with τ = 2 (never reached) so that every run does exactly `steps` steps.
 * Median of several runs after a warm-up. Nothing runs on import: call benchSgd().
 */
import { runSeed, type RunOptions } from '../src/sgd/simulate.js';

const he3 = (z: number): number => z * z * z - 3 * z;
const dhe3 = (z: number): number => 3 * z * z - 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeRun(o: RunOptions, runs: number): number {
  runSeed({ ...o, maxSteps: Math.min(o.maxSteps, 20_000) }); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = runSeed({ ...o, seed: o.seed + i });
    ms.push(performance.now() - t0);
    if (r.steps !== o.maxSteps) throw new Error(`benchSgd: run stopped after ${r.steps} of ${o.maxSteps} steps`);
  }
  return median(ms);
}

/** Rows: name (with the step count), median wall time in ms, and the resulting steps per second. */
export function benchSgd(): { name: string; ms: number; stepsPerSecond: number }[] {
  const cases: { engine: 'reduced' | 'full'; d: number; width: number; steps: number }[] = [
    { engine: 'reduced', d: 64, width: 1, steps: 1_000_000 },
    { engine: 'reduced', d: 1_000_000, width: 1, steps: 1_000_000 },
    { engine: 'reduced', d: 64, width: 4, steps: 200_000 },
    { engine: 'reduced', d: 1_000_000, width: 4, steps: 200_000 },
    { engine: 'full', d: 64, width: 1, steps: 100_000 },
    { engine: 'full', d: 1024, width: 1, steps: 10_000 },
  ];
  return cases.map(({ engine, d, width, steps }) => {
    const ms = timeRun(
      {
        d,
        width,
        algorithm: { kind: 'online' },
        target: he3,
        student: he3,
        studentDerivative: dhe3,
        noise: 0,
        gamma: 1e-7,
        threshold: 2,
        maxSteps: steps,
        init: 'positive',
        engine,
        seed: 1,
      },
      5,
    );
    return { name: `sgd ${engine} engine, width ${width}, d = ${d}: ${steps} online steps`, ms, stepsPerSecond: (steps / ms) * 1000 };
  });
}
