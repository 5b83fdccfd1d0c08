// `npm run bench`: speed figures of the core engine (medians; nothing here is asserted in tests).
import { spawnSync } from 'node:child_process';
import { parseLink } from '../src/expr/parse.js';
import { hermiteCoefficients } from '../src/analysis/hermiteCoefficients.js';

import { binary, num, variable, type Expr } from '../src/expr/tree.js';
import { Rational } from '../src/exact/rational.js';
import { compileExpr } from '../src/expr/compile.js';
import { derivativeOf } from '../src/expr/derivative.js';
import { specialPointsOf } from '../src/expr/specialPoints.js';
import { lambdaSquaredDeterministic, lambdaSquaredNoisy } from '../src/generative/lambdaSquared.js';
import { benchExact } from './exact.js';
import { benchQuadrature } from './quadrature.js';
import { benchSgd } from './sgd.js';
import { benchUi } from './ui.js';
import { median } from './median.js';

function timeInProcess(run: () => void, repeats: number): number {
  run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function timeProcess(args: string[], repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['bin/sindex.js', ...args], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`sindex ${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}

/** A dense degree-n polynomial with seeded pseudo-random rational coefficients. */
function densePolynomial(n: number): Expr {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  let acc: Expr = num(Rational.of(next() % 97, 1 + (next() % 13)));
  for (let k = 1; k <= n; k++) {
    const c = num(Rational.of((next() % 201) - 100, 1 + (next() % 29)));
    acc = binary('add', acc, binary('mul', c, binary('pow', variable, num(Rational.of(k)))));
  }
  return acc;
}

const rows: { name: string; ms: number; target: string }[] = [];
rows.push({ name: 'process: sindex analyze He3(z) (polynomial)', ms: timeProcess(['analyze', 'He3(z)'], 9), target: '< 300 ms' });
rows.push({ name: "process: sindex analyze 'relu(z - 0.5)*tanh(z)' (kinked, numeric)", ms: timeProcess(['analyze', 'relu(z - 0.5)*tanh(z)'], 9), target: '< 500 ms' });
rows.push({ name: 'process: sindex analyze relu(z) (closed form)', ms: timeProcess(['analyze', 'relu(z)'], 9), target: '' });
const p200 = densePolynomial(200);
rows.push({ name: 'in-process: exact coefficients, dense degree-200 polynomial, k = 0..200', ms: timeInProcess(() => hermiteCoefficients(p200, { maxDegree: 200 }), 7), target: '< 50 ms' });
const tanh = parseLink('tanh(z)');
rows.push({ name: 'in-process: numeric α_0..α_40 of tanh', ms: timeInProcess(() => hermiteCoefficients(tanh, { maxDegree: 40 }), 21), target: '< 20 ms' });
const kinked = parseLink('relu(z - 0.5)*tanh(z)');
rows.push({ name: 'in-process: numeric α_0..α_40 of relu(z - 0.5)*tanh(z)', ms: timeInProcess(() => hermiteCoefficients(kinked, { maxDegree: 40 }), 21), target: '' });

for (const link of ['relu(z - 0.5)*tanh(z)', 'relu(z)*tanh(z) - 0.3*sin(2*z)', 'abs(z) - 0.3*relu(z - 1)']) {
  const e = parseLink(link);
  const f = compileExpr(e);
  const df = compileExpr(derivativeOf(e));
  const { kinks } = specialPointsOf(e);
  rows.push({ name: `in-process: λ_1²..λ_8² of ${link} (level sets)`, ms: timeInProcess(() => lambdaSquaredDeterministic(f, df, kinks, 8), 7), target: '< 200 ms' });
}
{
  const e = parseLink('z^2');
  const f = compileExpr(e);
  const df = compileExpr(derivativeOf(e));
  rows.push({ name: 'in-process: λ_1²..λ_8² of z^2 with noise Δ = 0.1 (2-D quadrature)', ms: timeInProcess(() => lambdaSquaredNoisy(f, df, [], 8, 0.1), 3), target: '' });
}

for (const r of [...benchExact(), ...benchQuadrature()]) rows.push({ ...r, target: '' });
for (const r of benchSgd()) rows.push({ ...r, target: r.name.includes('reduced/full') ? '≥ 300×' : r.name.includes('reduced engine, width 1') || r.name.includes('verifier path') ? '≥ 2·10⁷ steps/s' : '' });
for (const r of await benchUi()) rows.push({ ...r, target: r.name.includes('first paint') ? '< 500 ms' : '< 50 ms' });

for (const r of rows) console.log(`${Number.isNaN(r.ms) ? ''.padStart(11) : `${r.ms.toFixed(1).padStart(8)} ms`}  ${r.name}${r.target ? `  (target ${r.target})` : ''}`);
