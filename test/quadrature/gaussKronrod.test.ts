import { describe, expect, it } from 'vitest';
import { GAUSS10_WEIGHTS, KRONROD21_NODES, KRONROD21_WEIGHTS, integrateVector } from '../../src/quadrature/gaussKronrod.js';

/** Σ w_i x_i^d over the symmetric rule (±x_i, centre once when present). */
function kronrodMoment(d: number): number {
  let s = 0;
  for (let i = 0; i < 11; i++) {
    const x = KRONROD21_NODES[i]!;
    const w = KRONROD21_WEIGHTS[i]!;
    s += i === 10 ? (d === 0 ? w : 0) : w * (x ** d + (-x) ** d);
  }
  return s;
}
function gaussMoment(d: number): number {
  let s = 0;
  for (let j = 0; j < 5; j++) {
    const x = KRONROD21_NODES[2 * j + 1]!;
    s += GAUSS10_WEIGHTS[j]! * (x ** d + (-x) ** d);
  }
  return s;
}
const exactMoment = (d: number): number => (d % 2 === 1 ? 0 : 2 / (d + 1));

describe('G10/K21 constants', () => {
  it('K21 integrates x^d exactly on [-1, 1] for d ≤ 31, not for d = 32', () => {
    for (let d = 0; d <= 31; d++) expect(Math.abs(kronrodMoment(d) - exactMoment(d))).toBeLessThan(1e-15);
    expect(Math.abs(kronrodMoment(32) - exactMoment(32))).toBeGreaterThan(1e-13);
  });
  it('G10 (odd-indexed nodes) integrates x^d exactly for d ≤ 19, not for d = 20', () => {
    for (let d = 0; d <= 19; d++) expect(Math.abs(gaussMoment(d) - exactMoment(d))).toBeLessThan(1e-15);
    expect(Math.abs(gaussMoment(20) - exactMoment(20))).toBeGreaterThan(1e-7);
  });
  it('nodes are Legendre roots for the Gauss subset (P10(x) = 0)', () => {
    const P = (n: number, x: number): number => {
      let p0 = 1;
      let p1 = x;
      for (let k = 1; k < n; k++) [p0, p1] = [p1, ((2 * k + 1) * x * p1 - k * p0) / (k + 1)];
      return p1;
    };
    for (let j = 0; j < 5; j++) expect(Math.abs(P(10, KRONROD21_NODES[2 * j + 1]!))).toBeLessThan(1e-14);
  });
  it('a random polynomial of degree 31 on [a, b] is integrated to rounding by a single interval', () => {
    // p(x) = Σ c_i x^i with c_i = ((i*7) % 5 - 2)/ (i+1); ∫_a^b p = Σ c_i (b^{i+1} - a^{i+1})/(i+1)
    const c = Array.from({ length: 32 }, (_, i) => (((i * 7) % 5) - 2) / (i + 1));
    const a = -0.7;
    const b = 1.1;
    const p = (x: number): number => c.reduceRight((acc, ci) => acc * x + ci, 0);
    let exact = 0;
    c.forEach((ci, i) => (exact += (ci * (b ** (i + 1) - a ** (i + 1))) / (i + 1)));
    const r = integrateVector((z, out) => (out[0] = p(z)), 1, a, b, { absTol: 1e300 });
    expect(r.evaluations).toBe(21);
    expect(Math.abs(r.value[0]! - exact)).toBeLessThan(1e-14 * Math.max(1, Math.abs(exact)));
  });
});

describe('integrateVector', () => {
  it('integrates several components at once, each error bound covering the true error', () => {
    const exact = [Math.E - 1, 2 / 3, Math.sin(3) / 3 - Math.sin(-3) / 3, 0];
    const r = integrateVector(
      (z, out) => {
        out[0] = Math.exp(z) * (z >= 0 ? 1 : 0); // only for z in [0,1]
        out[1] = z * z;
        out[2] = Math.cos(3 * z);
        out[3] = z ** 5;
      },
      4,
      -1,
      1,
      { absTol: 1e-12, points: [0] },
    );
    expect(r.converged).toBe(true);
    for (let j = 0; j < 4; j++) {
      const err = Math.abs(r.value[j]! - exact[j]!);
      expect(err).toBeLessThanOrEqual(r.error[j]!);
      expect(r.error[j]!).toBeLessThanOrEqual(1e-12);
    }
  });

  it('handles an oscillatory integrand (∫_0^10 cos(40x) dx)', () => {
    const exact = Math.sin(400) / 40;
    const r = integrateVector((z, out) => (out[0] = Math.cos(40 * z)), 1, 0, 10, { absTol: 1e-11 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value[0]! - exact)).toBeLessThanOrEqual(r.error[0]!);
    expect(r.error[0]!).toBeLessThanOrEqual(1e-11);
  });

  it.each([
    ['z^{-1/4}', (z: number) => z ** -0.25, 4 / 3],
    ['√z', (z: number) => Math.sqrt(z), 2 / 3],
    ['log z', (z: number) => Math.log(z), -1],
  ])('endpoint singularity %s on [0, 1], never evaluating the endpoints', (_name, fn, exact) => {
    const seen: number[] = [];
    const r = integrateVector(
      (z, out) => {
        seen.push(z);
        out[0] = fn(z);
      },
      1,
      0,
      1,
      { absTol: 1e-10, maxIntervals: 5000 },
    );
    expect(r.converged).toBe(true);
    expect(seen.every((z) => z > 0 && z < 1)).toBe(true);
    const err = Math.abs(r.value[0]! - exact);
    expect(err).toBeLessThanOrEqual(r.error[0]!);
    expect(r.error[0]!).toBeLessThanOrEqual(1e-10);
  });

  it('singularity at the right endpoint too ((1 − z)^{-1/4} on [0, 1])', () => {
    const r = integrateVector((z, out) => (out[0] = (1 - z) ** -0.25), 1, 0, 1, { absTol: 1e-9, maxIntervals: 5000 });
    const err = Math.abs(r.value[0]! - 4 / 3);
    expect(err).toBeLessThanOrEqual(r.error[0]!);
    // floating-point resolution near 1 limits the attainable accuracy (~(1e3·ε)^{3/4}); stays honest
    expect(r.error[0]!).toBeLessThan(1e-8);
  });

  it('never evaluates the split points and integrates a jump exactly when split there', () => {
    const seen: number[] = [];
    const r = integrateVector(
      (z, out) => {
        seen.push(z);
        out[0] = z < 0.3 ? -1 : 2;
      },
      1,
      -1,
      1,
      { absTol: 1e-13, points: [0.3] },
    );
    expect(seen.includes(0.3)).toBe(false);
    expect(Math.abs(r.value[0]! - (-1.3 + 1.4))).toBeLessThanOrEqual(Math.max(r.error[0]!, 4e-16));
    expect(r.intervals).toBe(2);
  });

  it('bisects around NaN / ∞ at isolated points and still converges', () => {
    // sin(z)/z is NaN at the centre node 0 of [-1, 1]
    const r = integrateVector((z, out) => (out[0] = Math.sin(z) / z), 1, -1, 1, { absTol: 1e-13 });
    const exact = 2 * 0.946083070367183014941353313823; // 2·Si(1)
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value[0]! - exact)).toBeLessThanOrEqual(r.error[0]!);
  });

  it('reports an infinite / large error instead of a wrong value when the integrand is NaN on an interval', () => {
    const r = integrateVector((z, out) => (out[0] = Math.sqrt(z)), 1, -1, 1, { absTol: 1e-10, maxIntervals: 200 });
    expect(r.converged).toBe(false);
    expect(r.error[0]!).toBe(Infinity);
  });

  it('respects per-component tolerances and the interval cap', () => {
    const r = integrateVector(
      (z, out) => {
        out[0] = Math.cos(200 * z);
        out[1] = 1;
      },
      2,
      0,
      10,
      { absTol: [1e-14, 1e-3], maxIntervals: 10 },
    );
    expect(r.intervals).toBeLessThanOrEqual(10);
    expect(r.converged).toBe(false);
    expect(Math.abs(r.value[0]! - Math.sin(2000) / 200)).toBeLessThanOrEqual(r.error[0]!);
  });

  it('reversed bounds negate the integral', () => {
    const r = integrateVector((z, out) => (out[0] = z * z), 1, 1, 0, { absTol: 1e-14 });
    expect(r.value[0]!).toBeCloseTo(-1 / 3, 15);
  });
});
