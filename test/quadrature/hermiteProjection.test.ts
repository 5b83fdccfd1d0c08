import { describe, expect, it } from 'vitest';
import { fromOrthonormal } from '../../src/analysis/conventions.js';
import { projectOnHermite } from '../../src/quadrature/hermiteProjection.js';
import { closedForms, erfRef, loadReference, logFactorial, toOrthonormal } from './helpers.js';

const K_CHECK = 30;

interface Case {
  name: string;
  f: (z: number) => number;
  c: (k: number) => number;
  breakpoints?: number[];
  /** E[f²] in closed form, when known */
  norm2?: number;
}

const relu = (z: number): number => (z > 0 ? z : 0);
const cases: Case[] = [];
for (const a of [1, 2, 0.5]) {
  cases.push({ name: `exp(${a}z)`, f: (z) => Math.exp(a * z), c: closedForms.exp(a), norm2: Math.exp(2 * a * a) });
  cases.push({ name: `sin(${a}z)`, f: (z) => Math.sin(a * z), c: closedForms.sin(a), norm2: (1 - Math.exp(-2 * a * a)) / 2 });
  cases.push({ name: `cos(${a}z)`, f: (z) => Math.cos(a * z), c: closedForms.cos(a), norm2: (1 + Math.exp(-2 * a * a)) / 2 });
  cases.push({ name: `erf(${a}z)`, f: (z) => erfRef(a * z), c: closedForms.erf(a), norm2: (2 / Math.PI) * Math.asin((2 * a * a) / (1 + 2 * a * a)) });
}
cases.push({ name: 'sign(z)', f: (z) => Math.sign(z), c: closedForms.sign, breakpoints: [0], norm2: 1 });
cases.push({ name: 'relu(z)', f: relu, c: closedForms.relu, breakpoints: [0], norm2: 0.5 });
cases.push({ name: '|z|', f: Math.abs, c: closedForms.abs, breakpoints: [0], norm2: 1 });
for (const j of [0, 1, 3, 7, 12]) {
  // He_j by the recursion; α_k = √j!·δ_jk, E[He_j²] = j!
  const he = (z: number): number => {
    let p0 = 1;
    let p1 = z;
    if (j === 0) return 1;
    for (let k = 1; k < j; k++) [p0, p1] = [p1, z * p1 - k * p0];
    return p1;
  };
  cases.push({ name: `He_${j}`, f: he, c: (k) => (k === j ? Math.exp(logFactorial(j)) : 0), norm2: Math.exp(logFactorial(j)) });
}

const stats: { name: string; maxErr: number; maxRatio: number; maxBound: number }[] = [];

describe('projectOnHermite against closed forms (k ≤ 30)', () => {
  it.each(cases)('$name', ({ f, c, breakpoints, norm2 }) => {
    const p = projectOnHermite(f, { maxDegree: K_CHECK, breakpoints });
    const exact = toOrthonormal(c, K_CHECK);
    const normF = Math.sqrt(norm2 ?? p.normSquared);
    const tol = 1e-10 * Math.max(1, normF);
    let maxErr = 0;
    let maxRatio = 0;
    let maxBound = 0;
    for (let k = 0; k <= K_CHECK; k++) {
      const err = Math.abs(p.orthonormal[k]! - exact[k]!);
      expect(err, `k=${k}`).toBeLessThanOrEqual(tol);
      expect(err, `bound k=${k}`).toBeLessThanOrEqual(p.error[k]!);
      expect(p.error[k]!, `bound size k=${k}`).toBeLessThanOrEqual(tol);
      maxErr = Math.max(maxErr, err);
      maxRatio = Math.max(maxRatio, err / p.error[k]!);
      maxBound = Math.max(maxBound, p.error[k]!);
    }
    if (norm2 !== undefined) {
      const e2 = Math.abs(p.normSquared - norm2);
      expect(e2).toBeLessThanOrEqual(p.normSquaredError);
      expect(e2).toBeLessThanOrEqual(1e-10 * Math.max(1, norm2));
    }
    stats.push({ name: '', maxErr, maxRatio, maxBound });
  });
});

describe('projectOnHermite: special cases', () => {
  it('ReLU α_2 to 1e-12, E[relu²] = 1/2, E[|z|²] = 1, E[sign²] = 1', () => {
    const p = projectOnHermite(relu, { maxDegree: 2, breakpoints: [0] });
    const exact = 1 / Math.sqrt(2 * Math.PI) / Math.SQRT2;
    expect(Math.abs(p.orthonormal[2]! - exact)).toBeLessThan(1e-12);
    expect(Math.abs(p.normSquared - 0.5)).toBeLessThan(1e-12);
    expect(Math.abs(projectOnHermite(Math.abs, { maxDegree: 0, breakpoints: [0] }).normSquared - 1)).toBeLessThan(1e-12);
    expect(Math.abs(projectOnHermite(Math.sign, { maxDegree: 0, breakpoints: [0] }).normSquared - 1)).toBeLessThan(1e-12);
  });

  it('without the breakpoint, ReLU is still right (adaptivity finds the kink) and the bound stays honest', () => {
    // Breakpoint 0 happens to be a natural split of the symmetric initial partition; shift the kink.
    const f = (z: number): number => (z > 0.123 ? z - 0.123 : 0);
    const withBp = projectOnHermite(f, { maxDegree: 10, breakpoints: [0.123] });
    const without = projectOnHermite(f, { maxDegree: 10 });
    for (let k = 0; k <= 10; k++) {
      expect(Math.abs(without.orthonormal[k]! - withBp.orthonormal[k]!)).toBeLessThanOrEqual(without.error[k]! + withBp.error[k]!);
    }
    expect(without.evaluations).toBeGreaterThan(withBp.evaluations);
  });

  it('relu(z − 1) with breakpoint 1 matches mpmath (k ≤ 40)', () => {
    const ref = loadReference().relu_shift;
    const p = projectOnHermite((z) => (z > 1 ? z - 1 : 0), { maxDegree: 40, breakpoints: ref.breakpoints });
    ref.alpha.forEach((s, k) => {
      const err = Math.abs(p.orthonormal[k]! - Number(s));
      expect(err, `k=${k}`).toBeLessThanOrEqual(1e-12);
      expect(err, `bound k=${k}`).toBeLessThanOrEqual(p.error[k]!);
    });
    expect(Math.abs(p.normSquared - Number(ref.normSquared))).toBeLessThanOrEqual(p.normSquaredError);
  });

  it('tanh matches mpmath (k ≤ 40)', () => {
    const ref = loadReference().tanh;
    const p = projectOnHermite(Math.tanh, { maxDegree: 40 });
    ref.alpha.forEach((s, k) => {
      const err = Math.abs(p.orthonormal[k]! - Number(s));
      expect(err, `k=${k}`).toBeLessThanOrEqual(1e-10);
      expect(err, `bound k=${k}`).toBeLessThanOrEqual(p.error[k]!);
    });
  });

  it('|z|^{-1/4} (integrable singularity at the breakpoint 0) matches mpmath (k ≤ 12)', () => {
    const ref = loadReference().abs_quarter;
    const p = projectOnHermite((z) => Math.abs(z) ** -0.25, { maxDegree: 12, breakpoints: ref.breakpoints });
    const scale = Math.sqrt(Number(ref.normSquared));
    ref.alpha.forEach((s, k) => {
      const err = Math.abs(p.orthonormal[k]! - Number(s));
      expect(err, `k=${k}`).toBeLessThanOrEqual(1e-10 * scale);
      expect(err, `bound k=${k}`).toBeLessThanOrEqual(p.error[k]!);
    });
    // E[|z|^{-1/2}] needs the |z|^{-1/2} singularity resolved: still bounded honestly
    expect(Math.abs(p.normSquared - Number(ref.normSquared))).toBeLessThanOrEqual(p.normSquaredError);
  });

  it('f growing like exp(0.2 z²) (still L²): truncation is extended and included in the bound', () => {
    // E[e^{a z²} He_k] for a = 0.2: c_k = (2a/(1-2a))^{k/2} (k-1)!! /√(1-2a) for even k.
    const a = 0.2;
    const b = 1 - 2 * a;
    const c = (k: number): number => {
      if (k % 2 === 1) return 0;
      let df = 1;
      for (let i = k - 1; i > 1; i -= 2) df *= i;
      return (((2 * a) / b) ** (k / 2) * df) / Math.sqrt(b);
    };
    const exact = toOrthonormal(c, 20);
    const p = projectOnHermite((z) => Math.exp(a * z * z), { maxDegree: 20 });
    const norm = Math.sqrt(1 / Math.sqrt(1 - 4 * a));
    for (let k = 0; k <= 20; k++) {
      const err = Math.abs(p.orthonormal[k]! - exact[k]!);
      expect(err, `k=${k}`).toBeLessThanOrEqual(1e-10 * norm);
      expect(err, `bound k=${k}`).toBeLessThanOrEqual(p.error[k]!);
    }
    expect(Math.abs(p.normSquared - norm * norm)).toBeLessThanOrEqual(p.normSquaredError);
  });

  it('K = 200 works; errors stay bounded and honest (relu, tanh vs exact/mpmath at k ≤ 40)', () => {
    const p = projectOnHermite(relu, { maxDegree: 200, breakpoints: [0] });
    const exact = toOrthonormal(closedForms.relu, 200);
    for (let k = 0; k <= 200; k++) {
      const err = Math.abs(p.orthonormal[k]! - exact[k]!);
      expect(err, `k=${k}`).toBeLessThanOrEqual(p.error[k]!);
      expect(p.error[k]!).toBeLessThan(1e-10);
    }
    // Parseval: Σ α_k² ≤ E[f²]
    const s = p.orthonormal.reduce((acc, x) => acc + x * x, 0);
    expect(s).toBeLessThanOrEqual(p.normSquared + p.normSquaredError);
    expect(0.5 - s).toBeLessThan(1e-3);
  });

  it('raw coefficients c_k = √k!·α_k', () => {
    const p = projectOnHermite(relu, { maxDegree: 6, breakpoints: [0] });
    for (let k = 0; k <= 6; k++) {
      const raw = fromOrthonormal('raw', k, p.orthonormal[k]!);
      expect(Math.abs(raw - closedForms.relu(k))).toBeLessThanOrEqual(fromOrthonormal('raw', k, p.error[k]!));
    }
  });

  it('NaN at an isolated point (sin(z)/z at 0) is handled', () => {
    const p = projectOnHermite((z) => Math.sin(z) / z, { maxDegree: 4 });
    expect(Number.isFinite(p.orthonormal[0]!)).toBe(true);
    expect(p.error[0]!).toBeLessThan(1e-10);
  });

  it('a NaN region is reported as an infinite error, not a silent number', () => {
    const p = projectOnHermite((z) => Math.sqrt(z), { maxDegree: 2, maxIntervals: 300 });
    expect(p.error[0]!).toBe(Infinity);
  });

  it('rejects degrees outside [0, 1000]', () => {
    expect(() => projectOnHermite(relu, { maxDegree: 1001 })).toThrow(/degree/);
    expect(() => projectOnHermite(relu, { maxDegree: 2.5 })).toThrow(/degree/);
  });
});
