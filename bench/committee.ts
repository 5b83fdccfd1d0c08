/**
 * Speed of the coupled committee simulator (src/sgd/committee.ts): neuron-steps per second
 * (p·steps/s) of the Gram chain ('reduced', O(p²) per step whatever d is) and of the explicit
 * vectors ('full', O(p·d)), at d = 1024 with σ = σ* = z², Δ = 0.1, the paper's risk formula as the
 * risk callback (its cost, O(p²), and that of Q, O(p³/6) in the chain, are included: riskEvery 1,
 * and riskEvery 100 for the chain at p = 20 to show the step alone), one thread. The risk floor is
 * put far below any risk, so that the exit never comes and every run does exactly `steps`.
 * Each row is warmed up by two runs, then timed over five seeds (median and range), in its own
 * process: `node --import tsx bench/committee.ts` prints the table, `… bench/committee.ts <row>`
 * one row as JSON. Nothing runs on import: call benchCommittee().
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCommittee, type CommitteeOptions } from '../src/sgd/committee.js';
import { spread } from './median.js';

const square = (z: number): number => z * z;
const dsquare = (z: number): number => 2 * z;

/** R = (Δ+3)/2 − (1/p)Σ a_j(Q_jj + 2m_j²) + (1/(2p²))Σ a_j a_l(Q_jjQ_ll + 2Q_jl²) (arXiv 2305.18502, σ = σ* = z²). */
function squareRisk(p: number, noise: number): CommitteeOptions['risk'] {
  return (m, Q, a) => {
    let r = (noise + 3) / 2;
    for (let j = 0; j < p; j++) r -= (a[j]! * (Q[j * p + j]! + 2 * m[j]! * m[j]!)) / p;
    for (let j = 0; j < p; j++) {
      for (let l = 0; l < p; l++) r += (a[j]! * a[l]! * (Q[j * p + j]! * Q[l * p + l]! + 2 * Q[j * p + l]! ** 2)) / (2 * p * p);
    }
    return r;
  };
}

interface Case {
  engine: 'reduced' | 'full';
  width: number;
  steps: number;
  riskEvery: number;
}

const CASES: Case[] = [
  { engine: 'reduced', width: 1, steps: 1_000_000, riskEvery: 1 },
  { engine: 'reduced', width: 2, steps: 1_000_000, riskEvery: 1 },
  { engine: 'reduced', width: 5, steps: 400_000, riskEvery: 1 },
  { engine: 'reduced', width: 20, steps: 100_000, riskEvery: 1 },
  { engine: 'reduced', width: 20, steps: 100_000, riskEvery: 100 },
  { engine: 'full', width: 1, steps: 40_000, riskEvery: 1 },
  { engine: 'full', width: 2, steps: 20_000, riskEvery: 1 },
  { engine: 'full', width: 5, steps: 8_000, riskEvery: 1 },
  { engine: 'full', width: 20, steps: 2_000, riskEvery: 1 },
];

const D = 1024;

function optionsOf(c: Case, seed: number): CommitteeOptions {
  return {
    d: D,
    width: c.width,
    target: square,
    activation: square,
    activationDerivative: dsquare,
    noise: 0.1,
    gamma: 0.1,
    risk: squareRisk(c.width, 0.1),
    riskFloor: -1e9,
    riskDrop: 0.5,
    riskEvery: c.riskEvery,
    maxSteps: c.steps,
    engine: c.engine,
    seed,
  };
}

/** Neuron-steps per second of one case: median and range over five timed seeds after two warm-ups. */
function neuronStepsPerSecond(c: Case): ReturnType<typeof spread> {
  for (let i = 0; i < 2; i++) runCommittee(optionsOf(c, 1000 + i));
  const rates: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = runCommittee(optionsOf(c, i));
    const ms = performance.now() - t0;
    if (r.steps !== c.steps) throw new Error(`benchCommittee: run stopped after ${r.steps} of ${c.steps} steps`);
    rates.push(((c.width * r.steps) / ms) * 1000);
  }
  return spread(rates);
}

const label = (c: Case): string => `committee ${c.engine}, p = ${c.width}, d = ${D}, riskEvery ${c.riskEvery}`;

/** One row per case, each measured in its own process. */
export function benchCommittee(): { name: string; neuronStepsPerSecond: ReturnType<typeof spread> }[] {
  return CASES.map((c, i) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(i)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`benchCommittee: row ${i} failed: ${r.stderr}`);
    return { name: label(c), neuronStepsPerSecond: JSON.parse(r.stdout) as ReturnType<typeof spread> };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const which = process.argv[2];
  if (which !== undefined) process.stdout.write(`${JSON.stringify(neuronStepsPerSecond(CASES[Number(which)]!))}\n`);
  else {
    const fmt = (x: number) => x.toExponential(2);
    for (const row of benchCommittee()) {
      const s = row.neuronStepsPerSecond;
      console.log(`${fmt(s.median).padStart(10)} neuron-steps/s (${fmt(s.min)}–${fmt(s.max)})  ${row.name}`);
    }
  }
}
