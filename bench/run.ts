// `npm run bench`: speed figures of the core engine (medians and ranges; nothing here is asserted in tests).
import { spawnSync } from 'node:child_process';
import { parseLink } from '../src/expr/parse.js';
import { hermiteCoefficients } from '../src/analysis/hermiteCoefficients.js';

import { binary, num, variable, type Expr } from '../src/expr/tree.js';
import { Rational } from '../src/exact/rational.js';
import { compileExpr } from '../src/expr/compile.js';
import { derivativeOf } from '../src/expr/derivative.js';
import { lambdaSquaredNoisy } from '../src/generative/lambdaSquared.js';
import { lambdaSquaredDeterministic } from '../src/generative/levelSetIntegral.js';
import { benchExact } from './exact.js';
import { benchQuadrature } from './quadrature.js';
import { benchSgd } from './sgd.js';
import { benchCommittee } from './committee.js';
import { benchFloor } from './floor.js';
import { benchUi } from './ui.js';
import { timeCalls, timing, type Timing } from './median.js';
import { SeededRandom } from '../src/stats/random.js';

/** Wall time of a run of the CLI in a fresh process. */
function timeProcess(args: string[], repeats: number): Timing {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['bin/sindex.js', ...args], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`sindex ${args.join(' ')} failed: ${r.stderr}`);
  }
  return timing(times);
}

/** A dense degree-n polynomial with seeded pseudo-random rational coefficients. */
function densePolynomial(n: number): Expr {
  const rand = new SeededRandom(12345);
  let acc: Expr = num(Rational.of(rand.integer(97), 1 + rand.integer(13)));
  for (let k = 1; k <= n; k++) {
    const c = num(Rational.of(rand.integer(201) - 100, 1 + rand.integer(29)));
    acc = binary('add', acc, binary('mul', c, binary('pow', variable, num(Rational.of(k)))));
  }
  return acc;
}

type Row = { name: string; ms: number; min?: number; max?: number; target: string };
const rows: Row[] = [];
rows.push({ name: 'process: sindex analyze He3(z) (polynomial)', ...timeProcess(['analyze', 'He3(z)'], 9), target: '< 300 ms' });
rows.push({
  name: "process: sindex analyze 'relu(z - 0.5)*tanh(z)' (kinked, numeric)",
  ...timeProcess(['analyze', 'relu(z - 0.5)*tanh(z)'], 9),
  target: '< 500 ms',
});
rows.push({ name: 'process: sindex analyze relu(z) (closed form)', ...timeProcess(['analyze', 'relu(z)'], 9), target: '' });
const p200 = densePolynomial(200);
rows.push({
  name: 'in-process: exact coefficients, dense degree-200 polynomial, k = 0..200',
  ...timeCalls(() => hermiteCoefficients(p200, { maxDegree: 200 }), 7),
  target: '< 50 ms',
});
const tanh = parseLink('tanh(z)');
rows.push({ name: 'in-process: numeric α_0..α_40 of tanh', ...timeCalls(() => hermiteCoefficients(tanh, { maxDegree: 40 }), 21), target: '< 20 ms' });
const kinked = parseLink('relu(z - 0.5)*tanh(z)');
rows.push({
  name: 'in-process: numeric α_0..α_40 of relu(z - 0.5)*tanh(z)',
  ...timeCalls(() => hermiteCoefficients(kinked, { maxDegree: 40 }), 21),
  target: '',
});

for (const link of ['relu(z - 0.5)*tanh(z)', 'relu(z)*tanh(z) - 0.3*sin(2*z)', 'abs(z) - 0.3*relu(z - 1)', 'z^2*exp(-z^2)']) {
  const e = parseLink(link);
  rows.push({ name: `in-process: λ_1²..λ_8² of ${link} (level sets)`, ...timeCalls(() => lambdaSquaredDeterministic(e, 8), 7), target: '< 200 ms' });
}
{
  const e = parseLink('z^2');
  const f = compileExpr(e);
  const df = compileExpr(derivativeOf(e));
  rows.push({
    name: 'in-process: λ_1²..λ_8² of z^2 with noise Δ = 0.1 (2-D quadrature)',
    ...timeCalls(() => lambdaSquaredNoisy(f, df, [], 8, 0.1), 3),
    target: '',
  });
}

for (const r of [...benchExact(), ...benchQuadrature()]) rows.push({ ...r, target: '' });
for (const r of benchSgd())
  rows.push({
    ...r,
    ms: NaN,
    target: r.name.includes('reduced/full')
      ? '≥ 300×'
      : r.name.includes('reduced engine, width 1') || r.name.includes('verifier path')
        ? '≥ 2·10⁷ steps/s'
        : '',
  });
for (const r of benchCommittee()) {
  const s = r.neuronStepsPerSecond;
  rows.push({ name: `${r.name}: ${s.median.toExponential(2)} neuron-steps/s (${s.min.toExponential(2)}–${s.max.toExponential(2)})`, ms: NaN, target: '' });
}
for (const r of await benchFloor()) rows.push({ ...r, ms: NaN });
for (const r of await benchUi()) rows.push({ ...r, target: r.name.includes('first paint') ? '< 500 ms' : '< 50 ms' });

/** median ms (min–max over the timed runs); SGD rows carry their figure (steps/s, median and best) in the name */
const cell = (r: Row) => (Number.isNaN(r.ms) ? '' : `${r.ms.toFixed(1)} ms${r.min === undefined ? '' : ` (${r.min.toFixed(1)}–${r.max!.toFixed(1)})`}`);
for (const r of rows) console.log(`${cell(r).padStart(26)}  ${r.name}${r.target ? `  (target ${r.target})` : ''}`);
