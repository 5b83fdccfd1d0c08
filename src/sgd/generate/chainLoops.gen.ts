/**
 * The generator of the SGD engines' unrolled draw code, the one place where it is written:
 *
 *   node --import tsx src/sgd/generate/chainLoops.gen.ts
 *
 * writes src/sgd/chainLoops.generated.ts (the width-1 reduced chain's loops, stepOneChain and
 * stepTwoChains, and ScalarChain.sample's draws, drawSample) and src/sgd/xoshiro.generated.ts
 * (Rng.next32 and the first pass of Rng.fillNormals). test/sgd/generated.test.ts fails when a
 * checked-in file differs from what this script writes: change the script, then run it.
 *
 * Why generated: those loops keep the generator's state in locals and make no calls (a call in
 * the chain's inner loop, even on a branch taken once in a hundred steps, costs V8 as much as the
 * whole step: it can no longer keep the loop's tables and state in registers), so the
 * xoshiro128** step and a step's draws are written out wherever they are used. Here they are
 * written once:
 * - xoshiroStep: one output of xoshiro128** and the advance of its state;
 * - the draws of one step of the chain, in ScalarChain.sample's order: z, ξ ~ N(0,1)
 *   (normalAttempts, normalPicks), R ~ χ²_{d−2} (chiSquaredAttempt, chiSquaredPick: **where
 *   the default engine draws R**), ε ~ N(0,1) with label noise (noiseDraw);
 * - projectedStep: the one-sub-step update of (m, √(1 − m²)) (docs/theory.md §5); planeSteps and
 *   planeTwoSteps: the sub-steps in the plane of w and x (any number; exactly two, unrolled, for
 *   the batch-reuse pairs), with sphereStep.ts' arithmetic;
 * and chainLoop, drawSample, next32 and fillNormalPairs put them together.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GAMMA_ZIG_LAYERS } from '../gammaZiggurat.js';
import { CHAIN_NORMAL_ZIGGURAT } from '../normalZiggurat.js';

type Lines = string[];

const indent = (lines: Lines, depth = 1): Lines => lines.map((l) => (l === '' ? l : '  '.repeat(depth) + l));

/** A named constant of a generated file: emitted once at module level with its doc comment. */
interface Constant {
  readonly name: string;
  readonly value: number;
  readonly doc: string;
  /** how the value is written (default: String(value), which round-trips) */
  readonly literal?: string;
}

function constantLines(cs: readonly Constant[]): Lines {
  return cs.flatMap((c) => [`/** ${c.doc} */`, `const ${c.name} = ${c.literal ?? String(c.value)};`]);
}

/** n as superscript digits (2⁻³⁶ in a doc comment). */
const superscript = (n: number): string => String(n).replace(/./g, (c) => '⁰¹²³⁴⁵⁶⁷⁸⁹⁻'['0123456789-'.indexOf(c)]!);

/** Layers of the chain's normal ziggurat and regions of its Gamma ziggurat (the tables': one count for both). */
const LAYERS = GAMMA_ZIG_LAYERS;
/** Bits of an output that pick a layer or region; the output's other 32 − INDEX_BITS are the high bits of the attempt's U. */
const INDEX_BITS = Math.log2(LAYERS);
if (!Number.isInteger(INDEX_BITS) || CHAIN_NORMAL_ZIGGURAT.layers !== LAYERS)
  throw new Error('chainLoops.gen: the chain’s two ziggurats need one power-of-2 count of layers');
/** Bits of a z or ξ attempt's U (16 more from o₃) and of an R attempt's (21 more from o₅). */
const NORMAL_U_BITS = 32 - INDEX_BITS + 16;
const CHI_U_BITS = 32 - INDEX_BITS + 21;

/** The constants of the chain's draws, from LAYERS (2048: an index of 11 bits, 37- and 42-bit uniforms). */
const CHAIN_CONSTANTS: readonly Constant[] = [
  { name: 'INDEX_BITS', value: INDEX_BITS, doc: `Bits of an output that pick the layer (normal) or region (Gamma) of a ${LAYERS}-layer ziggurat.` },
  {
    name: 'INDEX_MASK',
    value: LAYERS - 1,
    literal: `0x${(LAYERS - 1).toString(16)}`,
    doc: `2${superscript(INDEX_BITS)} − 1: \`o & INDEX_MASK\` is that index.`,
  },
  { name: 'LOW_16_BITS', value: 0xffff, literal: '0xffff', doc: '2¹⁶ − 1: the low half of an output.' },
  { name: 'HIGH_16_SHIFT', value: 16, doc: '`o >>> HIGH_16_SHIFT`: the high half of an output.' },
  { name: 'HIGH_21_SHIFT', value: 11, doc: '`o >>> HIGH_21_SHIFT`: the top 21 bits of an output.' },
  { name: 'TWO_POW_16', value: 2 ** 16, doc: `2¹⁶: shifts ${32 - INDEX_BITS} high bits above 16 low ones (a ${NORMAL_U_BITS}-bit integer).` },
  { name: 'TWO_POW_21', value: 2 ** 21, doc: `2²¹: shifts high bits above 21 low ones (${CHI_U_BITS}- and 53-bit integers).` },
  {
    name: 'NORMAL_U_SCALE',
    value: 2 ** -(NORMAL_U_BITS - 1),
    doc: `2${superscript(-(NORMAL_U_BITS - 1))}: a ${NORMAL_U_BITS}-bit integer times this is uniform on [0, 2); minus 1, the U ∈ [−1, 1) of a z or ξ attempt.`,
  },
  {
    name: 'CHI_U_SCALE',
    value: 2 ** -CHI_U_BITS,
    doc: `2${superscript(-CHI_U_BITS)}: a ${CHI_U_BITS}-bit integer times this is uniform on [0, 1), the U of an R attempt.`,
  },
  { name: 'TWO_POW_52', value: 2 ** 52, doc: '2⁵²: a 53-bit integer over 2⁵² is uniform on [0, 2); minus 1, the U ∈ [−1, 1) of an ε attempt.' },
];

/** The constants of Rng.fillNormals' first pass (Doornik's 128-layer ziggurat). */
const FILL_CONSTANTS: readonly Constant[] = [
  { name: 'FILL_LAYER_BITS', value: 7, doc: 'Bits of an output that pick the layer of the 128-layer normal ziggurat.' },
  { name: 'FILL_LAYER_MASK', value: 0x7f, literal: '0x7f', doc: '2⁷ − 1: `o & FILL_LAYER_MASK` is that layer.' },
  { name: 'LOW_16_BITS', value: 0xffff, literal: '0xffff', doc: '2¹⁶ − 1: the low half of an output.' },
  { name: 'HIGH_16_SHIFT', value: 16, doc: '`o >>> HIGH_16_SHIFT`: the high half of an output.' },
  { name: 'TWO_POW_16', value: 2 ** 16, doc: '2¹⁶: shifts 25 high bits above 16 low ones (a 41-bit integer).' },
  { name: 'TWO_POW_MINUS_40', value: 2 ** -40, doc: '2⁻⁴⁰: a 41-bit integer times 2⁻⁴⁰ is uniform on [0, 2); minus 1, an attempt’s U ∈ [−1, 1).' },
];

/**
 * One output of xoshiro128** (Blackman & Vigna) into `out`, and the advance of the state held in
 * the locals s0‹id›..s3‹id› (arithmetic mod 2³²; `scrambled`, `shifted` are scratch locals the
 * caller declares):
 *   out = rotl(s1·5, 7)·9;  t = s1 << 9;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;
 *   s3 = rotl(s3, 11).
 * The only place the step is written for the JavaScript loops: every copy in their generated files
 * comes from here (the SIMD step's generator, simdChain.gen.ts, writes the same step on i32x4 lanes;
 * test/sgd/simdChains.test.ts checks the two agree bit for bit).
 */
function xoshiroStep(id: string, out: string, what: string): Lines {
  const [s0, s1, s2, s3] = [0, 1, 2, 3].map((i) => `s${i}${id}`);
  return [
    `scrambled = Math.imul(${s1}, 5);`,
    `const ${out} = Math.imul((scrambled << 7) | (scrambled >>> 25), 9) >>> 0; // ${what}`,
    `shifted = ${s1} << 9;`,
    `${s2} ^= ${s0};`,
    `${s3} ^= ${s1};`,
    `${s1} ^= ${s2};`,
    `${s0} ^= ${s3};`,
    `${s2} ^= shifted;`,
    `${s3} = (${s3} << 11) | (${s3} >>> 21);`,
  ];
}

const loadWords = (id: string, st: string): Lines => [0, 1, 2, 3].map((i) => `let s${i}${id} = ${st}[${i}]!;`);
const storeWords = (id: string, st: string): Lines => [0, 1, 2, 3].map((i) => `${st}[${i}] = s${i}${id};`);

/** The seven outputs of a chain's step and what each is cut into (uint32 each). */
const OUTPUT_USE: readonly string[] = [
  '',
  `o₁: z's layer (low ${INDEX_BITS} bits), the high ${32 - INDEX_BITS} bits of its U`,
  `o₂: ξ's layer (low ${INDEX_BITS} bits), the high ${32 - INDEX_BITS} bits of its U`,
  "o₃: the low 16 bits of z's U (low half) and of ξ's (high half)",
  `o₄: R's region (low ${INDEX_BITS} bits), the high ${32 - INDEX_BITS} bits of its U`,
  "o₅: the low 21 bits of R's U (its top 21 bits)",
  "o₆: the high 32 bits of ε's U",
  `o₇: ε's layer (low ${INDEX_BITS} bits), the low 21 bits of its U (its top 21 bits)`,
];

/** A chain in an emitted function: the suffix of its locals, and its ScalarChain variable. */
interface Chain {
  readonly id: string;
  readonly obj: string;
}

/** The names of the normal ziggurat's tables in the emitted function: edges X[i] and core ratios X[i+1]/X[i]. */
interface Tables {
  readonly x: string;
  readonly ratio: string;
}

/** Outputs o_from..o_to of chain ch's generator. */
function outputs(ch: Chain, from: number, to: number): Lines {
  const lines: Lines = [];
  for (let k = from; k <= to; k++) lines.push(...xoshiroStep(ch.id, `o${k}${ch.id}`, OUTPUT_USE[k]!));
  return lines;
}

/** z's and ξ's first attempts of the LAYERS-layer normal ziggurat, from o₁..o₃: a layer and a NORMAL_U_BITS-bit U on [−1, 1). */
function normalAttempts(ch: Chain): Lines {
  const v = ch.id;
  return [
    `const layerZ${v} = o1${v} & INDEX_MASK; // z's layer: uniform on {0, …, ${LAYERS - 1}}`,
    `const uZ${v} = ((o1${v} >>> INDEX_BITS) * TWO_POW_16 + (o3${v} & LOW_16_BITS)) * NORMAL_U_SCALE - 1; // z's U: uniform on [−1, 1), ${NORMAL_U_BITS} bits`,
    `const layerXi${v} = o2${v} & INDEX_MASK; // ξ's layer: uniform on {0, …, ${LAYERS - 1}}`,
    `const uXi${v} = ((o2${v} >>> INDEX_BITS) * TWO_POW_16 + (o3${v} >>> HIGH_16_SHIFT)) * NORMAL_U_SCALE - 1; // ξ's U: uniform on [−1, 1), ${NORMAL_U_BITS} bits`,
  ];
}

/**
 * R's first attempt of the Gamma((d−2)/2) ziggurat (gammaZiggurat.ts), from o₄, o₅: region
 * o₄ mod LAYERS and s = lo + U·width, U uniform on [0, 1) with CHI_U_BITS bits.
 */
function chiSquaredAttempt(ch: Chain): Lines {
  const v = ch.id;
  return [
    `const regionR${v} = o4${v} & INDEX_MASK; // R's region: uniform on {0, …, ${LAYERS - 1}}`,
    `const g${v} = lo${v}[regionR${v}]! + ((o4${v} >>> INDEX_BITS) * TWO_POW_21 + (o5${v} >>> HIGH_21_SHIFT)) * CHI_U_SCALE * width${v}[regionR${v}]!; // s = (G − mode)/σ, G ~ Gamma((d−2)/2) if in the core`,
  ];
}

/**
 * z and ξ: u·X[layer] when the attempt falls in its layer's core (|u| < X[i+1]/X[i]), else the
 * next normal of the reserve (Rng.normalMiss: N(0,1) given a miss), z's before ξ's.
 */
function normalPicks(ch: Chain, t: Tables): Lines {
  const v = ch.id;
  return [
    `const z${v} = Math.abs(uZ${v}) < ${t.ratio}[layerZ${v}]! ? uZ${v} * ${t.x}[layerZ${v}]! : missNormals${v}[--normalsLeft${v}]!; // z: N(0,1)`,
    `const xi${v} = Math.abs(uXi${v}) < ${t.ratio}[layerXi${v}]! ? uXi${v} * ${t.x}[layerXi${v}]! : missNormals${v}[--normalsLeft${v}]!; // ξ: N(0,1)`,
  ];
}

/**
 * R ~ χ²_{d−2} = 2·G, G ~ Gamma((d−2)/2): 2·(mode + σ·s) when the attempt falls in its region's
 * core, else the next value of the reserve (Rng.chiSquaredMiss: χ²_{d−2} given a miss).
 */
function chiSquaredPick(ch: Chain, declare: 'const ' | ''): Lines {
  const v = ch.id;
  return [
    `${declare}r${v} = g${v} > innerLo${v}[regionR${v}]! && g${v} < innerHi${v}[regionR${v}]! ? chiOffset${v} + chiScale${v} * g${v} : missChiSquared${v}[--chiSquaredLeft${v}]!; // R: χ²_{d−2}`,
  ];
}

/** ε ~ N(0,1), with label noise only (√Δ > 0): two more outputs, a LAYERS-layer attempt with a 53-bit U, else the reserve. */
function noiseDraw(ch: Chain, t: Tables): Lines {
  const v = ch.id;
  return [
    `let eps${v} = 0; // ε: N(0,1) (drawn only with label noise)`,
    `if (sqrtNoise${v} > 0) {`,
    ...indent([
      ...outputs(ch, 6, 7),
      `const layerEps${v} = o7${v} & INDEX_MASK; // ε's layer: uniform on {0, …, ${LAYERS - 1}}`,
      `const uEps${v} = (o6${v} * TWO_POW_21 + (o7${v} >>> HIGH_21_SHIFT)) / TWO_POW_52 - 1; // ε's U: uniform on [−1, 1), 53 bits`,
      `eps${v} = Math.abs(uEps${v}) < ${t.ratio}[layerEps${v}]! ? uEps${v} * ${t.x}[layerEps${v}]! : missNormals${v}[--normalsLeft${v}]!;`,
    ]),
    '}',
  ];
}

/** The comment that marks, in each generated function, where R ~ χ²_{d−2} is drawn. */
const R_MARKER = "// R ~ χ²_{d−2}: the Gamma ziggurat's first attempt (chiSquaredAttempt, chiSquaredPick in the generator)";

/**
 * All of a step's draws in a loop (each chain has a Gamma ziggurat): o₁..o₅, the attempts, z, ξ,
 * R, then ε. The order of the outputs and of the reserve picks is ScalarChain.sample's.
 */
function stepDraws(ch: Chain, t: Tables): Lines {
  return [
    `// chain ${ch.id}: the draws of ScalarChain.sample (z, ξ ~ N(0,1), R ~ χ²_{d−2}, ε ~ N(0,1))`,
    ...outputs(ch, 1, 5),
    ...normalAttempts(ch),
    ...chiSquaredAttempt(ch),
    ...normalPicks(ch, t),
    R_MARKER,
    ...chiSquaredPick(ch, 'const '),
    ...noiseDraw(ch, t),
  ];
}

/**
 * The projected step with coefficient c = rate·ψ(y, z) (one sub-step), from u = m·z + √(1−m²)·ξ,
 * y = σ*(u) + √Δ·ε, p = ξ² + R and e = c²p: m' = (m + c·√(1 − m²)·ξ)·(1 + e)^{−1/2},
 * √(1 − m'²) = √(1 + e − num²)·(1 + e)^{−1/2}, m' clamped to [−1, 1] (it only trims rounding;
 * NaN passes). e = ∞ or NaN makes m' NaN (invSqrt1p).
 */
function projectedStep(ch: Chain): Lines {
  const v = ch.id;
  return [
    `const coef${v} = coefficient${v}(0, y${v}, z${v}); // c = rate·ψ(y, z)`,
    `e${v} = coef${v} * coef${v} * (xi${v} * xi${v} + r${v}); // e = c²p, p = ξ² + R = ‖x‖² − z²`,
    `const inv${v} = invSqrt1p(e${v}); // (1 + e)^{−1/2}; NaN when e is ∞ or NaN, which makes m NaN`,
    `const num${v} = m${v} + coef${v} * root${v} * xi${v};`,
    `const w${v} = 1 + e${v} - num${v} * num${v};`,
    `root${v} = w${v} > 0 ? Math.sqrt(w${v}) * inv${v} : 0;`,
    `const next${v} = num${v} * inv${v};`,
    `m${v} = next${v} > 1 ? 1 : next${v} < -1 ? -1 : next${v}; // |m'| ≤ 1 exactly; this trims rounding (NaN passes)`,
  ];
}

/** u and y of chain ch's sample. */
function sampleLabel(ch: Chain): Lines {
  const v = ch.id;
  return [
    `const u${v} = m${v} * z${v} + root${v} * xi${v}; // u = ⟨θ*, x⟩`,
    `const y${v} = sqrtNoise${v} > 0 ? target${v}(u${v}) + sqrtNoise${v} * eps${v} : target${v}(u${v}); // y = σ*(u) + √Δ·ε`,
  ];
}

/**
 * The rule's projected steps on one sample in the plane of w and x (sphereStep.ts' stepOnSample,
 * written out with the same arithmetic, so a seed's record does not change): from m, z and
 * p = ξ² + R, for each sub-step j < subSteps, c = coefficient(j, y, z), n = √(1 + c²p) (a
 * divergence if not finite), α = (1 − c·z)/n, β = c/n, m ← α·m + β·u, z ← (z + c·p)/n,
 * p ← p·α²; then m clamped to [−1, 1] and √(1 − m²). A divergence sets e = ∞ and m = NaN.
 */
function planeSteps(ch: Chain): Lines {
  const v = ch.id;
  return [
    `let zk${v} = z${v}; // z before sub-step j`,
    `let pk${v} = xi${v} * xi${v} + r${v}; // p = ‖x‖² − z² before sub-step j`,
    `let mk${v} = m${v};`,
    `let finite${v} = true;`,
    `for (let j = 0; j < subSteps${v}; j++) {`,
    ...indent([
      `const c${v} = coefficient${v}(j, y${v}, zk${v}); // c_j = rate_j·ψ_j(y, z)`,
      `const n${v} = Math.sqrt(1 + c${v} * c${v} * pk${v});`,
      `if (!(n${v} < Infinity)) {`,
      ...indent([`finite${v} = false; // the step's norm was NaN or ∞`, 'break;']),
      '}',
      `const alpha${v} = (1 - c${v} * zk${v}) / n${v};`,
      `mk${v} = alpha${v} * mk${v} + (c${v} / n${v}) * u${v};`,
      `zk${v} = (zk${v} + c${v} * pk${v}) / n${v};`,
      `pk${v} = pk${v} * alpha${v} * alpha${v};`,
    ]),
    '}',
    `if (finite${v}) {`,
    ...indent([
      `m${v} = mk${v} > 1 ? 1 : mk${v} < -1 ? -1 : mk${v}; // |m'| ≤ 1 exactly; this trims rounding (NaN passes)`,
      `root${v} = Math.sqrt(1 - m${v} * m${v});`,
    ]),
    `} else {`,
    ...indent([`e${v} = Infinity;`, `m${v} = NaN;`]),
    `}`,
  ];
}

/**
 * planeSteps for rules of exactly two sub-steps (batch reuse), unrolled, with the same arithmetic
 * (a seed's record does not change): c₀ = coefficient(0, y, z), n₀ = √(1 + c₀²p), α₀ = (1 − c₀z)/n₀,
 * m₁ = α₀m + (c₀/n₀)u, z₁ = (z + c₀p)/n₀, p₁ = p·α₀²; then c₁ = coefficient(1, y, z₁),
 * n₁ = √(1 + c₁²p₁), m₂ = ((1 − c₁z₁)/n₁)·m₁ + (c₁/n₁)·u. The last sub-step's z and p are not
 * needed, so not computed; c₁ is not asked for when n₀ is not finite (as the loop breaks there).
 */
function planeTwoSteps(ch: Chain): Lines {
  const v = ch.id;
  return [
    `const p0${v} = xi${v} * xi${v} + r${v}; // p = ‖x‖² − z²`,
    `const c0${v} = coefficient${v}(0, y${v}, z${v}); // c₀ = η·ψ(y, z)`,
    `const n0${v} = Math.sqrt(1 + c0${v} * c0${v} * p0${v});`,
    `let n1${v} = NaN; // stays NaN (a divergence) if n₀ is NaN or ∞`,
    `let m2${v} = 0;`,
    `if (n0${v} < Infinity) {`,
    ...indent([
      `const alpha0${v} = (1 - c0${v} * z${v}) / n0${v};`,
      `const m1${v} = alpha0${v} * m${v} + (c0${v} / n0${v}) * u${v};`,
      `const z1${v} = (z${v} + c0${v} * p0${v}) / n0${v}; // z after the first sub-step`,
      `const p1${v} = p0${v} * alpha0${v} * alpha0${v};`,
      `const c1${v} = coefficient${v}(1, y${v}, z1${v}); // c₁ = γ·ψ(y, z₁)`,
      `n1${v} = Math.sqrt(1 + c1${v} * c1${v} * p1${v});`,
      `m2${v} = ((1 - c1${v} * z1${v}) / n1${v}) * m1${v} + (c1${v} / n1${v}) * u${v};`,
    ]),
    '}',
    `if (n1${v} < Infinity) {`,
    ...indent([
      `m${v} = m2${v} > 1 ? 1 : m2${v} < -1 ? -1 : m2${v}; // |m'| ≤ 1 exactly; this trims rounding (NaN passes)`,
      `root${v} = Math.sqrt(1 - m${v} * m${v});`,
    ]),
    `} else {`,
    ...indent([`e${v} = Infinity;`, `m${v} = NaN;`]),
    `}`,
  ];
}

/** Chain ch's step in the one-chain loop: projectedStep, or planeSteps for rules of several sub-steps (any number). */
function oneChainStep(ch: Chain): Lines {
  return [`if (oneStep) {`, ...indent(projectedStep(ch)), `} else {`, ...indent(planeSteps(ch)), `}`];
}

/**
 * What a loop reads from a chain once per call (its tables, reserves, rule, state, position), in
 * groups: a loop of two chains emits each group for both chains before the next. The order of
 * these loads moves V8's register allocation of the whole loop (all of one chain's first changed
 * the two-chain loop's machine code throughout); this one compiles to the same code as the
 * hand-written loops it replaced.
 */
function chainSetup(ch: Chain, single: boolean): Lines[] {
  const { id: v, obj: c } = ch;
  return [
    [`const words${v} = ${c}.rng.s; // chain ${v}'s xoshiro128** state, in s0${v}..s3${v} while the inner loop runs`],
    [`const zig${v} = ${c}.zig!; // the ziggurat of Gamma((d−2)/2) (d ≥ 5)`],
    [
      `const lo${v} = zig${v}.lo;`,
      `const width${v} = zig${v}.width;`,
      `const innerLo${v} = zig${v}.innerLo;`,
      `const innerHi${v} = zig${v}.innerHi;`,
      `const chiOffset${v} = 2 * zig${v}.mode; // R = 2·(mode + σ·s) = chiOffset + chiScale·s`,
      `const chiScale${v} = 2 * zig${v}.sigma;`,
    ],
    [
      `const missNormals${v} = ${c}.missNormals; // reserve: N(0,1) given a missed attempt`,
      `const missChiSquared${v} = ${c}.missChiSquared; // reserve: χ²_{d−2} given a missed attempt`,
    ],
    [`const normalsPerStep${v} = ${c}.normalsPerStep;`],
    [
      `const rule${v} = ${c}.rule;`,
      ...(single ? [`const subSteps${v} = rule${v}.subSteps;`, `const oneStep = subSteps${v} === 1;`] : []),
      `const coefficient${v} = rule${v}.coefficient; // hoisted: a property load per step cost ~20 % of the loop`,
    ],
    [`const target${v} = ${c}.target; // σ*`],
    [`const state${v} = ${c}.state; // [m, √(1 − m²), √Δ, τ]`],
    [`const sqrtNoise${v} = state${v}[2]!; // √Δ`],
    [`const tau${v} = state${v}[3]!; // τ`],
    [`const pos${v} = ${c}.pos;`],
    [`const base${v} = ${c}.t + pos${v}; // steps done before this call`],
    [`let m${v} = state${v}[0]!; // m = ⟨w, θ*⟩`, `let root${v} = state${v}[1]!; // √(1 − m²)`],
    [`let mBefore${v} = m${v}; // m before the current step`],
    [`let e${v} = 0; // e = c²p of the last step (∞ or NaN: it overflowed)`],
  ];
}

/**
 * After an event (|m| ≥ τ, or an overflow) in step s: each chain's tracker gets the overlap after
 * the step (the last finite one if it overflowed) and says whether its run ends.
 */
function chainEvents(chains: readonly Chain[]): Lines {
  return [
    ...chains.map(({ id: v }) => `state${v}[0] = e${v} < Infinity ? m${v} : mBefore${v};`),
    ...chains.flatMap(({ id: v, obj: c }) => [
      `if (!(e${v} < Infinity)) {`,
      ...indent([`${c}.diverged(base${v} + s);`, 'stop = true;']),
      `} else if (!(Math.abs(m${v}) < tau${v}) && ${c}.crossed(base${v} + s + 1)) stop = true;`,
    ]),
  ];
}

/**
 * The loop of one chain (stepOneChain) or of two in turn (stepTwoChains): k steps, each chain's
 * draws and step written out, each generator's state in locals. The inner loop makes no calls
 * but the rule's and the link's: it leaves when a reserve needs topping up, or when a chain's
 * |m| reaches τ or its step overflows; the outer loop does that and goes on. Stops after the
 * step in which a chain finishes (the other has then done that step too).
 */
function chainLoop(name: string, chains: readonly Chain[], t: Tables, plane = false): Lines {
  const single = chains.length === 1;
  const each = (f: (ch: Chain) => Lines): Lines => chains.flatMap(f);
  const params = chains.map((ch) => `${ch.obj}: ScalarChain`).join(', ');
  const inner: Lines = [
    `if (${chains.map((ch) => `normalsLeft${ch.id} < normalsPerStep${ch.id} || chiSquaredLeft${ch.id} < 1`).join(' || ')}) break; // top up first`,
    ...each((ch) => [`mBefore${ch.id} = m${ch.id};`]),
    'let scrambled = 0; // xoshiroStep scratch: s1·5',
    'let shifted = 0; // xoshiroStep scratch: s1 << 9',
    ...each((ch) => stepDraws(ch, t)),
    ...each((ch) => [`// chain ${ch.id}'s step`, ...sampleLabel(ch), ...(single ? oneChainStep(ch) : plane ? planeTwoSteps(ch) : projectedStep(ch))]),
    '// the rare events: |m| ≥ τ, or a divergence (m NaN)',
    `if (${chains.map((ch) => `!(Math.abs(m${ch.id}) < tau${ch.id})`).join(' || ')}) {`,
    ...indent(['event = true;', 'break;']),
    '}',
  ];
  const outer: Lines = [
    ...each((ch) => [`${ch.obj}.topUp();`]),
    ...each((ch) => [`let normalsLeft${ch.id} = ${ch.obj}.normalsLeft;`, `let chiSquaredLeft${ch.id} = ${ch.obj}.chiSquaredLeft;`]),
    ...each((ch) => loadWords(ch.id, `words${ch.id}`)),
    'let event = false;',
    'for (; s < k; s++) {',
    ...indent(inner),
    '}',
    ...each((ch) => storeWords(ch.id, `words${ch.id}`)),
    ...each((ch) => [`${ch.obj}.normalsLeft = normalsLeft${ch.id};`, `${ch.obj}.chiSquaredLeft = chiSquaredLeft${ch.id};`]),
    'if (event) {',
    ...indent(['let stop = false;', ...chainEvents(chains), 's++;', 'if (stop) break;']),
    '} else if (s >= k) break;',
  ];
  return [
    `export function ${name}(${params}, k: number): void {`,
    ...indent([
      ...(t.x === 'ZIG_X' ? [] : [`const ${t.x} = ZIG_X;`, `const ${t.ratio} = ZIG_RATIO;`]),
      ...chainSetup(chains[0]!, single).flatMap((_, g) => each((ch) => chainSetup(ch, single)[g]!)),
      'let s = 0; // steps done in this call',
      'for (;;) {',
      ...indent(outer),
      '}',
      ...each((ch) => [`state${ch.id}[0] = m${ch.id};`, `state${ch.id}[1] = root${ch.id};`, `${ch.obj}.pos = pos${ch.id} + s;`]),
    ]),
    '}',
  ];
}

/**
 * ScalarChain.sample's draws (after its topUp): the loops' sequence, with the chain's state in
 * locals; for d ≤ 4 (no Gamma ziggurat) R = Rng.chiSquared(d − 2), drawn after o₁..o₃.
 */
function drawSample(t: Tables): Lines {
  const ch: Chain = { id: 'A', obj: 'c' };
  return [
    'export function drawSample(c: ScalarChain, out: Float64Array): void {',
    ...indent([
      'const wordsA = c.rng.s; // the xoshiro128** state, in s0A..s3A here',
      'const zigA = c.zig; // the ziggurat of Gamma((d−2)/2); null for d ≤ 4',
      'const missNormalsA = c.missNormals; // reserve: N(0,1) given a missed attempt',
      'const missChiSquaredA = c.missChiSquared; // reserve: χ²_{d−2} given a missed attempt',
      'const sqrtNoiseA = c.state[2]!; // √Δ',
      'let normalsLeftA = c.normalsLeft;',
      'let chiSquaredLeftA = c.chiSquaredLeft;',
      ...loadWords('A', 'wordsA'),
      'let scrambled = 0; // xoshiroStep scratch: s1·5',
      'let shifted = 0; // xoshiroStep scratch: s1 << 9',
      ...outputs(ch, 1, 3),
      ...normalAttempts(ch),
      R_MARKER,
      'let rA: number; // R: χ²_{d−2}',
      'if (zigA !== null) {',
      ...indent([
        'const loA = zigA.lo;',
        'const widthA = zigA.width;',
        'const innerLoA = zigA.innerLo;',
        'const innerHiA = zigA.innerHi;',
        'const chiOffsetA = 2 * zigA.mode; // R = 2·(mode + σ·s) = chiOffset + chiScale·s',
        'const chiScaleA = 2 * zigA.sigma;',
        ...outputs(ch, 4, 5),
        ...chiSquaredAttempt(ch),
        ...chiSquaredPick(ch, ''),
      ]),
      '} else {',
      ...indent([
        '// d ≤ 4: R = Rng.chiSquared(d − 2) from the generator, after o₁..o₃',
        ...storeWords('A', 'wordsA'),
        'rA = c.rng.chiSquared(c.input.d - 2);',
        ...[0, 1, 2, 3].map((i) => `s${i}A = wordsA[${i}]!;`),
      ]),
      '}',
      ...normalPicks(ch, t),
      ...noiseDraw(ch, t),
      ...storeWords('A', 'wordsA'),
      'c.normalsLeft = normalsLeftA;',
      'c.chiSquaredLeft = chiSquaredLeftA;',
      'out[0] = zA;',
      'out[1] = xiA;',
      'out[2] = rA;',
      'if (sqrtNoiseA > 0) out[3] = epsA;',
    ]),
    '}',
  ];
}

const HEADER = (what: string): Lines => [
  `// Generated by src/sgd/generate/chainLoops.gen.ts: do not edit. Change the generator and run`,
  `//   node --import tsx src/sgd/generate/chainLoops.gen.ts`,
  `// (test/sgd/generated.test.ts checks that this file is its output). ${what}`,
];

/**
 * invSqrt1p's specification: (1 + e)^{−1/2} by the alternating series c₀ − e·(c₁ − e·(c₂ − …))
 * with `short` below `shortLimit`, with `long` below `limit`, else 1/√(1 + e). The loops' text
 * (INV_SQRT_1P) and the SIMD step (simdChain.gen.ts) are written from it.
 */
export const INV_SQRT_SERIES = {
  shortLimit: 2 ** -16,
  limit: 2 ** -10,
  short: [1, 0.5, 0.375, 0.3125],
  long: [1, 0.5, 0.375, 0.3125, 0.2734375, 0.24609375],
} as const;

/** The series c₀ − e·(c₁ − e·(…)) as JavaScript text. */
function seriesText(cs: readonly number[]): string {
  if (cs.length === 1) return String(cs[0]);
  const rest = seriesText(cs.slice(1));
  return `${cs[0]} - e * ${cs.length > 2 ? `(${rest})` : rest}`;
}

/** The value of a draw constant of the chain's loops (CHAIN_CONSTANTS), for the SIMD step's generator. */
export function chainConstant(name: string): number {
  const c = CHAIN_CONSTANTS.find((x) => x.name === name);
  if (!c) throw new Error(`chainLoops.gen: no constant ${name}`);
  return c.value;
}

/** invSqrt1p and its limits, module-local beside the loops (through an import binding it cost them 5–9 %). */
const INV_SQRT_1P: Lines = [
  '/** (1 + e)^{−1/2} by its Taylor polynomial to e⁵ below this e = c²p, to e³ below the next. */',
  `const SERIES_LIMIT = ${INV_SQRT_SERIES.limit.toFixed(10)}; // 2⁻¹⁰: next term (231/1024)e⁶ < 2⁻⁶²`,
  `const SHORT_SERIES_LIMIT = ${INV_SQRT_SERIES.shortLimit.toFixed(16)}; // 2⁻¹⁶: next term (35/128)e⁴ < 2⁻⁶⁵`,
  '',
  '/**',
  ' * (1 + e)^{−1/2} for e = c²p ≥ 0: the alternating Taylor polynomial to e³ below 2⁻¹⁶ and to e⁵',
  ' * below 2⁻¹⁰ (error below the next term, < 2⁻⁶², i.e. below rounding), else 1/√(1 + e); NaN',
  " * when e is ∞ or NaN (the step overflowed), which makes m' NaN.",
  ' */',
  'export function invSqrt1p(e: number): number {',
  `  if (e < SHORT_SERIES_LIMIT) return ${seriesText(INV_SQRT_SERIES.short)};`,
  `  if (e < SERIES_LIMIT) return ${seriesText(INV_SQRT_SERIES.long)};`,
  '  return e < Infinity ? 1 / Math.sqrt(1 + e) : NaN;',
  '}',
];

/** src/sgd/chainLoops.generated.ts */
export function chainLoopsSource(): string {
  const a: Chain = { id: 'A', obj: 'a' };
  const b: Chain = { id: 'B', obj: 'b' };
  const moduleTables: Tables = { x: 'ZIG_X', ratio: 'ZIG_RATIO' };
  const lines: Lines = [
    ...HEADER('Hand-written entry: chainLoops.ts.'),
    '/**',
    ' * The hot loops of the width-1 reduced chain (scalarChain.ts) and its draws: stepOneChain (one',
    ' * seed), stepTwoChains (two seeds in turn) and drawSample (ScalarChain.sample). All three draw',
    ' * the same sequence (z, ξ ~ N(0,1), R ~ χ²_{d−2}, ε ~ N(0,1)) from the same specification in',
    ' * the generator, so a seed’s result is the same bit for bit alone, paired in either slot, and',
    ' * replayed through sample(). R ~ χ²_{d−2} is drawn where `// R ~ χ²_{d−2}` marks each loop: a',
    ' * first attempt of the Gamma((d−2)/2) ziggurat (gammaZiggurat.ts), a miss taking the next value',
    ' * of a reserve filled by Rng.chiSquaredMiss.',
    ' */',
    "import { CHAIN_NORMAL_ZIGGURAT } from './normalZiggurat.js';",
    "import type { ScalarChain } from './scalarChain.js';",
    '',
    '/**',
    ` * The normal ziggurat of the chain’s draws (${LAYERS} layers): edges X[i] and core ratios X[i+1]/X[i].`,
    ' * Module-local, as is invSqrt1p: read through an import binding, they cost the loops 5–9 %.',
    ' */',
    'const ZIG_X = CHAIN_NORMAL_ZIGGURAT.x;',
    'const ZIG_RATIO = CHAIN_NORMAL_ZIGGURAT.ratio;',
    '',
    ...constantLines(CHAIN_CONSTANTS),
    '',
    ...INV_SQRT_1P,
    '',
    '/**',
    ' * Up to k steps of one chain with a Gamma ziggurat (d ≥ 5) within its segment, fewer if it',
    ' * finishes. Rules of one sub-step take the projected step written out; others their sub-steps',
    ' * in the plane (stepOnSample’s arithmetic, written out).',
    ' */',
    ...chainLoop('stepOneChain', [{ id: 'A', obj: 'c' }], moduleTables),
    '',
    '/**',
    ' * k steps of two pairable chains in turn (a’s step, then b’s, for each of k steps); stops after',
    ' * the step in which either finishes, the other having done that step too.',
    ' */',
    ...chainLoop('stepTwoChains', [a, b], { x: 'zx', ratio: 'zr' }),
    '',
    '/**',
    ' * stepTwoChains for two chains whose rules take two sub-steps per sample (batch reuse): each',
    ' * chain’s sub-steps in the plane, unrolled, with stepOnSample’s arithmetic (sphereStep.ts).',
    ' */',
    ...chainLoop('stepTwoPlaneChains', [a, b], { x: 'zx', ratio: 'zr' }, true),
    '',
    '/**',
    ' * One step’s draws into out = [z, ξ, R, ε] (ε only with label noise), the chain’s reserves',
    ' * topped up first (ScalarChain.sample). Outputs o₁..o₃ for z, ξ; o₄, o₅ for R (for d ≤ 4',
    ' * R = Rng.chiSquared(d − 2) instead); o₆, o₇ for ε.',
    ' */',
    ...drawSample(moduleTables),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The floor of the chain's step (bench/floor.ts): two chains in turn, each step only what the
 * step must do: the draws of stepDraws without ε (o₁..o₅: z, ξ ~ N(0,1) and R ~ χ²_{d−2} by the
 * same exact samplers and reserves), He₃ written in, c = γ·He₃(u)·He₃'(z) = γ·u(u² − 3)·3(z² − 1)
 * (gamma3 = 3γ), and the one-sub-step update of projectedStep ((1 + e)^{−1/2} by invSqrt1p): no
 * rule or link calls, no clamp, no threshold, no label noise. Leaves the inner loop only to top
 * up a reserve.
 */
function floorLoop(): Lines {
  const chains: readonly Chain[] = [
    { id: 'A', obj: 'a' },
    { id: 'B', obj: 'b' },
  ];
  const t: Tables = { x: 'zx', ratio: 'zr' };
  const each = (f: (ch: Chain) => Lines): Lines => chains.flatMap(f);
  const setup = (ch: Chain): Lines => {
    const { id: v, obj: c } = ch;
    return [
      `const words${v} = ${c}.rng.s;`,
      `const zig${v} = ${c}.zig!;`,
      `const lo${v} = zig${v}.lo;`,
      `const width${v} = zig${v}.width;`,
      `const innerLo${v} = zig${v}.innerLo;`,
      `const innerHi${v} = zig${v}.innerHi;`,
      `const chiOffset${v} = 2 * zig${v}.mode;`,
      `const chiScale${v} = 2 * zig${v}.sigma;`,
      `const missNormals${v} = ${c}.missNormals;`,
      `const missChiSquared${v} = ${c}.missChiSquared;`,
      `const state${v} = ${c}.state;`,
      `let m${v} = state${v}[0]!;`,
      `let root${v} = state${v}[1]!;`,
    ];
  };
  const step = (ch: Chain): Lines => {
    const v = ch.id;
    return [
      `const u${v} = m${v} * z${v} + root${v} * xi${v};`,
      `const coef${v} = gamma3 * u${v} * (u${v} * u${v} - 3) * (z${v} * z${v} - 1); // c = γ·He₃(u)·He₃'(z)`,
      `const e${v} = coef${v} * coef${v} * (xi${v} * xi${v} + r${v});`,
      `const inv${v} = invSqrt1p(e${v}); // (1 + e)^{−1/2}, the engine's series`,
      `const num${v} = m${v} + coef${v} * root${v} * xi${v};`,
      `root${v} = Math.sqrt(1 + e${v} - num${v} * num${v}) * inv${v};`,
      `m${v} = num${v} * inv${v};`,
    ];
  };
  const draws = (ch: Chain): Lines => [
    ...outputs(ch, 1, 5),
    ...normalAttempts(ch),
    ...chiSquaredAttempt(ch),
    ...normalPicks(ch, t),
    ...chiSquaredPick(ch, 'const '),
  ];
  return [
    'export function floorTwoChains(a: ScalarChain, b: ScalarChain, k: number, gamma3: number): void {',
    ...indent([
      'const zx = ZIG_X;',
      'const zr = ZIG_RATIO;',
      ...each(setup),
      'let s = 0;',
      'while (s < k) {',
      ...indent([
        ...each((ch) => [`${ch.obj}.topUp();`]),
        ...each((ch) => [`let normalsLeft${ch.id} = ${ch.obj}.normalsLeft;`, `let chiSquaredLeft${ch.id} = ${ch.obj}.chiSquaredLeft;`]),
        ...each((ch) => loadWords(ch.id, `words${ch.id}`)),
        'for (; s < k; s++) {',
        ...indent([
          `if (${chains.map((ch) => `normalsLeft${ch.id} < 2 || chiSquaredLeft${ch.id} < 1`).join(' || ')}) break;`,
          'let scrambled = 0;',
          'let shifted = 0;',
          ...each(draws),
          ...each(step),
        ]),
        '}',
        ...each((ch) => storeWords(ch.id, `words${ch.id}`)),
        ...each((ch) => [`${ch.obj}.normalsLeft = normalsLeft${ch.id};`, `${ch.obj}.chiSquaredLeft = chiSquaredLeft${ch.id};`]),
      ]),
      '}',
      ...each((ch) => [`state${ch.id}[0] = m${ch.id};`, `state${ch.id}[1] = root${ch.id};`]),
    ]),
    '}',
  ];
}

/** bench/floor.generated.ts: the floor's kernel (floorLoop), for bench/floor.ts. */
export function floorSource(): string {
  const lines: Lines = [
    ...HEADER('Hand-written entry: bench/floor.ts.'),
    '/**',
    ' * The floor of the reduced chain’s step, for the bench only: two He₃ online chains in turn, each',
    ' * step two normals and a χ²_{d−2} variate by the engine’s exact samplers (the same draws as',
    ' * chainLoops.generated.ts) and about twenty flops, nothing else. Not a simulation: no threshold,',
    ' * no noise, no tracker; m and √(1 − m²) are written back to each chain’s state.',
    ' */',
    "import { CHAIN_NORMAL_ZIGGURAT } from '../src/sgd/normalZiggurat.js';",
    "import type { ScalarChain } from '../src/sgd/scalarChain.js';",
    '',
    'const ZIG_X = CHAIN_NORMAL_ZIGGURAT.x;',
    'const ZIG_RATIO = CHAIN_NORMAL_ZIGGURAT.ratio;',
    '',
    ...constantLines(CHAIN_CONSTANTS.filter((c) => !['TWO_POW_52'].includes(c.name))),
    '',
    ...INV_SQRT_1P,
    '',
    '/** k steps of chains a and b in turn (He₃ online, gamma3 = 3γ); the chains need a Gamma ziggurat (d ≥ 5). */',
    ...floorLoop(),
  ];
  return `${lines.join('\n')}\n`;
}

/** Rng.next32: one output of xoshiro128** from the state array. */
function next32(): Lines {
  return [
    'export function xoshiroNext(state: Int32Array): number {',
    ...indent([
      ...loadWords('', 'state'),
      'let scrambled = 0;',
      'let shifted = 0;',
      ...xoshiroStep('', 'out', 'uint32'),
      ...storeWords('', 'state'),
      'return out;',
    ]),
    '}',
  ];
}

/**
 * Rng.fillNormals' first pass: entries in pairs, each pair's first attempts of the 128-layer
 * ziggurat from three outputs o₁, o₂, o₃ (layers o₁, o₂ mod 2⁷; 41-bit values
 * ⌊o₁/2⁷⌋·2¹⁶ + (o₃ mod 2¹⁶) and ⌊o₂/2⁷⌋·2¹⁶ + ⌊o₃/2¹⁶⌋). An attempt outside its layer's core is
 * written as u·X[i] and queued (index, u, layer) for the second pass. Returns the queue's length.
 */
function fillNormalPairs(): Lines {
  const pending = (k: string, u: string, layer: string): Lines => [
    `if (Math.abs(${u}) >= FILL_ZIG_RATIO[${layer}]!) {`,
    ...indent([`pendingIndex[queued] = ${k};`, `pendingU[queued] = ${u};`, `pendingLayer[queued] = ${layer};`, 'queued++;']),
    '}',
  ];
  const use = [
    "the first entry's layer (low 7 bits), the high 25 bits of its U",
    "the second entry's layer, the high 25 bits of its U",
    'the low 16 bits of both Us (low half: first, high half: second)',
  ];
  return [
    'export function fillNormalPairs(',
    ...indent([
      'state: Int32Array,',
      'out: Float64Array,',
      'pairs: number,',
      'pendingIndex: Int32Array,',
      'pendingU: Float64Array,',
      'pendingLayer: Uint8Array,',
    ]),
    '): number {',
    ...indent([
      'let queued = 0;',
      ...loadWords('', 'state'),
      'for (let k = 0; k < pairs; k += 2) {',
      ...indent([
        'let scrambled = 0; // xoshiroStep scratch: s1·5',
        'let shifted = 0; // xoshiroStep scratch: s1 << 9',
        ...[1, 2, 3].flatMap((i) => xoshiroStep('', `o${i}`, `o${['', '₁', '₂', '₃'][i]}: ${use[i - 1]}`)),
        'const layer1 = o1 & FILL_LAYER_MASK;',
        'const u1 = ((o1 >>> FILL_LAYER_BITS) * TWO_POW_16 + (o3 & LOW_16_BITS)) * TWO_POW_MINUS_40 - 1; // uniform on [−1, 1), 41 bits',
        'out[k] = u1 * FILL_ZIG_X[layer1]!; // N(0,1) if |u1| is in the core, else finished by the second pass',
        ...pending('k', 'u1', 'layer1'),
        'const layer2 = o2 & FILL_LAYER_MASK;',
        'const u2 = ((o2 >>> FILL_LAYER_BITS) * TWO_POW_16 + (o3 >>> HIGH_16_SHIFT)) * TWO_POW_MINUS_40 - 1;',
        'out[k + 1] = u2 * FILL_ZIG_X[layer2]!;',
        ...pending('k + 1', 'u2', 'layer2'),
      ]),
      '}',
      ...storeWords('', 'state'),
      'return queued;',
    ]),
    '}',
  ];
}

/** A 53-bit uniform on [0, 1) from outputs hi, lo, as Rng.uniform makes it. */
const uniform53 = (hi: string, lo: string) => `((${hi} >>> 5) * 67108864 + (${lo} >>> 6)) / 9007199254740992`;

/** A miss loop's hand-off: the state stored, out[q] = `call`, the state loaded again. */
const handOff = (call: string): Lines => [...storeWords('', 'state'), `out[q] = ${call};`, ...[0, 1, 2, 3].map((j) => `s${j} = state[${j}]!;`)];

/** A miss loop's first lines for an entry: the xoshiroStep scratch, then `name` from the alias table (prob, alias) by a 53-bit uniform (o₁, o₂). */
function aliasDraw(name: string, what: string): Lines {
  return [
    'let scrambled = 0; // xoshiroStep scratch: s1·5',
    'let shifted = 0; // xoshiroStep scratch: s1 << 9',
    ...xoshiroStep('', 'o1', `o₁: the high 27 bits of the ${what}'s uniform`),
    ...xoshiroStep('', 'o2', 'o₂: its low 26 bits'),
    `const column = ${uniform53('o1', 'o2')} * columns; // AliasTable.pick`,
    'const j = Math.floor(column);',
    `const ${name} = column - j < prob[j]! ? j : alias[j]!;`,
  ];
}

/**
 * Rng.fillNormalMisses' loop: out[from..to) = Rng.normalMiss(z) each, its draws and arithmetic
 * written out with the generator's state in locals. Per entry: the layer i by z.missLayer from a
 * 53-bit uniform (o₁, o₂), |u| uniform on [ratio[i], 1) with a sign (o₃, o₄), and normalSlow's
 * first round: the wedge's height (o₅, o₆), its chord and tangent squeezes and e^{−x²/2}, and
 * after a rejection the fresh attempt (o₇, o₈). What is left — layer 0's tail, and a fresh
 * attempt that misses its core — is `rest(u, i)` (Rng.normalSlow from that attempt), with the
 * state stored before and loaded after: the same outputs in the same order as normalMiss.
 */
function fillNormalMisses(): Lines {
  const rest = (u: string, i: string) => handOff(`rest(${u}, ${i})`);
  return [
    'export function fillNormalMisses(',
    ...indent(['state: Int32Array,', 'z: NormalZiggurat,', 'out: Float64Array,', 'from: number,', 'to: number,', 'rest: (u: number, i: number) => number,']),
    '): void {',
    ...indent([
      'const { x: xs, ratio, f, chord } = z;',
      'const { prob, alias } = z.missLayer;',
      'const columns = prob.length;',
      'const mask = z.layers - 1;',
      ...loadWords('', 'state'),
      'for (let q = from; q < to; q++) {',
      ...indent([
        ...aliasDraw('i', 'layer'),
        ...xoshiroStep('', 'o3', "o₃: the high 27 bits of the uniform of u's size and sign"),
        ...xoshiroStep('', 'o4', 'o₄: its low 26 bits'),
        `const t = 2 * ${uniform53('o3', 'o4')} - 1;`,
        'const r = ratio[i]!;',
        'const size = r + Math.abs(t) * (1 - r);',
        'const u = t < 0 ? -size : size;',
        'if (i === 0) {',
        ...indent(rest('u', '0')),
        ...indent(['continue;']),
        '}',
        'const x = u * xs[i]!;',
        'const top = f[i + 1]!;',
        ...xoshiroStep('', 'o5', "o₅: the high 27 bits of the wedge height's uniform"),
        ...xoshiroStep('', 'o6', 'o₆: its low 26 bits'),
        `const y = top - ${uniform53('o5', 'o6')} * (top - f[i]!);`,
        'const delta = Math.abs(x) - xs[i + 1]!;',
        'if (y < top - chord[i]! * delta) {',
        ...indent(['out[q] = x;', 'continue;']),
        '}',
        'const k = xs[i + 1]! * delta;',
        'if (y < top * (1 - k + 0.5 * k * k) && y < Math.exp(-0.5 * x * x)) {',
        ...indent(['out[q] = x;', 'continue;']),
        '}',
        ...xoshiroStep('', 'o7', "o₇: the high 32 bits of a fresh attempt's U"),
        ...xoshiroStep('', 'o8', "o₈: the fresh attempt's layer (low bits), the low 21 bits of its U"),
        `const fresh = (o7 * ${chainConstant('TWO_POW_21')} + (o8 >>> ${chainConstant('HIGH_21_SHIFT')})) / ${chainConstant('TWO_POW_52')} - 1;`,
        'const layer = o8 & mask;',
        'if (Math.abs(fresh) < ratio[layer]!) {',
        ...indent(['out[q] = fresh * xs[layer]!;', 'continue;']),
        '}',
        ...rest('fresh', 'layer'),
      ]),
      '}',
      ...storeWords('', 'state'),
    ]),
    '}',
  ];
}

/**
 * Rng.fillChiSquaredMisses' loop: out[from..to) = Rng.chiSquaredMiss(zig) each, written out like
 * fillNormalMisses: the region and side by zig.missSide (o₁, o₂), U on that side's share (o₃, o₄),
 * and gammaZigguratSlow's first round — the wedge's height (o₅, o₆), its chord and tangent
 * squeezes and the density, and after a rejection the fresh attempt (o₇, o₈). Region 0's tails
 * and a fresh attempt outside its core go to `rest(zig, u, i)` (2·Rng.gammaZigguratSlow).
 */
function fillChiSquaredMisses(): Lines {
  const rest = (u: string, i: string) => handOff(`rest(zig, ${u}, ${i})`);
  const accept = (x: string) => [`out[q] = 2 * (mode + sigma * ${x});`, 'continue;'];
  return [
    'export function fillChiSquaredMisses(',
    ...indent([
      'state: Int32Array,',
      'zig: GammaZiggurat,',
      'out: Float64Array,',
      'from: number,',
      'to: number,',
      'rest: (zig: GammaZiggurat, u: number, i: number) => number,',
    ]),
    '): void {',
    ...indent([
      'const { lo, width, innerLo, innerHi, level, mode, sigma, chordLeft, chordRight, tangentLeft, tangentRight } = zig;',
      'const { prob, alias } = zig.missSide;',
      'const columns = prob.length;',
      'const mask = lo.length - 1; // the region count is a power of 2',
      ...loadWords('', 'state'),
      'for (let q = from; q < to; q++) {',
      ...indent([
        ...aliasDraw('side', 'side'),
        '// region side >> 1, on its left (side even) or right (odd)',
        'const i = side >> 1;',
        'const w = width[i]!;',
        'const share = (side & 1) === 0 ? (innerLo[i]! - lo[i]!) / w : (lo[i]! + w - innerHi[i]!) / w;',
        ...xoshiroStep('', 'o3', "o₃: the high 27 bits of U's uniform"),
        ...xoshiroStep('', 'o4', 'o₄: its low 26 bits'),
        `const v = ${uniform53('o3', 'o4')} * share;`,
        'const u = (side & 1) === 0 ? v : 1 - share + v;',
        'const x = lo[i]! + u * width[i]!;',
        'if (x > innerLo[i]! && x < innerHi[i]!) {',
        ...indent(accept('x')),
        '}',
        'if (i === 0) {',
        ...indent([...rest('u', '0'), 'continue;']),
        '}',
        'const top = level[i + 1]!;',
        ...xoshiroStep('', 'o5', "o₅: the high 27 bits of the wedge height's uniform"),
        ...xoshiroStep('', 'o6', 'o₆: its low 26 bits'),
        `const y = level[i]! + ${uniform53('o5', 'o6')} * (top - level[i]!);`,
        'const left = x <= innerLo[i]!;',
        'const delta = left ? innerLo[i]! - x : x - innerHi[i]!;',
        'if (y < top - (left ? chordLeft[i]! : chordRight[i]!) * delta) {',
        ...indent(accept('x')),
        '}',
        'const k = (left ? tangentLeft[i]! : tangentRight[i]!) * delta;',
        'if (y < top * (1 - k + 0.5 * k * k) && y < Math.exp(-mode * logRatioDefect(x / sigma))) {',
        ...indent(accept('x')),
        '}',
        ...xoshiroStep('', 'o7', "o₇: the high 32 bits of a fresh attempt's U"),
        ...xoshiroStep('', 'o8', 'o₈: its region (low bits), the low 21 bits of its U'),
        `const fresh = (o7 * ${chainConstant('TWO_POW_21')} + (o8 >>> ${chainConstant('HIGH_21_SHIFT')})) / ${2 ** 53};`,
        'const region = o8 & mask;',
        'const x2 = lo[region]! + fresh * width[region]!;',
        'if (x2 > innerLo[region]! && x2 < innerHi[region]!) {',
        ...indent(accept('x2')),
        '}',
        ...rest('fresh', 'region'),
      ]),
      '}',
      ...storeWords('', 'state'),
    ]),
    '}',
  ];
}

/** src/sgd/xoshiro.generated.ts */
export function xoshiroSource(): string {
  const lines: Lines = [
    ...HEADER('Hand-written entry: rng.ts.'),
    '/**',
    ' * The xoshiro128** step where Rng uses it with the state in locals: xoshiroNext (Rng.next32),',
    ' * fillNormalPairs (the first pass of Rng.fillNormals), fillNormalMisses and fillChiSquaredMisses',
    ' * (the loops of the Rng methods of those names), from the generator’s one xoshiroStep.',
    ' */',
    "import { type GammaZiggurat, logRatioDefect } from './gammaZiggurat.js';",
    "import { type NormalZiggurat, RNG_NORMAL_ZIGGURAT } from './normalZiggurat.js';",
    '',
    '/** Doornik’s 128-layer ziggurat of Rng.fillNormals: edges X[i] and core ratios X[i+1]/X[i] (module-local, as in chainLoops.generated.ts). */',
    'const FILL_ZIG_X = RNG_NORMAL_ZIGGURAT.x;',
    'const FILL_ZIG_RATIO = RNG_NORMAL_ZIGGURAT.ratio;',
    '',
    ...constantLines(FILL_CONSTANTS),
    '',
    '/** One output of xoshiro128** (uint32), advancing `state` (s0..s3 as int32). */',
    ...next32(),
    '',
    '/**',
    ' * The first pass of Rng.fillNormals over out[0..pairs): first attempts of the 128-layer',
    ' * ziggurat, three outputs per pair; an attempt outside its layer’s core is queued',
    ' * in pendingIndex/pendingU/pendingLayer for the second pass. Returns the number queued.',
    ' */',
    ...fillNormalPairs(),
    '',
    '/**',
    ' * Rng.fillNormalMisses: out[from..to) = Rng.normalMiss(z) each, the state in locals; layer 0’s',
    ' * tail and a fresh attempt that misses its core go to rest(u, i) (Rng.normalSlow) with the state',
    ' * stored before and loaded after, so the outputs are drawn in normalMiss’s order.',
    ' */',
    ...fillNormalMisses(),
    '',
    '/**',
    ' * Rng.fillChiSquaredMisses: out[from..to) = Rng.chiSquaredMiss(zig) each, the state in locals;',
    ' * region 0’s tails and a fresh attempt outside its core go to rest(zig, u, i)',
    ' * (2·Rng.gammaZigguratSlow) with the state stored before and loaded after.',
    ' */',
    ...fillChiSquaredMisses(),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The width-N Gram-chain loop (src/sgd/gramChain.generated.ts) from its hand-written template
 * (gramChain.template.ts.txt beside this file): every line `// @xoshiro NAME` becomes one
 * xoshiro128** step whose 32-bit output is `const NAME`, the same emitter as the width-1 loops.
 */
export function gramChainSource(): string {
  const template = readFileSync(fileURLToPath(new URL('./gramChain.template.ts.txt', import.meta.url)), 'utf8');
  const body = template.split('\n').flatMap((line) => {
    const m = /^(\s*)\/\/ @xoshiro (\w+)$/.exec(line);
    return m ? xoshiroStep('', m[2]!, 'uint32').map((l) => m[1]! + l) : [line];
  });
  const header = [
    '// Generated by src/sgd/generate/chainLoops.gen.ts from src/sgd/generate/gramChain.template.ts.txt: do not',
    '// edit. Change the template and run  node --import tsx src/sgd/generate/chainLoops.gen.ts',
    '// (test/sgd/generated.test.ts checks that this file is its output).',
  ];
  return `${[...header, ...body].join('\n').trimEnd()}\n`;
}

/** The generated files, by path from the repository's root. */
export function generatedFiles(): Record<string, string> {
  return {
    'src/sgd/chainLoops.generated.ts': chainLoopsSource(),
    'src/sgd/xoshiro.generated.ts': xoshiroSource(),
    'src/sgd/gramChain.generated.ts': gramChainSource(),
    'bench/floor.generated.ts': floorSource(),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  for (const [path, text] of Object.entries(generatedFiles())) {
    writeFileSync(root + path, text);
    console.log(`wrote ${path}`);
  }
}
