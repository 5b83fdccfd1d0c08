/**
 * The hot loops of the width-1 reduced chain (scalarChain.ts): stepChain (one seed) and
 * stepTwoChains (two seeds in turn). Each writes out ScalarChain.sample's draws with the
 * generator's state in locals and keeps its inner loop free of calls (see scalarChain.ts); the
 * draw code is therefore written out once per chain in each loop, and a test checks that a seed's
 * result is the same bit for bit alone, paired in either slot, and replayed through sample().
 */
import { CHAIN_NORMAL_ZIGGURAT } from './normalZiggurat.js';
import type { ScalarChain } from './scalarChain.js';
import { stepOnSample, type PlaneState } from './sphereStep.js';

/**
 * The normal ziggurat of the chain's draws (ScalarChain.sample): edges X[i] and core ratios
 * X[i+1]/X[i]. Module-local, as is invSqrt1p: read through an import binding, they cost the loops
 * 5–9 % (in-process A/B).
 */
const ZIG_X = CHAIN_NORMAL_ZIGGURAT.x;
const ZIG_RATIO = CHAIN_NORMAL_ZIGGURAT.ratio;

/** (1 + e)^{−1/2} by its Taylor polynomial to e⁵ below this e = c²p, to e³ below the next. */
const SERIES_LIMIT = 0.0009765625; // 2⁻¹⁰: next term (231/1024)e⁶ < 2⁻⁶²
const SHORT_SERIES_LIMIT = 0.0000152587890625; // 2⁻¹⁶: next term (35/128)e⁴ < 2⁻⁶⁵

/**
 * (1 + e)^{−1/2} for e = c²p ≥ 0: the alternating Taylor polynomial to e³ below 2⁻¹⁶ and to e⁵
 * below 2⁻¹⁰ (error below the next term, < 2⁻⁶², i.e. below rounding), else 1/√(1 + e); NaN
 * when e is ∞ or NaN (the step overflowed), which makes m' NaN.
 */
export function invSqrt1p(e: number): number {
  if (e < SHORT_SERIES_LIMIT) return 1 - e * (0.5 - e * (0.375 - e * 0.3125));
  if (e < SERIES_LIMIT) return 1 - e * (0.5 - e * (0.375 - e * (0.3125 - e * (0.2734375 - e * 0.24609375))));
  return e < Infinity ? 1 / Math.sqrt(1 + e) : NaN;
}

const plane: PlaneState = { m: 0, z: 0, p: 0, a: 1, b: 0 };

/**
 * Up to k steps of one chain within its segment (fewer if it finishes): the draws of sample()
 * written out with the generator's state in locals, and an inner loop without calls, as in
 * stepTwoChains (chains without a Gamma ziggurat, d ≤ 4, call sample()).
 */
export function stepChain(c: ScalarChain, k: number): void {
  if (c.zig === null) {
    stepChainSampled(c, k);
    return;
  }
  const wa = c.rng.s;
  const zigA = c.zig;
  const loA = zigA.lo;
  const widthA = zigA.width;
  const innerLoA = zigA.innerLo;
  const innerHiA = zigA.innerHi;
  const offA = 2 * zigA.mode;
  const scA = 2 * zigA.sigma;
  const missNA = c.missNormals;
  const missCA = c.missChiSquared;
  const needA = c.normalsPerStep;
  const { rule, state } = c;
  const oneStep = rule.subSteps === 1;
  const coefficient = rule.coefficient; // hoisted: a property load per step cost ~20 % of the loop
  const targetA = c.target;
  const sna = state[2]!;
  const thr = state[3]!;
  const j0 = c.pos;
  const base = c.t + j0; // steps done before this call
  let ma = state[0]!;
  let sma = state[1]!;
  let ma0 = ma;
  let q = 0;
  let s = 0;
  for (;;) {
    c.topUp();
    let lnA = c.normalsLeft;
    let lcA = c.chiSquaredLeft;
    let a0 = wa[0]!;
    let a1 = wa[1]!;
    let a2 = wa[2]!;
    let a3 = wa[3]!;
    let event = false;
    for (; s < k; s++) {
      if (lnA < needA || lcA < 1) break; // top up first
      ma0 = ma;
      let p = 0;
      let t = 0;
      // chain a: the draws of ScalarChain.sample
      p = Math.imul(a1, 5);
      const oa1 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa2 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa3 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa4 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa5 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      const ia1 = oa1 & 0x1ff;
      const ua1 = ((oa1 >>> 9) * 65536 + (oa3 & 0xffff)) * 3.637978807091713e-12 - 1;
      const ia2 = oa2 & 0x1ff;
      const ua2 = ((oa2 >>> 9) * 65536 + (oa3 >>> 16)) * 3.637978807091713e-12 - 1;
      const ia3 = oa4 & 0x1ff;
      const ga = loA[ia3]! + ((oa4 >>> 9) * 2097152 + (oa5 >>> 11)) * 5.684341886080802e-14 * widthA[ia3]!;
      const za = Math.abs(ua1) < ZIG_RATIO[ia1]! ? ua1 * ZIG_X[ia1]! : missNA[--lnA]!;
      const xa = Math.abs(ua2) < ZIG_RATIO[ia2]! ? ua2 * ZIG_X[ia2]! : missNA[--lnA]!;
      const ra = ga > innerLoA[ia3]! && ga < innerHiA[ia3]! ? offA + scA * ga : missCA[--lcA]!;
      let ea = 0;
      if (sna > 0) {
        p = Math.imul(a1, 5);
        const oa6 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = a1 << 9;
        a2 ^= a0;
        a3 ^= a1;
        a1 ^= a2;
        a0 ^= a3;
        a2 ^= t;
        a3 = (a3 << 11) | (a3 >>> 21);
        p = Math.imul(a1, 5);
        const oa7 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = a1 << 9;
        a2 ^= a0;
        a3 ^= a1;
        a1 ^= a2;
        a0 ^= a3;
        a2 ^= t;
        a3 = (a3 << 11) | (a3 >>> 21);
        const ia4 = oa7 & 0x1ff;
        const ua4 = (oa6 * 2097152 + (oa7 >>> 11)) / 4503599627370496 - 1;
        ea = Math.abs(ua4) < ZIG_RATIO[ia4]! ? ua4 * ZIG_X[ia4]! : missNA[--lnA]!;
      }
      const u = ma * za + sma * xa;
      const y = sna > 0 ? targetA(u) + sna * ea : targetA(u);
      if (oneStep) {
        const cf = coefficient(0, y, za);
        q = cf * cf * (xa * xa + ra);
        const inv = invSqrt1p(q); // NaN when q is ∞ or NaN, which makes m NaN
        const num = ma + cf * sma * xa;
        const w = 1 + q - num * num;
        sma = w > 0 ? Math.sqrt(w) * inv : 0;
        const m1 = num * inv;
        ma = m1 > 1 ? 1 : m1 < -1 ? -1 : m1; // |m'| ≤ 1 exactly; this trims rounding (NaN passes)
      } else {
        plane.m = ma;
        plane.z = za;
        plane.p = xa * xa + ra;
        if (stepOnSample(plane, u, y, rule)) {
          const m1 = plane.m;
          ma = m1 > 1 ? 1 : m1 < -1 ? -1 : m1;
          sma = Math.sqrt(1 - ma * ma);
        } else {
          q = Infinity; // the step's norm was NaN, ∞ or 0
          ma = NaN;
        }
      }
      // the rare events: |m| ≥ τ, or a divergence (m NaN)
      if (!(Math.abs(ma) < thr)) {
        event = true;
        break;
      }
    }
    wa[0] = a0;
    wa[1] = a1;
    wa[2] = a2;
    wa[3] = a3;
    c.normalsLeft = lnA;
    c.chiSquaredLeft = lcA;
    if (event) {
      // the tracker gets the overlap after step s (the last finite one if it overflowed)
      state[0] = q < Infinity ? ma : ma0;
      if (!(q < Infinity)) {
        c.diverged(base + s);
        s++;
        break;
      }
      if (c.crossed(base + s + 1)) {
        s++;
        break;
      }
      s++;
    } else if (s >= k) break;
  }
  state[0] = ma;
  state[1] = sma;
  c.pos = j0 + s;
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

/**
 * k steps of two pairable chains in turn (a's step, then b's, for each of k steps), with the
 * arithmetic of stepChain and the draws of ScalarChain.sample written out, each generator's state
 * in locals. The inner loop makes no calls (see the module comment): it leaves when a reserve
 * needs topping up, or when either chain's |m| reaches τ or its step overflows; the outer loop
 * does that and goes on. Stops after the step in which either chain finishes; the other has then
 * done that step too.
 */
export function stepTwoChains(a: ScalarChain, b: ScalarChain, k: number): void {
  const zx = ZIG_X;
  const zr = ZIG_RATIO;
  const wa = a.rng.s;
  const wb = b.rng.s;
  const zigA = a.zig!;
  const zigB = b.zig!;
  const loA = zigA.lo;
  const widthA = zigA.width;
  const innerLoA = zigA.innerLo;
  const innerHiA = zigA.innerHi;
  const offA = 2 * zigA.mode;
  const scA = 2 * zigA.sigma;
  const loB = zigB.lo;
  const widthB = zigB.width;
  const innerLoB = zigB.innerLo;
  const innerHiB = zigB.innerHi;
  const offB = 2 * zigB.mode;
  const scB = 2 * zigB.sigma;
  const missNA = a.missNormals;
  const missCA = a.missChiSquared;
  const missNB = b.missNormals;
  const missCB = b.missChiSquared;
  const needA = a.normalsPerStep;
  const needB = b.normalsPerStep;
  const coefficientA = a.rule.coefficient; // hoisted (see stepChain)
  const coefficientB = b.rule.coefficient;
  const targetA = a.target;
  const targetB = b.target;
  const sta = a.state;
  const stb = b.state;
  const sna = sta[2]!;
  const snb = stb[2]!;
  const thrA = sta[3]!;
  const thrB = stb[3]!;
  const ja0 = a.pos;
  const jb0 = b.pos;
  const baseA = a.t + ja0;
  const baseB = b.t + jb0;
  let ma = sta[0]!;
  let sma = sta[1]!;
  let mb = stb[0]!;
  let smb = stb[1]!;
  let ma0 = ma;
  let mb0 = mb;
  let qa = 0;
  let qb = 0;
  let s = 0;
  for (;;) {
    a.topUp();
    b.topUp();
    let lnA = a.normalsLeft;
    let lcA = a.chiSquaredLeft;
    let lnB = b.normalsLeft;
    let lcB = b.chiSquaredLeft;
    let a0 = wa[0]!;
    let a1 = wa[1]!;
    let a2 = wa[2]!;
    let a3 = wa[3]!;
    let b0 = wb[0]!;
    let b1 = wb[1]!;
    let b2 = wb[2]!;
    let b3 = wb[3]!;
    let event = false;
    for (; s < k; s++) {
      if (lnA < needA || lcA < 1 || lnB < needB || lcB < 1) break; // top up first
      ma0 = ma;
      mb0 = mb;
      let p = 0;
      let t = 0;
      // chain a: the draws of ScalarChain.sample
      p = Math.imul(a1, 5);
      const oa1 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa2 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa3 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa4 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa5 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      const ia1 = oa1 & 0x1ff;
      const ua1 = ((oa1 >>> 9) * 65536 + (oa3 & 0xffff)) * 3.637978807091713e-12 - 1;
      const ia2 = oa2 & 0x1ff;
      const ua2 = ((oa2 >>> 9) * 65536 + (oa3 >>> 16)) * 3.637978807091713e-12 - 1;
      const ia3 = oa4 & 0x1ff;
      const ga = loA[ia3]! + ((oa4 >>> 9) * 2097152 + (oa5 >>> 11)) * 5.684341886080802e-14 * widthA[ia3]!;
      const za = Math.abs(ua1) < zr[ia1]! ? ua1 * zx[ia1]! : missNA[--lnA]!;
      const xa = Math.abs(ua2) < zr[ia2]! ? ua2 * zx[ia2]! : missNA[--lnA]!;
      const ra = ga > innerLoA[ia3]! && ga < innerHiA[ia3]! ? offA + scA * ga : missCA[--lcA]!;
      let ea = 0;
      if (sna > 0) {
        p = Math.imul(a1, 5);
        const oa6 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = a1 << 9;
        a2 ^= a0;
        a3 ^= a1;
        a1 ^= a2;
        a0 ^= a3;
        a2 ^= t;
        a3 = (a3 << 11) | (a3 >>> 21);
        p = Math.imul(a1, 5);
        const oa7 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = a1 << 9;
        a2 ^= a0;
        a3 ^= a1;
        a1 ^= a2;
        a0 ^= a3;
        a2 ^= t;
        a3 = (a3 << 11) | (a3 >>> 21);
        const ia4 = oa7 & 0x1ff;
        const ua4 = (oa6 * 2097152 + (oa7 >>> 11)) / 4503599627370496 - 1;
        ea = Math.abs(ua4) < zr[ia4]! ? ua4 * zx[ia4]! : missNA[--lnA]!;
      }
      // chain b: the draws of ScalarChain.sample
      p = Math.imul(b1, 5);
      const ob1 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      p = Math.imul(b1, 5);
      const ob2 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      p = Math.imul(b1, 5);
      const ob3 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      p = Math.imul(b1, 5);
      const ob4 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      p = Math.imul(b1, 5);
      const ob5 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      const ib1 = ob1 & 0x1ff;
      const ub1 = ((ob1 >>> 9) * 65536 + (ob3 & 0xffff)) * 3.637978807091713e-12 - 1;
      const ib2 = ob2 & 0x1ff;
      const ub2 = ((ob2 >>> 9) * 65536 + (ob3 >>> 16)) * 3.637978807091713e-12 - 1;
      const ib3 = ob4 & 0x1ff;
      const gb = loB[ib3]! + ((ob4 >>> 9) * 2097152 + (ob5 >>> 11)) * 5.684341886080802e-14 * widthB[ib3]!;
      const zb = Math.abs(ub1) < zr[ib1]! ? ub1 * zx[ib1]! : missNB[--lnB]!;
      const xb = Math.abs(ub2) < zr[ib2]! ? ub2 * zx[ib2]! : missNB[--lnB]!;
      const rb = gb > innerLoB[ib3]! && gb < innerHiB[ib3]! ? offB + scB * gb : missCB[--lcB]!;
      let eb = 0;
      if (snb > 0) {
        p = Math.imul(b1, 5);
        const ob6 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = b1 << 9;
        b2 ^= b0;
        b3 ^= b1;
        b1 ^= b2;
        b0 ^= b3;
        b2 ^= t;
        b3 = (b3 << 11) | (b3 >>> 21);
        p = Math.imul(b1, 5);
        const ob7 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = b1 << 9;
        b2 ^= b0;
        b3 ^= b1;
        b1 ^= b2;
        b0 ^= b3;
        b2 ^= t;
        b3 = (b3 << 11) | (b3 >>> 21);
        const ib4 = ob7 & 0x1ff;
        const ub4 = (ob6 * 2097152 + (ob7 >>> 11)) / 4503599627370496 - 1;
        eb = Math.abs(ub4) < zr[ib4]! ? ub4 * zx[ib4]! : missNB[--lnB]!;
      }
      // chain a's step (c²p = ∞ or NaN makes m NaN through invSqrt1p, sorted out below)
      const ua = ma * za + sma * xa;
      const ya = sna > 0 ? targetA(ua) + sna * ea : targetA(ua);
      const ca = coefficientA(0, ya, za);
      qa = ca * ca * (xa * xa + ra);
      const inva = invSqrt1p(qa);
      const na = ma + ca * sma * xa;
      const va = 1 + qa - na * na;
      sma = va > 0 ? Math.sqrt(va) * inva : 0;
      const ma1 = na * inva;
      ma = ma1 > 1 ? 1 : ma1 < -1 ? -1 : ma1;
      // chain b's step
      const ub = mb * zb + smb * xb;
      const yb = snb > 0 ? targetB(ub) + snb * eb : targetB(ub);
      const cb = coefficientB(0, yb, zb);
      qb = cb * cb * (xb * xb + rb);
      const invb = invSqrt1p(qb);
      const nb = mb + cb * smb * xb;
      const vb = 1 + qb - nb * nb;
      smb = vb > 0 ? Math.sqrt(vb) * invb : 0;
      const mb1 = nb * invb;
      mb = mb1 > 1 ? 1 : mb1 < -1 ? -1 : mb1;
      // the rare events: |m| ≥ τ, or a divergence (m NaN)
      if (!(Math.abs(ma) < thrA) || !(Math.abs(mb) < thrB)) {
        event = true;
        break;
      }
    }
    wa[0] = a0;
    wa[1] = a1;
    wa[2] = a2;
    wa[3] = a3;
    wb[0] = b0;
    wb[1] = b1;
    wb[2] = b2;
    wb[3] = b3;
    a.normalsLeft = lnA;
    a.chiSquaredLeft = lcA;
    b.normalsLeft = lnB;
    b.chiSquaredLeft = lcB;
    if (event) {
      // step s took a or b to |m| ≥ τ, or overflowed: the tracker decides whether the run ends
      let stop = false;
      sta[0] = qa < Infinity ? ma : ma0; // the overlap the tracker gets
      stb[0] = qb < Infinity ? mb : mb0;
      if (!(qa < Infinity)) {
        a.diverged(baseA + s);
        stop = true;
      } else if (!(Math.abs(ma) < thrA) && a.crossed(baseA + s + 1)) stop = true;
      if (!(qb < Infinity)) {
        b.diverged(baseB + s);
        stop = true;
      } else if (!(Math.abs(mb) < thrB) && b.crossed(baseB + s + 1)) stop = true;
      s++;
      if (stop) break;
    } else if (s >= k) break;
  }
  sta[0] = ma;
  sta[1] = sma;
  a.pos = ja0 + s;
  stb[0] = mb;
  stb[1] = smb;
  b.pos = jb0 + s;
}

