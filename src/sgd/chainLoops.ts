/**
 * The loops of the width-1 reduced chain (scalarChain.ts): stepChain (one seed), stepTwoChains
 * (two seeds in turn, one sub-step per sample) and stepTwoPlaneChains (two seeds in turn, two
 * sub-steps: batch reuse). The fast loops, stepOneChain and the two-chain ones, are generated
 * (chainLoops.generated.ts, from src/sgd/generate/chainLoops.gen.ts): they write out
 * ScalarChain.sample's draws with the generator's state in locals and keep their inner loop free
 * of calls, so the draw code is written once in the generator and copied there per chain. Here:
 * the choice of loop, and the loop of chains without a Gamma ziggurat (d ≤ 4).
 */
import { stepOneChain } from './chainLoops.generated.js';
import type { ScalarChain } from './scalarChain.js';
import { stepOnSample, type PlaneState } from './sphereStep.js';

export { invSqrt1p, stepTwoChains, stepTwoPlaneChains } from './chainLoops.generated.js';

const plane: PlaneState = { m: 0, z: 0, p: 0, a: 1, b: 0 };

/**
 * Up to k steps of one chain within its segment (fewer if it finishes): the generated
 * stepOneChain, or stepChainSampled for chains without a Gamma ziggurat (d ≤ 4).
 */
export function stepChain(c: ScalarChain, k: number): void {
  if (c.zig === null) stepChainSampled(c, k);
  else stepOneChain(c, k);
}

/**
 * stepChain for chains without a Gamma ziggurat (d ≤ 4, never paired, not a hot path): sample()
 * each step, and the generic projected step (sphereStep.ts) for every rule.
 */
function stepChainSampled(c: ScalarChain, k: number): void {
  const { draws, rule, target, state } = c;
  const sn = state[2]!;
  const thr = state[3]!;
  const t0 = c.t; // steps done before the segment: step t0 + j + 1 is the segment's step j
  let m = state[0]!;
  const end = c.pos + k;
  let j = c.pos;
  for (; j < end; j++) {
    c.sample(draws);
    const [z, xi, r, eps] = draws as unknown as [number, number, number, number];
    const u = m * z + Math.sqrt(1 - m * m) * xi;
    plane.m = m;
    plane.z = z;
    plane.p = xi * xi + r;
    if (!stepOnSample(plane, u, sn > 0 ? target(u) + sn * eps : target(u), rule)) {
      state[0] = m;
      c.diverged(t0 + j);
      break;
    }
    m = plane.m > 1 ? 1 : plane.m < -1 ? -1 : plane.m; // |m'| ≤ 1 exactly; this trims rounding
    if (!(Math.abs(m) < thr) && ((state[0] = m), c.crossed(t0 + j + 1))) {
      j++;
      break;
    }
  }
  state[0] = m;
  state[1] = Math.sqrt(1 - m * m);
  c.pos = j;
}
