/**
 * The committee's run loop (committeeLoop.ts) on both engines: determinism, seed independence,
 * the stopping rules (exit, untilHitAbs, riskEvery, censoring, divergence).
 */
import { describe, expect, it } from 'vitest';
import { runCommittee, type CommitteeOptions } from '../../src/sgd/committee.js';

const square = (z: number): number => z * z;
const dsquare = (z: number): number => 2 * z;

/** The paper's risk for σ = σ* = z² (arXiv 2305.18502), a_j and Q as given. */
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

function options(engine: 'reduced' | 'full', seed: number, over: Partial<CommitteeOptions> = {}): CommitteeOptions {
  return {
    d: 48,
    width: 3,
    target: square,
    activation: square,
    activationDerivative: dsquare,
    noise: 0.2,
    gamma: 0.3,
    secondLayer: { trained: true, rate: 0.1 },
    risk: squareRisk(3, 0.2),
    riskFloor: 0.1,
    riskDrop: 0.5,
    maxSteps: 50_000,
    engine,
    seed,
    ...over,
  };
}

const ENGINES = ['reduced', 'full'] as const;

/** Spearman's rank correlation of two samples without ties. */
function rankCorrelation(xs: number[], ys: number[]): number {
  const ranks = (v: number[]) => {
    const order = v.map((x, i) => [x + i * 1e-9, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    order.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const rx = ranks(xs);
  const ry = ranks(ys);
  const n = xs.length;
  const mean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i]! - mean) * (ry[i]! - mean);
    sxx += (rx[i]! - mean) ** 2;
  }
  return sxy / sxx;
}

describe.each(ENGINES)('%s engine', (engine) => {
  it('same options and seed → the same run; the order in which seeds run does not matter', () => {
    const seeds = [3, 17, 2 ** 40 + 5];
    const forward = seeds.map((s) => runCommittee(options(engine, s)));
    const backward = [...seeds].reverse().map((s) => runCommittee(options(engine, s)));
    expect(backward.reverse()).toEqual(forward);
    forward.forEach((r, i) => expect(r.seed).toBe(seeds[i]));
    expect(new Set(forward.map((r) => r.exit)).size).toBe(3);
    expect(new Set(forward.map((r) => r.risk0)).size).toBe(3);
  });

  it('seeds are independent: exit times of consecutive seeds are uncorrelated (|Spearman| < 4/√n)', () => {
    const n = 300;
    const exits = Array.from({ length: n + 1 }, (_, s) => runCommittee(options(engine, s, { d: 32 })).exit!);
    expect(Math.abs(rankCorrelation(exits.slice(0, n), exits.slice(1)))).toBeLessThan(4 / Math.sqrt(n));
  });

  it('stops at the exit; untilHitAbs goes on to hitAbs on the same trajectory', () => {
    for (let s = 0; s < 20; s++) {
      const r = runCommittee(options(engine, s));
      expect(r.diverged).toBeNull();
      expect(r.steps).toBe(r.exit);
      const on = runCommittee(options(engine, s, { untilHitAbs: true, threshold: 0.9 }));
      expect(on.exit).toBe(r.exit);
      expect(on.hitAbs).not.toBeNull();
      expect(on.steps).toBe(Math.max(on.exit!, on.hitAbs!));
      expect(Math.max(...on.finalOverlaps.map(Math.abs))).toBeGreaterThanOrEqual(on.steps === on.hitAbs ? 0.9 : 0);
      expect(on.hit === null || on.hit >= on.hitAbs!).toBe(true);
    }
  });

  it('riskEvery k: the exit is the first multiple of k at or after the k = 1 exit where R ≤ level (same trajectory)', () => {
    for (let s = 0; s < 20; s++) {
      const one = runCommittee(options(engine, s));
      const seven = runCommittee(options(engine, s, { riskEvery: 7 }));
      expect(seven.exit! % 7).toBe(0);
      expect(seven.exit!).toBeGreaterThanOrEqual(one.exit!);
      expect(seven.risk0).toBe(one.risk0);
    }
  });

  it('censoring: exit null and steps = maxSteps; R_0 ≤ floor exits at 0', () => {
    const r = runCommittee(options(engine, 1, { maxSteps: 10 }));
    expect(r).toMatchObject({ exit: null, steps: 10, diverged: null });
    expect(Number.isFinite(r.finalRisk)).toBe(true);
    const atOnce = runCommittee(options(engine, 1, { riskFloor: 100 }));
    expect(atOnce).toMatchObject({ exit: 0, steps: 0 });
  });

  it('a divergence is recorded at its step, with the last finite state', () => {
    // σ' is NaN as soon as some |λ_j| > 2.5: the first step whose sample has one
    const r = runCommittee(options(engine, 5, { activationDerivative: (z) => (Math.abs(z) > 2.5 ? NaN : 2 * z) }));
    expect(r.diverged).not.toBeNull();
    expect(r.steps).toBe(r.diverged);
    expect(r.exit).toBeNull();
    expect(r.finalOverlaps.every(Number.isFinite)).toBe(true);
    expect(r.finalSecondLayer.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(r.finalRisk)).toBe(true);
    const nanRisk = runCommittee(options(engine, 5, { risk: () => NaN }));
    expect(nanRisk).toMatchObject({ diverged: 0, steps: 0, exit: null });
  });
});
