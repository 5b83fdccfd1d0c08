// The SIMD steps against the JavaScript loops: every seed's result must be the same bit for bit
// whether it ran in a SIMD group (runChains: thirteen seeds, so a wide group of eight, a group of
// four and one seed in the loops; three, six or seven: padded groups) or alone (runChain: the
// one-chain loop).
import { describe, expect, it } from 'vitest';
import { runChain, runChains } from '../../src/sgd/chainScheduler.js';
import { engineInput, type EngineInput } from '../../src/sgd/engineInput.js';
import { ScalarChain } from '../../src/sgd/scalarChain.js';
import { simdGroupable, simdGroups } from '../../src/sgd/simdChains.js';
import type { RunOptions } from '../../src/sgd/types.js';
import { compileSweep } from '../../src/verify/runTask.js';
import type { SweepConfig } from '../../src/verify/plan.js';

type Algorithm = SweepConfig['algorithm'];

interface Case {
  target: string;
  student?: string | null;
  algorithm?: Algorithm;
  psi?: string | null;
  secondLayer?: 'reset' | 'carry';
  d: number;
  gamma: number;
  maxSteps: number;
  noise?: number;
  eta?: number;
}

function inputs(c: Case, count = 13, extra: Partial<RunOptions> = {}): EngineInput[] {
  const algorithm = c.algorithm ?? 'online';
  const config = {
    target: c.target,
    student: c.student ?? null,
    algorithm,
    psi: c.psi ?? null,
    a: '1/2',
    secondLayer: c.secondLayer ?? 'reset',
    parameters: [],
    noise: '0',
    ds: [c.d],
    alphas: [1],
    etaScale: 1,
    seeds: count,
    gamma: { kind: 'auto', c: 0.5 },
    threshold: 0.5,
    maxSteps: c.maxSteps,
    init: 'positive',
    engine: 'reduced',
    width: 1,
    seed: 1,
  } as SweepConfig;
  const sweep = compileSweep(config);
  const eta = c.eta ?? 1 / c.d;
  return Array.from({ length: count }, (_, i) =>
    engineInput({
      d: c.d,
      algorithm: sweep.algorithmAt(eta, c.d),
      target: sweep.target,
      student: sweep.student,
      studentDerivative: sweep.studentDerivative,
      noise: c.noise ?? 0,
      gamma: c.gamma,
      threshold: 0.5,
      maxSteps: c.maxSteps,
      init: 'positive',
      engine: 'reduced',
      seed: 7000 + 31 * i,
      ...extra,
    }),
  );
}

const alone = (xs: readonly EngineInput[]) => xs.map((x) => runChain(new ScalarChain(x)));
const grouped = (xs: readonly EngineInput[]) =>
  simdGroupable(xs.slice(0, 4).map((x) => new ScalarChain(x))) && simdGroupable(xs.slice(0, 8).map((x) => new ScalarChain(x)));
/** γ = `--gamma auto` for He₃ online, times `scale` */
const auto = (d: number, scale = 1) => (scale * 0.5 * 3) / (108 * d ** 1.5);

describe('the SIMD steps repeat the loops bit for bit', () => {
  const cases: [string, Case][] = [
    ['He₃ online, seeds reach τ', { target: 'He3(z)', d: 64, gamma: auto(64), maxSteps: 60_000 }],
    ['He₄ (an even σ*, odd σ*′)', { target: 'He4(z)', d: 32, gamma: auto(32), maxSteps: 30_000 }],
    ['plain polynomials, another student', { target: 'z + z^3', student: 'He2(z) + z', d: 16, gamma: auto(16), maxSteps: 20_000 }],
    ['a polynomial of degree 12', { target: 'He12(z)/1000 + z', d: 24, gamma: 1e-4, maxSteps: 5_000 }],
    ['d = 5 (the smallest Gamma ziggurat)', { target: 'He3(z)', d: 5, gamma: 0.01, maxSteps: 5_000 }],
    ['censored at maxSteps', { target: 'He3(z)', d: 200, gamma: auto(200), maxSteps: 3_000 }],
    ['large steps: invSqrt1p beyond its short series', { target: 'He3(z)', d: 64, gamma: auto(64, 1e5), maxSteps: 20_000 }],
    ['huge steps: 1/√(1 + e) and overflow', { target: 'He3(z)', d: 64, gamma: auto(64, 1e40), maxSteps: 5_000 }],
    ['a divergence at the first step', { target: 'He3(z)', d: 64, gamma: auto(64, 1e160), maxSteps: 5_000 }],
    ['label noise', { target: 'He3(z)', d: 48, gamma: auto(48), maxSteps: 30_000, noise: 0.3 }],
    ['batch reuse', { target: 'He3(z)', algorithm: 'batch-reuse', d: 64, gamma: auto(64), eta: 0.5 / 64, maxSteps: 40_000 }],
    ['batch reuse with label noise', { target: 'He4(z)', algorithm: 'batch-reuse', d: 32, gamma: auto(32), maxSteps: 20_000, noise: 0.1 }],
    ['batch reuse, some lanes diverging later', { target: 'He3(z)', algorithm: 'batch-reuse', d: 32, gamma: 1e150, eta: 1e140, maxSteps: 2_000 }],
    ['alternating (second layer reset)', { target: 'He3(z)', algorithm: 'alternating', d: 64, gamma: auto(64), maxSteps: 40_000 }],
    [
      'alternating with label noise, another student',
      { target: 'He2(z)', student: 'z^2 + z', algorithm: 'alternating', d: 32, gamma: 1e-3, maxSteps: 20_000, noise: 0.2 },
    ],
    ['alternating, second layer carried', { target: 'He3(z)', algorithm: 'alternating', secondLayer: 'carry', d: 64, gamma: auto(64), maxSteps: 40_000 }],
    [
      'alternating carried with label noise',
      { target: 'He2(z)', student: 'z^2 + z', algorithm: 'alternating', secondLayer: 'carry', d: 32, gamma: 1e-3, maxSteps: 20_000, noise: 0.2 },
    ],
    ['custom ψ = y·He₃′(z)', { target: 'He3(z)', algorithm: 'custom', psi: 'y*(3*z^2 - 3)', d: 64, gamma: auto(64), maxSteps: 40_000 }],
    ['custom ψ of degree 3 in y, terms missing', { target: 'He3(z)', algorithm: 'custom', psi: 'y^3*z/50 - y*z^2 + z', d: 32, gamma: 1e-4, maxSteps: 20_000 }],
    ['custom ψ = z (no y)', { target: 'He2(z)', algorithm: 'custom', psi: '2*z', d: 16, gamma: 1e-3, maxSteps: 5_000, noise: 0.5 }],
    ['batch reuse, large steps', { target: 'He3(z)', algorithm: 'batch-reuse', d: 64, gamma: auto(64, 1e5), eta: 0.02, maxSteps: 20_000 }],
  ];
  for (const [name, c] of cases) {
    it(name, () => {
      const xs = inputs(c);
      expect(grouped(xs)).toBe(true);
      expect(runChains(xs)).toEqual(alone(xs));
    });
  }

  it('the cases reach τ, stay censored and diverge where they say so', () => {
    const results = (c: Case) => runChains(inputs(c));
    expect(results(cases[0]![1]).some((r) => r.hit !== null)).toBe(true);
    expect(results(cases[5]![1]).every((r) => r.hit === null && r.steps === 3_000)).toBe(true);
    expect(results(cases[8]![1]).every((r) => r.diverged !== null)).toBe(true);
    expect(results(cases[12]![1]).some((r) => r.diverged !== null)).toBe(true);
    expect(results(cases[10]![1]).some((r) => r.hit !== null)).toBe(true);
  });

  it('groups the running chains four by four where they can share a step', () => {
    const at32 = inputs({ target: 'He3(z)', d: 32, gamma: auto(32), maxSteps: 5_000 }, 4);
    const at48 = inputs({ target: 'He3(z)', d: 48, gamma: auto(48), maxSteps: 5_000 }, 4);
    const tanh = inputs({ target: 'tanh(z)', d: 32, gamma: 0.01, maxSteps: 5_000 }, 1);
    const order = [at32[0], at48[0], at32[1], tanh[0], at32[2], at48[1], at32[3], at48[2], at48[3]].map((x) => new ScalarChain(x!));
    const { groups, rest } = simdGroups(order, (c) => c);
    const index = (c: ScalarChain) => order.indexOf(c);
    expect(groups.map((g) => g.map(index))).toEqual([
      [0, 2, 4, 6],
      [1, 5, 7, 8],
    ]);
    expect(rest.map(index)).toEqual([3]);
    expect(simdGroups(order.slice(0, 7), (c) => c).groups.map((g) => g.map(index))).toEqual([[0, 2, 4, 6]]);
  });

  it('forms groups of eight first, then of four', () => {
    const chains = inputs({ target: 'He3(z)', d: 32, gamma: auto(32), maxSteps: 5_000 }, 15).map((x) => new ScalarChain(x));
    const index = (c: ScalarChain) => chains.indexOf(c);
    const split = (n: number) => {
      const { groups, rest } = simdGroups(chains.slice(0, n), (c) => c);
      return [groups.map((g) => g.map(index)), rest.map(index)];
    };
    const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
    expect(split(9)).toEqual([[range(0, 8)], [8]]);
    expect(split(7)).toEqual([[range(0, 7)], []]);
    expect(split(6)).toEqual([[range(0, 6)], []]);
    expect(split(5)).toEqual([[range(0, 4)], [4]]);
    expect(split(3)).toEqual([[range(0, 3)], []]);
    expect(split(2)).toEqual([[], [0, 1]]);
    expect(split(15)).toEqual([[range(0, 8), range(8, 15)], []]);
  });

  it('pads groups of three, six and seven with copies of a member, with the same results', () => {
    const named = [
      'He₃ online, seeds reach τ',
      'a divergence at the first step',
      'batch reuse',
      'alternating (second layer reset)',
      'alternating, second layer carried',
      'custom ψ = y·He₃′(z)',
    ];
    for (const c of named.map((name) => cases.find(([n]) => n === name)![1])) {
      for (const n of [3, 6, 7]) {
        const xs = inputs(c, n);
        expect(runChains(xs)).toEqual(alone(xs));
      }
    }
  });

  it('leaves chains it cannot take to the loops, with the same results', () => {
    const tanh = inputs({ target: 'tanh(z)', d: 32, gamma: 0.01, maxSteps: 5_000 });
    const psiWithEta = inputs({ target: 'He3(z)', algorithm: 'custom', psi: 'eta*d*y*z', d: 32, gamma: 1e-3, maxSteps: 5_000 });
    for (const xs of [tanh, psiWithEta]) expect(grouped(xs)).toBe(false);
    const at32 = inputs({ target: 'He3(z)', d: 32, gamma: auto(32), maxSteps: 5_000 }, 3);
    const at48 = inputs({ target: 'He3(z)', d: 48, gamma: auto(48), maxSteps: 5_000 }, 3);
    const mixed = [...at32, ...at48];
    expect(grouped(mixed.slice(1))).toBe(false);
    for (const xs of [tanh, psiWithEta, mixed]) expect(runChains(xs)).toEqual(alone(xs));
  });
});
