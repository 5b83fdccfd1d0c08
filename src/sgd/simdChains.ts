/**
 * Width-1 reduced chains stepped together by the WebAssembly SIMD steps (simdChain.generated.ts,
 * assembled from the text src/sgd/generate/simdChain.gen.ts writes): each four seeds' generators
 * and overlaps are the lanes of 128-bit vectors, and the wide step runs two such sets in one loop
 * (their steps are independent, so the processor overlaps them). A group is three to eight chains (four or
 * eight lanes, spare lanes copying a member's) of one algorithm (online, batch reuse, alternating with the second layer reset or carried, custom ψ) with the
 * same rates, d ≥ 5, τ and label noise, whose links are polynomials compiled by compileForSpeed
 * (and ψ by compileOracleForSpeed); every other chain runs in the JavaScript loops (chainLoops.ts).
 * A seed's trajectory is the same bit for bit either way — the steps repeat the loops' draws and
 * arithmetic operation for operation (test/sgd/simdChains.test.ts) — so records do not depend on
 * how seeds were grouped. Where WebAssembly SIMD is not available no group forms and the loops run
 * everything.
 */
import { fastOracleOf, fastPolynomialOf, type FastPolynomial } from '../expr/compile.js';
import type { GammaZiggurat } from './gammaZiggurat.js';
import { CHAIN_NORMAL_ZIGGURAT } from './normalZiggurat.js';
import { RESERVE, type ScalarChain } from './scalarChain.js';
import {
  SIMD_CHAIN_WASM,
  SIMD_LAYOUT as L,
  SIMD_MAX_LANES,
  SIMD_PSI_TERMS,
  SIMD_RESERVE,
  SIMD_SLOT,
  SIMD_SLOT_DERIVATIVE,
  SIMD_SLOT_PSI,
  SIMD_SLOT_STUDENT,
  SIMD_SLOT_TARGET,
} from './simdChain.generated.js';
import { simdExport, type SimdAlgorithm } from './simdExports.js';

// the memory holds each lane's reserves at their full size
if (RESERVE !== SIMD_RESERVE) throw new Error('simdChains: the layout assumes reserves of 64 values');

/** The normal ziggurat's (x, ratio) per layer into a SIMD module's memory (SIMD_LAYOUT.zigNormal). */
export function writeNormalZiggurat(f64: Float64Array): void {
  const { x, ratio } = CHAIN_NORMAL_ZIGGURAT;
  for (let i = 0; i < x.length; i++) {
    f64[L.zigNormal / 8 + 2 * i] = x[i]!;
    f64[L.zigNormal / 8 + 2 * i + 1] = ratio[i]!;
  }
}

/** Each Gamma ziggurat's regions as the kernel's memory holds them, built on first use. */
const packedGamma = new WeakMap<GammaZiggurat, Float64Array>();

/**
 * A Gamma ziggurat's (lo, width, innerLo, innerHi) per region into a SIMD module's memory
 * (SIMD_LAYOUT.zigGamma), copied from a packed table kept per ziggurat: groups of different d
 * take turns in a thread (a quarter of the calls of a three-d sweep switch tables), and one
 * block copy of the 64 KiB takes 0.64–0.65 µs where writing the regions one by one took 6.3–6.5 µs
 * (seven repeats of 20 000 copies alternating two tables).
 */
export function writeGammaZiggurat(f64: Float64Array, zig: GammaZiggurat): void {
  let packed = packedGamma.get(zig);
  if (packed === undefined) {
    packed = new Float64Array(4 * zig.lo.length);
    for (let i = 0; i < zig.lo.length; i++) packed.set([zig.lo[i]!, zig.width[i]!, zig.innerLo[i]!, zig.innerHi[i]!], 4 * i);
    packedGamma.set(zig, packed);
  }
  f64.set(packed, L.zigGamma / 8);
}

/** A SIMD module's memory as float64 and int32 views. */
export interface LaneMemory {
  readonly f64: Float64Array;
  readonly i32: Int32Array;
}

/** The int32 index of generator word j of lane l: set ⌊l/4⌋'s words are four i32x4, lane l mod 4 in each. */
const rngWord = (j: number, l: number): number => L.rng / 4 + 16 * (l >> 2) + 4 * j + (l & 3);

/** Lane l's generator, m, √(1 − m²) and reserve counts from chain c into the memory. */
function writeLane(memory: LaneMemory, c: ScalarChain, l: number): void {
  writeGenerator(memory, c, l);
  memory.f64[L.m / 8 + l] = c.state[0]!;
  memory.f64[L.root / 8 + l] = c.state[1]!;
}

/** Lane l's generator and reserve counts from chain c into the memory (readLane's inverse). */
function writeGenerator({ i32 }: LaneMemory, c: ScalarChain, l: number): void {
  for (let j = 0; j < 4; j++) i32[rngWord(j, l)] = c.rng.s[j]!;
  i32[L.normalsLeft / 4 + l] = c.normalsLeft;
  i32[L.chiSquaredLeft / 4 + l] = c.chiSquaredLeft;
}

/** Chain c's reserves into lane l's (the steps only read them). */
function writeReserves({ f64 }: LaneMemory, c: ScalarChain, l: number): void {
  f64.set(c.missNormals, (L.missNormals + 512 * l) / 8);
  f64.set(c.missChiSquared, (L.missChiSquared + 512 * l) / 8);
}

/** Lane l's generator and reserve counts back into chain c (m and √(1 − m²) are the caller's: an event needs them first). */
function readLane({ i32 }: LaneMemory, c: ScalarChain, l: number): void {
  for (let j = 0; j < 4; j++) c.rng.s[j] = i32[rngWord(j, l)]!;
  c.normalsLeft = i32[L.normalsLeft / 4 + l]!;
  c.chiSquaredLeft = i32[L.chiSquaredLeft / 4 + l]!;
}

/** Lanes of a set, and of the four-lane steps. */
export const SIMD_LANES = 4;

/** Lanes of the wide steps (the exports ending in _8): two sets of SIMD_LANES, stepped in one loop. */
export const SIMD_WIDE_LANES = SIMD_MAX_LANES;

/** steps(k, r₀, r₁, r₂, τ, √Δ, 2·mode, 2·σ) → steps done (simdChain.gen.ts) */
type Steps = (k: number, r0: number, r1: number, r2: number, tau: number, sqrtNoise: number, chiOffset: number, chiScale: number) => number;

/** A SIMD module's memory and whose reserves each lane holds (they are copied only when these change). */
export interface LaneMemoryWithReserves extends LaneMemory {
  /** the chain whose reserves each lane holds, and its refills count when they were copied */
  readonly laneChain: (ScalarChain | null)[];
  readonly laneRefills: number[];
}

interface Kernel extends LaneMemoryWithReserves {
  readonly exports: Record<string, unknown>;
  /** what the memory holds now (tables and polynomials are copied only when these change) */
  zig: GammaZiggurat | null;
  readonly slots: (FastPolynomial | null | undefined)[];
}

let kernel: Kernel | null | undefined;

/**
 * A SIMD module (base64, as the generated files hold it) instantiated, with its memory's views and
 * the normal ziggurat written in; throws where WebAssembly SIMD is unavailable.
 */
export function instantiateSimd(base64: string): LaneMemory & { readonly exports: Record<string, unknown> } {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const buffer = (instance.exports.memory as WebAssembly.Memory).buffer;
  const f64 = new Float64Array(buffer);
  writeNormalZiggurat(f64);
  return { exports: instance.exports, f64, i32: new Int32Array(buffer) };
}

/** The instantiated module (one per thread), or null where WebAssembly SIMD is unavailable. */
function simdKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    kernel = {
      ...instantiateSimd(SIMD_CHAIN_WASM),
      zig: null,
      slots: [],
      laneChain: new Array<ScalarChain | null>(SIMD_MAX_LANES).fill(null),
      laneRefills: new Array<number>(SIMD_MAX_LANES).fill(0),
    };
  } catch {
    kernel = null; // no WebAssembly, or no SIMD: the JavaScript loops run every chain
  }
  return kernel;
}

/** What a chain's step needs in the kernel: the step's exports (four lanes, eight), its rates, and the slots' polynomials. */
interface LanePlan {
  readonly names: readonly [string, string];
  readonly rates: readonly [number, number, number];
  /** slot → polynomial (σ*, σ, σ', ψ's terms; null: an absent ψ term) */
  readonly slots: readonly (FastPolynomial | null)[];
  readonly psiTerms: number;
}

/** A link compileForSpeed turned into a polynomial (its coefficients fit a slot: the generator's SIMD_MAX_COEFFICIENTS is compileForSpeed's limit). */
const fits = (p: FastPolynomial | null | undefined): p is FastPolynomial => p !== undefined && p !== null;

const plans = new WeakMap<ScalarChain, LanePlan | null>();

/** The plan of a chain the SIMD steps can take, or null (then the loops step it); computed once per chain. */
function lanePlan(c: ScalarChain): LanePlan | null {
  let plan = plans.get(c);
  if (plan === undefined) plans.set(c, (plan = planOf(c)));
  return plan;
}

function planOf(c: ScalarChain): LanePlan | null {
  const input = c.input;
  const alg = input.algorithm;
  if (c.zig === null) return null;
  const target = fastPolynomialOf(input.target);
  const derivative = fastPolynomialOf(input.studentDerivative);
  if (!fits(target)) return null;
  const noise = c.state[2]! > 0;
  const names = (a: SimdAlgorithm): [string, string] => [simdExport(a, noise, false), simdExport(a, noise, true)];
  const slots: (FastPolynomial | null)[] = [null, null, null];
  slots[SIMD_SLOT_TARGET] = target;
  switch (alg.kind) {
    case 'online':
      if (!fits(derivative)) return null;
      slots[SIMD_SLOT_DERIVATIVE] = derivative;
      return { names: names('online'), rates: [input.gamma, 0, 0], slots, psiTerms: 0 };
    case 'batch-reuse':
      if (!fits(derivative)) return null;
      slots[SIMD_SLOT_DERIVATIVE] = derivative;
      return { names: names('batch-reuse'), rates: [alg.eta, input.gamma, 0], slots, psiTerms: 0 };
    case 'alternating': {
      const student = fastPolynomialOf(input.student);
      if (!fits(derivative) || !fits(student)) return null;
      if (alg.secondLayer === 'carry' && c.rule.secondLayer === undefined) return null;
      slots[SIMD_SLOT_STUDENT] = student;
      slots[SIMD_SLOT_DERIVATIVE] = derivative;
      return { names: names(alg.secondLayer === 'carry' ? 'alternating-carry' : 'alternating'), rates: [input.gamma, alg.a, alg.eta], slots, psiTerms: 0 };
    }
    case 'custom': {
      const terms = fastOracleOf(alg.psi);
      if (!terms || terms.length > SIMD_PSI_TERMS || !terms.every((t) => t === null || fits(t))) return null;
      for (let i = 0; i < SIMD_PSI_TERMS; i++) slots[SIMD_SLOT_PSI + i] = terms[i] ?? null;
      return { names: names('custom'), rates: [input.gamma, 0, 0], slots, psiTerms: terms.length };
    }
  }
}

/**
 * Chains a and b can be lanes of one group: both have a plan with the same step, rates and
 * polynomials (σ*, σ, σ', ψ's terms: one FastPolynomial per compiled closure), and the same d
 * (ziggurat), label noise and τ — and the steps are available in this thread.
 */
export function simdPartners(a: ScalarChain, b: ScalarChain): boolean {
  const plan = lanePlan(a);
  const p = lanePlan(b);
  if (plan === null || p === null || simdKernel() === null) return false;
  return (
    p.names[0] === plan.names[0] &&
    p.rates.every((r, i) => Object.is(r, plan.rates[i])) &&
    p.slots.every((q, i) => q === plan.slots[i]) &&
    b.zig === a.zig &&
    Object.is(b.state[2], a.state[2]) &&
    Object.is(b.state[3], a.state[3])
  );
}

/** Three to eight chains the SIMD steps can take together (a group of four or of eight, padded: simdGroups). */
export function simdGroupable(chains: readonly ScalarChain[]): boolean {
  return chains.length >= PADDED_LANES && chains.length <= SIMD_WIDE_LANES && chains.every((c) => simdPartners(chains[0]!, c));
}

/**
 * The fewest members of a group of four, and of one of eight: a group with fewer members than
 * lanes fills the rest with copies of its first member's lane (the same draws and arithmetic,
 * read back by nobody). Three seeds in four lanes cost less than three in the loops, six or seven
 * in eight less than four in SIMD and the rest in the loops; two or five do not pay.
 */
const PADDED_LANES = 3;
const PADDED_WIDE_LANES = 6;

/**
 * The running chains split into SIMD groups of eight (at least six members), else four (at least
 * three), greedily in order: a chain joins the first later chains it can share a group with; and
 * the rest, in their order.
 */
export function simdGroups<T>(items: readonly T[], chainOf: (item: T) => ScalarChain): { groups: T[][]; rest: T[] } {
  const used = new Array<boolean>(items.length).fill(false);
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i++) {
    if (used[i]) continue;
    const a = chainOf(items[i]!);
    const members = [i];
    for (let j = i + 1; j < items.length && members.length < SIMD_WIDE_LANES; j++) {
      if (!used[j] && simdPartners(a, chainOf(items[j]!))) members.push(j);
    }
    if (members.length < PADDED_LANES) continue;
    if (members.length < PADDED_WIDE_LANES) members.length = Math.min(members.length, SIMD_LANES);
    for (const j of members) used[j] = true;
    groups.push(members.map((j) => items[j]!));
  }
  return { groups, rest: items.filter((_, i) => !used[i]) };
}

function loadSlot(k: Kernel, slot: number, p: FastPolynomial | null): void {
  if (k.slots[slot] === p) return;
  const at = L.slots + SIMD_SLOT * slot;
  k.i32[at / 4] = p === null ? 0 : { plain: 0, even: 1, odd: 2 }[p.form];
  k.i32[at / 4 + 1] = p === null ? 0 : p.coefficients.length;
  k.i32[at / 4 + 2] = p === null ? 0 : 1; // present
  if (p !== null) k.f64.set(p.coefficients, at / 8 + 2);
  k.slots[slot] = p;
}

/** Tables and polynomials of this group into the memory, where they differ from what is there. */
function loadGroup(k: Kernel, zig: GammaZiggurat, plan: LanePlan): void {
  if (k.zig !== zig) {
    writeGammaZiggurat(k.f64, zig);
    k.zig = zig;
  }
  plan.slots.forEach((p, slot) => loadSlot(k, slot, p));
  k.i32[(L.slots + SIMD_SLOT * SIMD_SLOT_PSI) / 4 + 3] = plan.psiTerms;
}

/** Chain c's reserves into lane l where the lane holds another chain's, or older ones of c. */
function syncReserves(k: LaneMemoryWithReserves, c: ScalarChain, l: number): void {
  if (k.laneChain[l] === c && k.laneRefills[l] === c.refills) return;
  writeReserves(k, c, l);
  k.laneChain[l] = c;
  k.laneRefills[l] = c.refills;
}

/**
 * Up to k steps of `chains` in the `lanes` lanes of a SIMD step (lanes beyond the chains copy the
 * first one's) by `step(k′)`, a call of the step that does at most k′ steps and returns how many
 * it did, stopping before a step that could exhaust a lane's reserve or after an event. The lanes
 * are written into the memory once; between calls only a lane whose reserve ran low (with the
 * lanes copying the first chain) goes back to its chain to be topped up, exactly where the loops
 * top up. Stops after k steps or a call after which `stopped()` holds; the chains' generators and
 * reserve counts are read back (m and √(1 − m²) are the caller's). Returns the steps done.
 */
export function stepLanes(
  memory: LaneMemoryWithReserves,
  chains: readonly ScalarChain[],
  lanes: number,
  k: number,
  step: (k: number) => number,
  stopped: () => boolean,
): number {
  const { i32 } = memory;
  const a = chains[0]!;
  const members = chains.length;
  const need = a.normalsPerStep;
  const copies = Array.from({ length: lanes - members }, (_, i) => members + i);
  for (let l = 0; l < lanes; l++) {
    const c = chains[l] ?? a; // a lane beyond the members: a copy of the first member's
    c.topUp();
    writeLane(memory, c, l);
    syncReserves(memory, c, l); // the steps only read the reserves: copied when the lane's chain or its reserves change
  }
  let done = 0;
  for (;;) {
    done += step(k - done);
    if (stopped() || done >= k) break;
    // the step stopped before a step that could exhaust a lane's reserve: top those lanes up
    let low = 0;
    for (let l = 0; l < members; l++) {
      if (i32[L.normalsLeft / 4 + l]! >= need && i32[L.chiSquaredLeft / 4 + l]! >= 1) continue;
      low++;
      const c = chains[l]!;
      readLane(memory, c, l);
      c.topUp();
      // lane l, and for the first member the lanes beyond the members, which copy it
      for (const lane of l === 0 ? [0, ...copies] : [l]) {
        writeGenerator(memory, c, lane);
        syncReserves(memory, c, lane);
      }
    }
    // a lane copying the first member's ran low alone: the lanes are out of step (a bug), not an endless loop
    if (low === 0) throw new Error('stepLanes: the step stopped for reserves, yet no member ran low');
  }
  for (let l = 0; l < members; l++) readLane(memory, chains[l]!, l);
  return done;
}

/**
 * k steps (k ≤ each chain's steps left in its run, stepsLeft, across its segments) of three to
 * eight chains that are simdGroupable (more than four: the wide step, two sets of four lanes in
 * one loop; lanes beyond the members copy the first member's), or fewer when a chain reaches τ or
 * diverges: that step's event goes to its tracker as in the two-chain loops, and the call
 * returns. Reserves are topped up between calls of the step exactly where the loops top them up
 * (before a step that could exhaust one: stepLanes). Returns the steps done (each chain's step
 * count t + pos advances by it, its segments carried over: ScalarChain.carryOver).
 */
export function stepSimdGroup(chains: readonly ScalarChain[], k: number): number {
  const kern = simdKernel()!;
  const { f64, i32 } = kern;
  const a = chains[0]!;
  const plan = lanePlan(a)!;
  const zig = a.zig!;
  loadGroup(kern, zig, plan);
  const members = chains.length;
  const lanes = members > SIMD_LANES ? SIMD_WIDE_LANES : SIMD_LANES;
  const steps = kern.exports[plan.names[lanes === SIMD_WIDE_LANES ? 1 : 0]] as Steps;
  const [r0, r1, r2] = plan.rates;
  const sqrtNoise = a.state[2]!;
  const tau = a.state[3]!;
  let done = 0;
  if (k > 0) {
    for (let l = 0; l < lanes; l++) {
      const second = (chains[l] ?? a).rule.secondLayer;
      if (second !== undefined) f64[L.secondLayer / 8 + l] = second[0]!;
    }
    const event = () => i32[L.event / 4] !== 0;
    done = stepLanes(kern, chains, lanes, k, (left) => steps(left, r0, r1, r2, tau, sqrtNoise, 2 * zig.mode, 2 * zig.sigma), event);
    for (let l = 0; l < members; l++) {
      const c = chains[l]!;
      if (c.rule.secondLayer !== undefined) c.rule.secondLayer[0] = f64[L.secondLayer / 8 + l]!;
      const m = f64[L.m / 8 + l]!;
      if (event()) {
        // the loops' event block, for the last step done
        const e = f64[L.e / 8 + l]!;
        const base = c.t + c.pos;
        c.state[0] = e < Infinity ? m : f64[L.mBefore / 8 + l]!;
        if (!(e < Infinity)) c.diverged(base + done - 1);
        else if (!(Math.abs(m) < tau)) c.crossed(base + done);
      }
      c.state[0] = m;
      c.state[1] = f64[L.root / 8 + l]!;
      c.pos += done;
    }
  }
  for (const c of chains) c.carryOver();
  return done;
}
