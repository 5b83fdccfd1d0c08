/**
 * Timings of the quadrature layer (in-process, after warm-up, median of several runs).
 * Nothing runs on import: call benchQuadrature().
 */
import { checkGaussianDomain } from '../src/quadrature/domain.js';
import { projectOnHermite } from '../src/quadrature/hermiteProjection.js';
import { findSpecialPoints } from '../src/quadrature/roots.js';
import { timeCalls, type Timing } from './median.js';

export function benchQuadrature(): ({ name: string } & Timing)[] {
  const relu = (z: number): number => (z > 0 ? z : 0);
  const cases: [string, () => unknown, number?][] = [
    ['quadrature: tanh α_0..α_40', () => projectOnHermite(Math.tanh, { maxDegree: 40 })],
    ['quadrature: relu α_0..α_40 (breakpoint 0)', () => projectOnHermite(relu, { maxDegree: 40, breakpoints: [0] })],
    ['quadrature: tanh α_0..α_200', () => projectOnHermite(Math.tanh, { maxDegree: 200 }), 7],
    ['quadrature: relu α_0..α_200 (breakpoint 0)', () => projectOnHermite(relu, { maxDegree: 200, breakpoints: [0] }), 7],
    ['quadrature: tanh α_0..α_1000', () => projectOnHermite(Math.tanh, { maxDegree: 1000 }), 3],
    ['roots: sin(3z) on [-2, 2]', () => findSpecialPoints((z) => Math.sin(3 * z), -2, 2)],
    ['domain: tanh', () => checkGaussianDomain(Math.tanh, [])],
  ];
  return cases.map(([name, fn, runs]) => ({ name, ...timeCalls(fn, runs ?? 15, runs === undefined ? 5 : 2) }));
}
