/**
 * Generator of the SIMD steps of the width-1 reduced chain (WebAssembly, 128-bit SIMD):
 * the module's text (simdChainWat; `--wat FILE` writes it out to read), assembled by wabt into
 * src/sgd/simdChain.generated.ts (the binary as base64 and the memory layout), and the bench's
 * floors of every chain in the same technique (bench/floorSimd.generated.ts). Run
 *   node --import tsx src/sgd/generate/simdChain.gen.ts
 * after a change here; test/sgd/generated.test.ts checks the files are this output.
 *
 * One call of `steps_<algorithm>[_noise]` steps four chains (lanes 0..3) of one group, and of
 * `steps_<algorithm>[_noise]_8` eight (lanes 0..7: two sets of four, each with its own generator
 * vectors, in one loop whose two halves the processor overlaps) — the same
 * algorithm and rates, d, τ, label noise, and links that are polynomials (compileForSpeed's
 * closures; a custom ψ by compileOracleForSpeed) — in lockstep, with exactly the draws and the
 * arithmetic of the two-chain loops (chainLoops.generated.ts), operation for operation, so every
 * seed's trajectory is the same bit for bit whichever loop steps it:
 * - the four xoshiro128** generators as the lanes of i32x4 vectors, outputs o₁..o₅ (o₆, o₇ with
 *   label noise) a step;
 * - z, ξ (normal ziggurat, 2048 layers), R (Gamma ziggurat of the group's d) and ε by their first
 *   attempts, lanes 0–1 and 2–3 in f64x2 vectors; a lane whose attempt misses its core takes the
 *   next value of its own reserve (z, ξ, ε from the normals, R from the χ²), scalar, on a
 *   branch taken in a few per cent of steps;
 * - the polynomials by Horner's rule from the top, entered by a jump on their length
 *   (acc = q_j + x·acc as in compileForSpeed), the coefficient c = rate·ψ(y, z) written as each
 *   algorithm's rule writes it (rule.ts), and the projected step as the loops write it: one
 *   sub-step with invSqrt1p's three branches per lane, or batch reuse's two sub-steps in the plane.
 * The call stops before a step for which a lane's reserve could run out (the caller tops it up,
 * as the loops do), and after a step in which a lane's |m| reaches τ or is NaN (event flag).
 * WebAssembly's f64 arithmetic, √, division and min/max are IEEE 754 as JavaScript's are, so
 * equal operations in equal order give equal bits.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chainConstant as C, INV_SQRT_SERIES } from './chainLoops.gen.js';
import { SIMD_ALGORITHMS, SIMD_FLOORS, simdExport, type SimdAlgorithm, type SimdFloor } from '../simdExports.js';
import { MAX_FAST_LENGTH } from '../../expr/compile.js';

/** Byte offsets in the kernel's memory (SIMD_PAGES pages of 64 KiB). */
export const SIMD_LAYOUT = {
  /** normal ziggurat: (x, ratio) of each of the 2048 layers, 16 bytes a layer */
  zigNormal: 0,
  /** Gamma ziggurat of the group's d: (lo, width, innerLo, innerHi) of each of the 2048 regions, 32 bytes a region */
  zigGamma: 32768,
  /** per set of four lanes (64 bytes a set), xoshiro128** words s0..s3, each an i32x4 of its four lanes */
  rng: 98304,
  /** float64 per lane (lanes 0..7): m, √(1 − m²), e of the last step (∞: it overflowed), m before it */
  m: 98432,
  root: 98496,
  e: 98560,
  mBefore: 98624,
  /** int32 per lane: reserve counts (normals, χ²); int32: the event flag */
  normalsLeft: 98688,
  chiSquaredLeft: 98720,
  event: 98752,
  /** polynomial slots (SLOT bytes each): σ*, σ, σ', then ψ's q₀(z)..q₃(z) for ψ = Σ yⁱ qᵢ(z) */
  slots: 98816,
  /** float64 per lane: the second-layer weight a of each lane (alternating with 'carry') */
  secondLayer: 99712,
  /** per set 64 bytes: the table offsets of its z, ξ, R and ε attempts (four int32 each), stored to be read as scalars */
  offsets: 99776,
  /** per lane 64 float64: the reserves of normals, then of χ²_{d−2} */
  missNormals: 100352,
  missChiSquared: 104448,
} as const;
/** Pages of 64 KiB the kernel's memory has: the layout's last region ends at 108544. */
const SIMD_PAGES = 2;

/** Sets of four lanes (one i32x4 of generators each) a kernel steps in one loop: the four-lane step and the wide one. */
const SET_COUNTS = [1, 2] as const;
/** Lanes of the widest kernel (the memory layout holds this many). */
export const SIMD_MAX_LANES = 4 * Math.max(...SET_COUNTS);

/**
 * A polynomial slot: int32 form (0 plain, 1 even, 2 odd), int32 length, int32 present (a ψ term),
 * then the coefficients (float64, lowest first) from byte 16.
 */
export const SIMD_SLOT = 128;
/** Slots: σ*, the student σ, its derivative σ', and ψ's terms q₀..q₃. */
export const SIMD_SLOT_TARGET = 0;
export const SIMD_SLOT_STUDENT = 1;
export const SIMD_SLOT_DERIVATIVE = 2;
export const SIMD_SLOT_PSI = 3;
/** ψ terms a slot set holds (ψ of degree ≤ 3 in y). */
export const SIMD_PSI_TERMS = 4;
/** Coefficients a slot holds: compileForSpeed's limit (degree ≤ 12), so every FastPolynomial fits. */
const SIMD_MAX_COEFFICIENTS = MAX_FAST_LENGTH;
if (16 + 8 * SIMD_MAX_COEFFICIENTS > SIMD_SLOT) throw new Error('simdChain.gen: a polynomial slot is too small for compileForSpeed’s coefficients');
/** Reserve values per lane (scalarChain.ts' RESERVE). */
export const SIMD_RESERVE = 64;
{
  const layers = 2 ** C('INDEX_BITS');
  const L = SIMD_LAYOUT;
  if (L.zigGamma - L.zigNormal < 16 * layers || L.rng - L.zigGamma < 32 * layers || L.missChiSquared + SIMD_MAX_LANES * 8 * SIMD_RESERVE > 65536 * SIMD_PAGES)
    throw new Error('simdChain.gen: the memory layout does not hold the tables of INDEX_BITS or the reserves');
}

const L = SIMD_LAYOUT;
const slotAt = (slot: number) => L.slots + SIMD_SLOT * slot;
const get = (n: string) => `(local.get $${n})`;
const set = (n: string, v: string) => `(local.set $${n} ${v})`;
/** A float64 literal in the text format (nan, inf). */
const literal = (x: number) => (Number.isNaN(x) ? 'nan' : x === Number.POSITIVE_INFINITY ? 'inf' : String(x));
const f2 = (x: number) => `(f64x2.splat (f64.const ${literal(x)}))`;
const i4 = (x: number) => `(i32x4.splat (i32.const ${x}))`;
const zero = '(i32.const 0)';
const add = (a: string, b: string) => `(f64x2.add ${a} ${b})`;
const sub = (a: string, b: string) => `(f64x2.sub ${a} ${b})`;
const mul = (a: string, b: string) => `(f64x2.mul ${a} ${b})`;
const div = (a: string, b: string) => `(f64x2.div ${a} ${b})`;
const sqrt = (a: string) => `(f64x2.sqrt ${a})`;
const lt = (a: string, b: string) => `(f64x2.lt ${a} ${b})`;
const bitselect = (a: string, b: string, mask: string) => `(v128.bitselect ${a} ${b} ${mask})`;
/**
 * a clamped to [−1, 1] by pmin/pmax (b < a ? b : a, a < b ? b : a: one instruction each, where
 * min/max take several for their NaN and ±0 rules, on the chain from m to m'): the same bits as
 * Math.min/Math.max for every number; a NaN stays a NaN (its payload is never read: a NaN m is a
 * divergence, whose record keeps m before the step).
 */
const clamp = (a: string) => `(f64x2.pmin (f64x2.pmax ${a} ${f2(-1)}) ${f2(1)})`;
/** o >>> k in every lane of the i32x4 local o */
const shiftRight = (o: string, k: number) => `(i32x4.shr_u ${get(o)} (i32.const ${k}))`;
const rotl = (x: string, k: number) => `(v128.or (i32x4.shl ${x} (i32.const ${k})) (i32x4.shr_u ${x} (i32.const ${32 - k})))`;
/** lanes 2, 3 of an i32x4 moved to lanes 0, 1 */
const high = (v: string) => `(i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 ${v} ${v})`;
/** lanes (0, 1) or (2, 3) of an i32x4 of unsigned integers as f64x2 */
const toF64 = (v: string, half: 0 | 1) => `(f64x2.convert_low_i32x4_u ${half === 0 ? v : high(v)})`;
/** Bits of an output above its ziggurat index (INDEX_BITS, 11): the high part of every attempt's uniform. */
const HIGH_BITS = 32 - C('INDEX_BITS');
/** The top 20 bits of a float64's 52-bit significand are in its high word. */
const HIGH_WORD_SIGNIFICAND = 20;
/**
 * The words of the float64 2^e·(1 + K·2⁻ⁿ) of the n-bit integer K = ⌊o/2ᵏ⌋·2^b + low (k =
 * INDEX_BITS = 11, low < 2^b, n = 21 + b ≤ 52) in every lane of a set, from its bits: the high
 * word is e's word (exponent and sign) | ⌊K/2^{n−20}⌋ = ⌊o/2¹²⌋, the low word (K·2^{52−n}) mod 2³²
 * = (⌊o/2ᵏ⌋ mod 2)·2³¹ | low·2^{52−n}. Then U = 2 + K·2⁻³⁶ − 3 (z, ξ: e = 1, n = 37) or
 * 1 + K·2⁻⁴² − 1 (R: e = 0, n = 42) is exactly the loops' K·2⁻³⁶ − 1 or K·2⁻⁴² (every step exact), in fewer operations: by
 * conversions (V8 lowers f64x2.convert_low_i32x4_u to two instructions on x86-64), each U took
 * four conversions, a shuffle and four operations a half.
 */
function significandWords(hi: string, lo: string, o: string, low: string, b: number, exponentWord: number): string[] {
  const n = HIGH_BITS + b;
  const spare = HIGH_BITS - HIGH_WORD_SIGNIFICAND; // bits of ⌊o/2ᵏ⌋ in the low word
  if (spare < 1 || spare > 31) throw new Error('simdChain.gen: significandWords needs 1 to 31 bits of the high part in the low word');
  const topMask = (~0 << (32 - spare)) | 0;
  return [
    set(hi, `(v128.or ${shiftRight(o, C('INDEX_BITS') + spare)} ${i4(exponentWord)})`),
    set(lo, `(v128.or (v128.and (i32x4.shl ${get(o)} (i32.const ${32 - spare - C('INDEX_BITS')})) ${i4(topMask)}) (i32x4.shl ${low} (i32.const ${52 - n})))`),
  ];
}
/** The float64 of lanes (0, 1) or (2, 3) of a set whose words significandWords wrote into lo, hi. */
const fromWords = (lo: string, hi: string, half: 0 | 1) => {
  const lanes = half === 0 ? [0, 1] : [2, 3];
  const bytes = lanes.flatMap((l) => [0, 1, 2, 3].map((i) => 4 * l + i).concat([0, 1, 2, 3].map((i) => 16 + 4 * l + i)));
  return `(i8x16.shuffle ${bytes.join(' ')} ${get(lo)} ${get(hi)})`;
};
/** Exponent words of 2 and 1 (float64 high words with an empty significand). */
const TWO_WORD = 0x40000000;
const ONE_WORD = 0x3ff00000;

/** The 16 bytes at table + offset (the i32 local `index` + its lane in the set) of a lane: two float64 of its record. */
const record = (table: number, index: string, lane: number, offset = 0) => `(v128.load offset=${table + offset} ${get(`${index}${lane % 4}`)})`;
/** Float64 `field` (0 or 1) of two lanes' 16-byte records a, b, as an f64x2 (a's in lane 0). */
const field = (a: string, b: string, f: 0 | 1) => {
  const bytes = (base: number) => Array.from({ length: 8 }, (_, i) => base + 8 * f + i);
  return `(i8x16.shuffle ${[...bytes(0), ...bytes(16)].join(' ')} ${a} ${b})`;
};

/** The halves (two lanes, one f64x2) of a kernel's lanes: lanes 2h and 2h + 1 of set ⌊h/2⌋. */
const HALVES = ['L', 'H', 'L2', 'H2'] as const;
/** The locals of set `set`'s generator words s0..s3. */
const word = (j: number, set: number) => `s${j}${set === 0 ? '' : `_${set}`}`;

/** One xoshiro128** output of every lane of a set into `out`, advancing its s0..s3 (chainLoops.gen.ts' step). */
function xoshiro(out: string, g: number): string[] {
  const [s0, s1, s2, s3] = [0, 1, 2, 3].map((j) => word(j, g)) as [string, string, string, string];
  return [
    set(out, `(i32x4.mul ${rotl(`(i32x4.mul ${get(s1)} ${i4(5)})`, 7)} ${i4(9)})`),
    set('t', `(i32x4.shl ${get(s1)} (i32.const 9))`),
    set(s2, `(v128.xor ${get(s2)} ${get(s0)})`),
    set(s3, `(v128.xor ${get(s3)} ${get(s1)})`),
    set(s1, `(v128.xor ${get(s1)} ${get(s2)})`),
    set(s0, `(v128.xor ${get(s0)} ${get(s3)})`),
    set(s2, `(v128.xor ${get(s2)} ${get('t')})`),
    set(s3, rotl(get(s3), 11)),
  ];
}

let labels = 0;

/**
 * out = p(v) for the polynomial in `slot`: acc = q_{n−1}, then acc = q_j + x·acc for j = n−2..0
 * (a jump on n enters the unrolled chain at its place), x = v (plain) or v² (even, odd), times v
 * when odd; 0 when n = 0 (form and n in the locals form<slot>, len<slot>, read once per call) — the operations of compileForSpeed's closures (horner in compile.ts;
 * a + b = b + a and a·b = b·a exactly in IEEE arithmetic).
 */
function polynomial(out: string, v: string, slot: number): string[] {
  const at = slotAt(slot);
  const id = labels++;
  const n = SIMD_MAX_COEFFICIENTS;
  const coefficient = (j: number) => `(v128.load64_splat offset=${at + 16 + 8 * j} ${zero})`;
  const form = get(`form${slot}`);
  const len = get(`len${slot}`);
  const lines = [
    set('x', `(select (result v128) ${get(v)} ${mul(get(v), get(v))} (i32.eqz ${form}))`),
    set('acc', f2(0)),
    `(if ${len} (then ${set('acc', `(v128.load64_splat offset=${at + 8} (i32.shl ${len} (i32.const 3)))`)}))`,
  ];
  for (let k = 0; k <= n; k++) lines.push(`(block $p${id}_${k}`);
  lines.push(`(br_table ${Array.from({ length: n + 1 }, (_, k) => `$p${id}_${k}`).join(' ')} $p${id}_0 ${len})`);
  for (let k = n; k >= 0; k--) {
    lines.push(')');
    if (k >= 2) lines.push(set('acc', add(coefficient(k - 2), mul(get('x'), get('acc')))));
  }
  lines.push(set(out, `(select (result v128) ${mul(get(v), get('acc'))} ${get('acc')} (i32.eq ${form} (i32.const 2)))`));
  return lines;
}

/**
 * out = ψ(y, z) = Σ_{i<T} yⁱ·qᵢ(z) as compileOracleForSpeed evaluates it: acc = q_{T−1}(z), then
 * acc = acc·y, plus qᵢ(z) where the term is present, for i = T−2..0 (T from the first slot's
 * int32 at byte 12; 0 when T = 0).
 */
function oracle(out: string, y: string, z: string): string[] {
  const terms = get('psiTerms');
  const lines = [set('psi', f2(0))];
  for (let i = SIMD_PSI_TERMS - 1; i >= 0; i--) {
    const present = get(`present${SIMD_SLOT_PSI + i}`);
    lines.push(`(if (i32.eq ${terms} (i32.const ${i + 1})) (then`, ...polynomial('psi', z, SIMD_SLOT_PSI + i), '))');
    lines.push(`(if (i32.gt_s ${terms} (i32.const ${i + 1})) (then`, set('psi', mul(get('psi'), get(y))));
    lines.push(`(if ${present} (then`, ...polynomial('q', z, SIMD_SLOT_PSI + i), set('psi', add(get('psi'), get('q'))), '))', '))');
  }
  lines.push(set(out, get('psi')));
  return lines;
}

/** A lane that missed its core (mask lane 0) takes reserve[lane][--count[lane]] into `value`. */
function takeReserve(value: string, mask: string, lane: number, counts: number, reserve: number): string[] {
  const inHalf = lane % 2;
  return [
    `(if (i64.eqz (i64x2.extract_lane ${inHalf} ${get(mask)})) (then`,
    set('n', `(i32.sub (i32.load offset=${counts + 4 * lane} ${zero}) (i32.const 1))`),
    `(i32.store offset=${counts + 4 * lane} ${zero} (local.get $n))`,
    set(value, `(f64x2.replace_lane ${inHalf} ${get(value)} (f64.load offset=${reserve + 512 * lane} (i32.shl (local.get $n) (i32.const 3))))`),
    '))',
  ];
}

/** Σ by Horner from the top: c₀ − e·(c₁ − e·(c₂ − …)), invSqrt1p's alternating series. */
const alternatingSeries = (e: string, cs: readonly number[]): string =>
  cs.length === 1 ? f2(cs[0]!) : sub(f2(cs[0]!), mul(e, alternatingSeries(e, cs.slice(1))));

/** inv = invSqrt1p(e) per lane: the short series below 2⁻¹⁶ (all lanes: no select), the series to e⁵ below 2⁻¹⁰, else 1/√(1 + e), NaN when e is ∞ or NaN. */
function invSqrt1p(): string[] {
  const e = get('e');
  const longSeries = alternatingSeries(e, INV_SQRT_SERIES.long);
  const reciprocalRoot = div(f2(1), sqrt(add(f2(1), e)));
  return [
    set('inv', alternatingSeries(e, INV_SQRT_SERIES.short)),
    `(if (i32.eqz (i64x2.all_true ${lt(e, f2(INV_SQRT_SERIES.shortLimit))})) (then`,
    set(
      'inv',
      bitselect(
        get('inv'),
        bitselect(longSeries, bitselect(reciprocalRoot, f2(Number.NaN), lt(e, f2(Number.POSITIVE_INFINITY))), lt(e, f2(INV_SQRT_SERIES.limit))),
        lt(e, f2(INV_SQRT_SERIES.shortLimit)),
      ),
    ),
    '))',
  ];
}

/** Whether the kernel is one of the bench's floors (He₃ written in, no checks, no event). */
const isFloor = (k: Kernel): boolean => (SIMD_FLOORS as readonly string[]).includes(k.algorithm);

interface Kernel {
  readonly algorithm: SimdAlgorithm | SimdFloor;
  readonly noise: boolean;
  /** sets of four lanes stepped together (1 or 2) */
  readonly sets: number;
}

/** The draws of the lanes of one half (h: lanes 2h, 2h + 1) once their set's o₁..o₅ (o₆, o₇) are drawn. */
function draws(halfIndex: number, k: Kernel): string[] {
  const h = HALVES[halfIndex]!;
  const half = (halfIndex % 2) as 0 | 1; // the half of its set's i32x4
  const lanes = [2 * halfIndex, 2 * halfIndex + 1];
  const [a, b] = lanes as [number, number];
  // the uniforms from their bits (significandWords): z's and ξ's U = (2 + K·2⁻³⁶) − 3, R's (1 + K·2⁻⁴²) − 1
  const rU = sub(fromWords('rLo', 'rHi', half), f2(1));
  const lines = [
    `;; lanes ${lanes.join(', ')}: the draws (first attempts, as chainLoops.gen.ts writes them)`,
    set('uz', sub(fromWords('zLo', 'zHi', half), f2(3))),
    set('ux', sub(fromWords('xLo', 'xHi', half), f2(3))),
    // each lane's records: (x, ratio) of its normal layers, (lo, width), (innerLo, innerHi) of its Gamma region
    set('za', record(L.zigNormal, 'iz', a)),
    set('zb', record(L.zigNormal, 'iz', b)),
    set('xa', record(L.zigNormal, 'ix', a)),
    set('xb', record(L.zigNormal, 'ix', b)),
    set('ga', record(L.zigGamma, 'ir', a)),
    set('gb', record(L.zigGamma, 'ir', b)),
    set('ha', record(L.zigGamma, 'ir', a, 16)),
    set('hb', record(L.zigGamma, 'ir', b, 16)),
    set('g', add(field(get('ga'), get('gb'), 0), mul(rU, field(get('ga'), get('gb'), 1)))),
    set('okz', lt(`(f64x2.abs ${get('uz')})`, field(get('za'), get('zb'), 1))),
    set('okx', lt(`(f64x2.abs ${get('ux')})`, field(get('xa'), get('xb'), 1))),
    set('okr', `(v128.and (f64x2.gt ${get('g')} ${field(get('ha'), get('hb'), 0)}) ${lt(get('g'), field(get('ha'), get('hb'), 1))})`),
    set(`z${h}`, mul(get('uz'), field(get('za'), get('zb'), 0))),
    set(`xi${h}`, mul(get('ux'), field(get('xa'), get('xb'), 0))),
    set(`r${h}`, add(get('chiOffset'), mul(get('chiScale'), get('g')))),
  ];
  let ok = `(v128.and (v128.and ${get('okz')} ${get('okx')}) ${get('okr')})`;
  if (k.noise) {
    // ε's U: (o₆·2²¹ + ⌊o₇/2¹¹⌋)/2⁵² − 1, 53 bits
    const uEps = sub(div(add(mul(toF64(get('o6'), half), f2(C('TWO_POW_21'))), toF64(get('le'), half)), f2(C('TWO_POW_52'))), f2(1));
    lines.push(
      set('ue', uEps),
      set('ea', record(L.zigNormal, 'ie', a)),
      set('eb', record(L.zigNormal, 'ie', b)),
      set('oke', lt(`(f64x2.abs ${get('ue')})`, field(get('ea'), get('eb'), 1))),
      set(`eps${h}`, mul(get('ue'), field(get('ea'), get('eb'), 0))),
    );
    ok = `(v128.and ${ok} ${get('oke')})`;
  }
  lines.push(
    `(if (i32.eqz (i64x2.all_true ${ok})) (then`,
    ...lanes.flatMap((lane) => [
      ...takeReserve(`z${h}`, 'okz', lane, L.normalsLeft, L.missNormals),
      ...takeReserve(`xi${h}`, 'okx', lane, L.normalsLeft, L.missNormals),
      ...takeReserve(`r${h}`, 'okr', lane, L.chiSquaredLeft, L.missChiSquared),
      ...(k.noise ? takeReserve(`eps${h}`, 'oke', lane, L.normalsLeft, L.missNormals) : []),
    ]),
    '))',
  );
  return lines;
}

/** c = rate·ψ(y, z) as the algorithm's rule writes it (rule.ts), for sub-step `subStep` at preactivation `z` of the lanes of half `h`. */
function coefficient(out: string, k: Kernel, z: string, subStep: 0 | 1, h: string): string[] {
  switch (k.algorithm) {
    case 'floor': // γ·He₃(u)·He₃'(z) as the floor writes it: gamma3·u·(u·u − 3)·(z·z − 1)
      return [set(out, mul(mul(mul(get('rate0'), get('u')), sub(mul(get('u'), get('u')), f2(3))), sub(mul(get(z), get(z)), f2(1))))];
    case 'floor-batch-reuse': // sub-step k: 3·(k = 0 ? η : γ)·y·(z·z − 1), y = He₃(u) computed once
      return [set(out, mul(mul(get(subStep === 0 ? 'rate0' : 'rate1'), get('y')), sub(mul(get(z), get(z)), f2(1))))];
    case 'floor-alternating': // 3γ·(a + η·y·z·(z·z − 3))·y·(z·z − 1), rates (3γ, a, η)
      return [
        set('q', mul(get(z), get(z))),
        set(
          out,
          mul(mul(mul(get('rate0'), add(get('rate1'), mul(mul(get('rate2'), get('y')), mul(get(z), sub(get('q'), f2(3)))))), get('y')), sub(get('q'), f2(1))),
        ),
      ];
    case 'online': // r₀·y·σ'(z)
      return [...polynomial('dz', z, SIMD_SLOT_DERIVATIVE), set(out, mul(mul(get('rate0'), get('y')), get('dz')))];
    case 'batch-reuse': // (k = 0 ? η : γ)·y·σ'(z)
      return [...polynomial('dz', z, SIMD_SLOT_DERIVATIVE), set(out, mul(mul(get(subStep === 0 ? 'rate0' : 'rate1'), get('y')), get('dz')))];
    case 'alternating': // 'reset': γ·(a + η·y·σ(z))·y·σ'(z), rates (γ, a, η)
      return [
        ...polynomial('sz', z, SIMD_SLOT_STUDENT),
        ...polynomial('dz', z, SIMD_SLOT_DERIVATIVE),
        set(out, mul(mul(mul(get('rate0'), add(get('rate1'), mul(mul(get('rate2'), get('y')), get('sz')))), get('y')), get('dz'))),
      ];
    case 'alternating-carry': // 'carry': a ← a + η·y·σ(z), then γ·a·y·σ'(z), rates (γ, a₀, η)
      return [
        ...polynomial('sz', z, SIMD_SLOT_STUDENT),
        ...polynomial('dz', z, SIMD_SLOT_DERIVATIVE),
        set(`a${h}`, add(get(`a${h}`), mul(mul(get('rate2'), get('y')), get('sz')))),
        set(out, mul(mul(mul(get('rate0'), get(`a${h}`)), get('y')), get('dz'))),
      ];
    case 'custom': // γ·ψ(y, z)
      return [...oracle('pz', 'y', z), set(out, mul(get('rate0'), get('pz')))];
  }
}

/** The step of the lanes of one half after their draws: the chain step of the loops. */
function chainStep(half: number, k: Kernel): string[] {
  const h = HALVES[half]!;
  const [m, root, z, xi, r] = ['m', 'root', 'z', 'xi', 'r'].map((n) => `${n}${h}`) as [string, string, string, string, string];
  const lines = [`;; lanes ${2 * half}, ${2 * half + 1}: the step`, set(`before${h}`, get(m)), set('u', add(mul(get(m), get(z)), mul(get(root), get(xi))))];
  const floor = isFloor(k);
  if (!floor) {
    lines.push(...polynomial('y', 'u', SIMD_SLOT_TARGET));
    if (k.noise) lines.push(set('y', add(get('y'), mul(get('sqrtNoise'), get(`eps${h}`)))));
  } else if (k.algorithm !== 'floor') lines.push(set('y', mul(get('u'), sub(mul(get('u'), get('u')), f2(3)))));
  if (k.algorithm === 'floor-batch-reuse') {
    // the two sub-steps with one reciprocal root each, m₁ = (m + c₀·√(1 − m²)·ξ)/n₀, no checks,
    // √ of max(0, 1 − m²) (invSqrt1p's branch for the second, whose c²p is mostly small, made this
    // floor slower than the verifier's own batch-reuse step at d = 256, where c²p straddles its limits)
    lines.push(
      set('p', add(mul(get(xi), get(xi)), get(r))),
      ...coefficient('c', k, z, 0, h),
      set('n0', div(f2(1), sqrt(add(f2(1), mul(mul(get('c'), get('c')), get('p')))))),
      set('m1', mul(add(get(m), mul(mul(get('c'), get(root)), get(xi))), get('n0'))),
      set('alpha', mul(sub(f2(1), mul(get('c'), get(z))), get('n0'))),
      set('z1', mul(add(get(z), mul(get('c'), get('p'))), get('n0'))),
      set('p', mul(mul(get('p'), get('alpha')), get('alpha'))),
      ...coefficient('c1', k, 'z1', 1, h),
      set('e', mul(mul(get('c1'), get('c1')), get('p'))),
      set(`e${h}`, get('e')),
      set('inv', div(f2(1), sqrt(add(f2(1), get('e'))))),
      set(m, mul(add(mul(sub(f2(1), mul(get('c1'), get('z1'))), get('m1')), mul(get('c1'), get('u'))), get('inv'))),
      set(root, sqrt(`(f64x2.pmax ${sub(f2(1), mul(get(m), get(m)))} ${f2(0)})`)),
    );
    return lines;
  }
  if (k.algorithm === 'batch-reuse') {
    // stepTwoPlaneChains' two sub-steps: n₀ = √(1 + c₀²p₀); if n₀ < ∞, m₁, z₁, p₁, c₁, n₁ and
    // m₂; m' = clamp(m₂) and √(1 − m'²) if n₁ < ∞, else a divergence (e = ∞, m = NaN)
    lines.push(
      set('p', add(mul(get(xi), get(xi)), get(r))),
      ...coefficient('c', k, z, 0, h),
      set('n0', sqrt(add(f2(1), mul(mul(get('c'), get('c')), get('p'))))),
      set('alpha', div(sub(f2(1), mul(get('c'), get(z))), get('n0'))),
      set('m1', add(mul(get('alpha'), get(m)), mul(div(get('c'), get('n0')), get('u')))),
      set('z1', div(add(get(z), mul(get('c'), get('p'))), get('n0'))),
      set('p', mul(mul(get('p'), get('alpha')), get('alpha'))),
      ...coefficient('c1', k, 'z1', 1, h),
      set('n1', bitselect(sqrt(add(f2(1), mul(mul(get('c1'), get('c1')), get('p')))), f2(Number.NaN), lt(get('n0'), f2(Number.POSITIVE_INFINITY)))),
      set('num', add(mul(div(sub(f2(1), mul(get('c1'), get('z1'))), get('n1')), get('m1')), mul(div(get('c1'), get('n1')), get('u')))),
      set('ok', lt(get('n1'), f2(Number.POSITIVE_INFINITY))),
      set(`e${h}`, bitselect(f2(0), f2(Number.POSITIVE_INFINITY), get('ok'))),
      set(m, bitselect(clamp(get('num')), f2(Number.NaN), get('ok'))),
      set(root, bitselect(sqrt(sub(f2(1), mul(get(m), get(m)))), get(root), get('ok'))),
    );
    return lines;
  }
  lines.push(
    ...coefficient('c', k, z, 0, h),
    set('e', mul(mul(get('c'), get('c')), add(mul(get(xi), get(xi)), get(r)))),
    set(`e${h}`, get('e')),
    ...invSqrt1p(),
    set('num', add(get(m), mul(mul(get('c'), get(root)), get(xi)))),
  );
  if (floor) {
    // the floor: √(1 + e − num²)·inv and num·inv, no clamp
    lines.push(set(root, mul(sqrt(sub(add(f2(1), get('e')), mul(get('num'), get('num')))), get('inv'))), set(m, mul(get('num'), get('inv'))));
    return lines;
  }
  // root' = √w·inv where w > 0, else 0: the select on a branch taken only when a lane needs it
  // (the same bits), off the chain from root to root'
  const positive = `(f64x2.gt ${get('w')} ${f2(0)})`;
  lines.push(
    set('w', sub(add(f2(1), get('e')), mul(get('num'), get('num')))),
    set(root, mul(sqrt(get('w')), get('inv'))),
    `(if (i32.eqz (i64x2.all_true ${positive})) (then ${set(root, bitselect(get(root), f2(0), positive))}))`,
    set(m, clamp(mul(get('num'), get('inv')))),
  );
  return lines;
}

/** One exported step function. */
function kernelFunction(k: Kernel): string[] {
  const name = simdExport(k.algorithm, k.noise, k.sets === 2);
  const sets = Array.from({ length: k.sets }, (_, i) => i);
  const halves = HALVES.slice(0, 2 * k.sets);
  const vectors = [
    ...sets.flatMap((set) => [0, 1, 2, 3].map((j) => word(j, set))),
    't',
    'o1',
    'o2',
    'o3',
    'o4',
    'o5',
    'o6',
    'o7',
    'zHi',
    'zLo',
    'xHi',
    'xLo',
    'rHi',
    'rLo',
    'le',
    'uz',
    'ux',
    'ue',
    'g',
    'okz',
    'okx',
    'okr',
    'oke',
  ];
  for (const h of halves) vectors.push(...['z', 'xi', 'r', 'eps', 'm', 'root', 'e', 'before', 'a'].map((n) => `${n}${h}`));
  vectors.push('u', 'x', 'acc', 'y', 'dz', 'sz', 'pz', 'psi', 'q', 'c', 'c1', 'e', 'inv', 'num', 'w', 'p', 'n0', 'n1', 'alpha', 'm1', 'z1', 'ok');
  vectors.push('rate0', 'rate1', 'rate2', 'tau', 'sqrtNoise', 'chiOffset', 'chiScale');
  vectors.push('za', 'zb', 'xa', 'xb', 'ga', 'gb', 'ha', 'hb', 'ea', 'eb');
  const slots = Array.from({ length: SIMD_SLOT_PSI + SIMD_PSI_TERMS }, (_, i) => i);
  const scalars = [
    's',
    'n',
    'psiTerms',
    ...slots.flatMap((i) => [`form${i}`, `len${i}`, `present${i}`]),
    ...['iz', 'ix', 'ir', 'ie'].flatMap((i) => [0, 1, 2, 3].map((l) => `${i}${l}`)),
  ];
  const outputs = ['o1', 'o2', 'o3', 'o4', 'o5', ...(k.noise ? ['o6', 'o7'] : [])];
  /**
   * the byte offsets (index · 2^shift) of a word's 11-bit index in lanes 0..3 of set g, into the
   * i32 locals out0..out3: stored and read back as four int32 (one store and four loads, where
   * four extract_lane took eight vector operations and four zero-extensions)
   */
  const index = (out: string, word: string, shift: number, g: number, variate: number) => {
    const at = L.offsets + 64 * g + 16 * variate;
    const lines = [`(v128.store offset=${at} ${zero} (i32x4.shl (v128.and ${get(word)} ${i4(C('INDEX_MASK'))}) (i32.const ${shift})))`];
    for (let l = 0; l < 4; l++) lines.push(set(`${out}${l}`, `(i32.load offset=${at + 4 * l} ${zero})`));
    return lines;
  };
  const loadPair = (name: string, at: number) => halves.map((h, i) => set(`${name}${h}`, `(v128.load offset=${at + 16 * i} ${zero})`));
  const storePair = (name: string, at: number) => halves.map((h, i) => `(v128.store offset=${at + 16 * i} ${zero} ${get(`${name}${h}`)})`);
  /** any lane's reserve count at `at` (int32 per lane) below n */
  const below = (at: number, n: number) => sets.map((g) => `(i32x4.lt_s (v128.load offset=${at + 16 * g} ${zero}) ${i4(n)})`);
  const any = (xs: string[]): string => (xs.length === 1 ? xs[0]! : `(v128.or ${xs[0]} ${any(xs.slice(1))})`);
  /** a set's draws: its generators' outputs, the table indices and bits of each, and its two halves' variates */
  const setDraws = (g: number) => [
    ...outputs.flatMap((o) => xoshiro(o, g)),
    ...index('iz', 'o1', 4, g, 0),
    ...index('ix', 'o2', 4, g, 1),
    ...index('ir', 'o4', 5, g, 2),
    ...(k.noise ? index('ie', 'o7', 4, g, 3) : []),
    ...significandWords('zHi', 'zLo', 'o1', `(v128.and ${get('o3')} ${i4(C('LOW_16_BITS'))})`, 16, TWO_WORD),
    ...significandWords('xHi', 'xLo', 'o2', shiftRight('o3', C('HIGH_16_SHIFT')), 16, TWO_WORD),
    ...significandWords('rHi', 'rLo', 'o4', shiftRight('o5', C('HIGH_21_SHIFT')), 21, ONE_WORD),
    ...(k.noise ? [set('le', shiftRight('o7', C('HIGH_21_SHIFT')))] : []),
    ...draws(2 * g, k),
    ...draws(2 * g + 1, k),
  ];
  const outOfTau = (h: string) => `(v128.not ${lt(`(f64x2.abs ${get(`m${h}`)})`, get('tau'))})`;
  const params = ['k i32', 'r0 f64', 'r1 f64', 'r2 f64', 'tauScalar f64', 'noiseScalar f64', 'chiOffsetScalar f64', 'chiScaleScalar f64'];
  return [
    `;; ${name}(k, rates r0, r1, r2, τ, √Δ, 2·mode, 2·σ): at most k steps of the ${4 * k.sets} lanes; returns the steps done`,
    `(func (export "${name}") ${params.map((p) => `(param $${p})`).join(' ')} (result i32)`,
    ...vectors.map((n) => `(local $${n} v128)`),
    ...scalars.map((n) => `(local $${n} i32)`),
    ...sets.flatMap((g) => [0, 1, 2, 3].map((j) => set(word(j, g), `(v128.load offset=${L.rng + 64 * g + 16 * j} ${zero})`))),
    ...loadPair('m', L.m),
    ...loadPair('root', L.root),
    ...(k.algorithm === 'alternating-carry' ? loadPair('a', L.secondLayer) : []),
    set('rate0', '(f64x2.splat (local.get $r0))'),
    set('rate1', '(f64x2.splat (local.get $r1))'),
    set('rate2', '(f64x2.splat (local.get $r2))'),
    set('tau', '(f64x2.splat (local.get $tauScalar))'),
    set('sqrtNoise', '(f64x2.splat (local.get $noiseScalar))'),
    set('chiOffset', '(f64x2.splat (local.get $chiOffsetScalar))'),
    set('chiScale', '(f64x2.splat (local.get $chiScaleScalar))'),
    ...slots.flatMap((i) => [
      set(`form${i}`, `(i32.load offset=${slotAt(i)} ${zero})`),
      set(`len${i}`, `(i32.load offset=${slotAt(i) + 4} ${zero})`),
      set(`present${i}`, `(i32.load offset=${slotAt(i) + 8} ${zero})`),
    ]),
    set('psiTerms', `(i32.load offset=${slotAt(SIMD_SLOT_PSI) + 12} ${zero})`),
    `(i32.store offset=${L.event} ${zero} ${zero})`,
    '(block $done (loop $step',
    '(br_if $done (i32.ge_u (local.get $s) (local.get $k)))',
    `;; a lane with fewer than ${k.noise ? 3 : 2} normals or one χ² in reserve: back to the caller to top up`,
    `(br_if $done (v128.any_true ${any([...below(L.normalsLeft, k.noise ? 3 : 2), ...below(L.chiSquaredLeft, 1)])}))`,
    ...sets.flatMap(setDraws),
    ...halves.flatMap((_, i) => chainStep(i, k)),
    set('s', '(i32.add (local.get $s) (i32.const 1))'),
    ...(isFloor(k)
      ? []
      : [
          ';; the rare events: |m| ≥ τ, or m NaN (a divergence), in any lane',
          `(if (v128.any_true ${any(halves.map(outOfTau))}) (then (i32.store offset=${L.event} ${zero} (i32.const 1)) (br $done)))`,
        ]),
    '(br $step)))',
    ...sets.flatMap((g) => [0, 1, 2, 3].map((j) => `(v128.store offset=${L.rng + 64 * g + 16 * j} ${zero} ${get(word(j, g))})`)),
    ...storePair('m', L.m),
    ...storePair('root', L.root),
    ...storePair('e', L.e),
    ...storePair('before', L.mBefore),
    ...(k.algorithm === 'alternating-carry' ? storePair('a', L.secondLayer) : []),
    '(local.get $s))',
  ];
}

/** The module's text: one function per algorithm and label noise (or the bench's floors alone: SIMD_FLOORS in four and eight lanes). */
export function simdChainWat(floor = false): string {
  labels = 0;
  const kernels: Kernel[] = floor
    ? SET_COUNTS.flatMap((sets) => SIMD_FLOORS.map((algorithm) => ({ algorithm, noise: false, sets })))
    : SET_COUNTS.flatMap((sets) => SIMD_ALGORITHMS.flatMap((algorithm) => [false, true].map((noise) => ({ algorithm, noise, sets }))));
  const lines = [
    `;; Generated by src/sgd/generate/simdChain.gen.ts: do not edit (see there).${floor ? ' The bench’s floor (bench/floor.ts).' : ''}`,
    '(module',
    `(memory (export "memory") ${SIMD_PAGES})`,
    ...kernels.flatMap(kernelFunction),
    ')',
  ];
  return `${lines.join('\n')}\n`;
}

/** wat2wasm by wabt, as base64. */
async function assemble(name: string, wat: string): Promise<string> {
  const wabt = await (await import('wabt')).default();
  const parsed = wabt.parseWat(name, wat, { simd: true });
  try {
    parsed.validate();
    return Buffer.from(parsed.toBinary({}).buffer).toString('base64');
  } finally {
    parsed.destroy();
  }
}

const base64Lines = (name: string, base64: string) => {
  const chunks = base64.match(/.{1,100}/g) ?? [];
  return [`export const ${name} =`, ...chunks.map((c, i) => `  '${c}'${i === chunks.length - 1 ? ';' : ' +'}`)];
};

const header = (what: string) => [
  `// Generated by src/sgd/generate/simdChain.gen.ts: do not edit. ${what}Change the generator and run`,
  '//   node --import tsx src/sgd/generate/simdChain.gen.ts',
  '// (test/sgd/generated.test.ts checks that this file is its output).',
];

/** The generated files' text, by path from the repository's root. */
export async function simdChainFiles(): Promise<Record<string, string>> {
  const wat = simdChainWat();
  const constants = {
    SIMD_SLOT,
    SIMD_SLOT_TARGET,
    SIMD_SLOT_STUDENT,
    SIMD_SLOT_DERIVATIVE,
    SIMD_SLOT_PSI,
    SIMD_PSI_TERMS,
    SIMD_RESERVE,
    SIMD_MAX_LANES,
  };
  const ts = [
    ...header('The text is simdChainWat() there. '),
    '/** The four-lane SIMD steps (simdChainWat() in the generator, assembled), base64. */',
    ...base64Lines('SIMD_CHAIN_WASM', await assemble('simdChain.wat', wat)),
    '',
    '/** Byte offsets in its memory (simdChain.gen.ts SIMD_LAYOUT). */',
    'export const SIMD_LAYOUT = {',
    ...Object.entries(SIMD_LAYOUT).map(([k, v]) => `  ${k}: ${v},`),
    '} as const;',
    '',
    '/** Polynomial slots, ψ terms, reserve values per lane, lanes (simdChain.gen.ts). */',
    ...Object.entries(constants).map(([k, v]) => `export const ${k} = ${v};`),
    '',
  ];
  const floor = [
    ...header(''),
    "/** The floors in SIMD (bench/floor.ts): a minimal fused step of each chain (He₃ online — custom ψ = y·He₃'(z) too —, batch reuse, alternating) in four and eight lanes, the draws of the SIMD kernel, He₃ written in, no checks. Base64. */",
    ...base64Lines('FLOOR_SIMD_WASM', await assemble('floorSimd.wat', simdChainWat(true))),
    '',
  ];
  return {
    'src/sgd/simdChain.generated.ts': ts.join('\n'),
    'bench/floorSimd.generated.ts': floor.join('\n'),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const wat = process.argv.indexOf('--wat');
  if (wat > 0 && process.argv[wat + 1]) writeFileSync(process.argv[wat + 1]!, simdChainWat());
  for (const [path, text] of Object.entries(await simdChainFiles())) {
    writeFileSync(root + path, text);
    console.log(`wrote ${path}`);
  }
}
