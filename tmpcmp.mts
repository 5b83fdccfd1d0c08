import { engineInput } from './src/sgd/engineInput.js';
import { runChains } from './src/sgd/chainScheduler.js';
import { ScalarChain } from './src/sgd/scalarChain.js';
import { stepSimdGroup } from './src/sgd/simdChains.js';
import { compileSweep } from './src/verify/runTask.js';
import { simdFloor } from './bench/floor.js';
const d = Number(process.argv[2] ?? 1024);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const sweep = compileSweep({ target: 'He3(z)', student: null, algorithm: 'online', psi: null, a: '1', secondLayer: 'reset', parameters: [], noise: '0', ds: [256], alphas: [1], etaScale: 1, seeds: 2, gamma: { kind: 'auto', c: 0.5 }, threshold: 0.5, maxSteps: 1, init: 'positive', engine: 'reduced', width: 1, seed: 1 });
const gamma = (0.5 * 3) / (108 * d ** 1.5);
const o = (seed: number, maxSteps: number) => ({ d, algorithm: sweep.algorithmAt(1 / d, d), target: sweep.target, student: sweep.student, studentDerivative: sweep.studentDerivative, noise: 0, gamma, threshold: 2, maxSteps, init: 'positive' as const, engine: 'reduced' as const, seed });
const per = 625000;
const floor = simdFloor('floor', 8);
const cases: Record<string, (r: number) => void> = {
  runChains: (r) => { runChains(Array.from({ length: 8 }, (_, i) => engineInput(o(100 * r + i, per)))); },
  group: (r) => {
    const chains = Array.from({ length: 8 }, (_, i) => new ScalarChain(engineInput(o(100 * r + i, per))));
    let left = per;
    while (left > 0) { const s = stepSimdGroup(chains, Math.min(1024, ...chains.map((c) => c.stepsLeft))); left -= s; }
  },
  floor: (r) => {
    const chains = Array.from({ length: 8 }, (_, i) => new ScalarChain(engineInput(o(100 * r + i, per))));
    floor.run(chains, per, [3 * gamma, 0, 0]);
  },
};
const res: Record<string, number[]> = { runChains: [], group: [], floor: [] };
for (let r = 0; r < 12; r++) for (const k of r % 2 ? Object.keys(cases).reverse() : Object.keys(cases)) {
  const t0 = cpu(); cases[k]!(r); const ms = cpu() - t0; if (r >= 2) res[k]!.push(5e6 / ms / 1000);
}
const med = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]!;
for (const k of Object.keys(res)) console.log(k, med(res[k]!).toFixed(1), 'M/s', (med(res[k]!) / med(res.floor!)).toFixed(3));
