/**
 * Differences σ(c + h) − σ(c) without cancellation, with a running bound on their rounding error.
 *
 * Near a fold z_c of the link (σ'(z_c) = 0) the level offset y − σ(z_c) ≈ σ''(z_c)h²/2 is far below
 * the rounding of σ itself (about ε·|σ|), so subtracting two computed values of σ loses every digit
 * when h ≲ √ε. Here the tree is evaluated in *difference arithmetic*: each node carries its value at
 * the anchor c, its value at z = c + h, and the difference d = f(z) − f(c), combined by identities
 * that never subtract two nearly equal computed numbers:
 *
 *     d(u·v) = d_u·v(z) + u(c)·d_v            d(e^u) = e^{u(c)}·expm1(d_u)
 *     d(log u) = log1p(d_u/u(c))              d(sin u) = 2cos(u(c) + d_u/2)·sin(d_u/2)
 *     d(tanh u) = tanh(d_u)·(1 − tanh u(z)·tanh u(c)),   d(u^p) = u(c)^p·expm1(p·log1p(d_u/u(c))), …
 *
 * and `d(z) = h` exactly. An affine image a·σ + b, or a constant added to a tiny quantity, keeps the
 * full relative precision of the small part. Beside each value a magnitude μ is propagated (running
 * error analysis, first order): the rounding error of a value is at most ROUNDING·ε·μ, and every
 * term of a difference's magnitude is proportional to the difference's own scale, so the bound of
 * d shrinks with h as d does. Functions with kinks or jumps (abs, relu, max, min, sign, step) are
 * exact between their kinks; across one the difference is taken directly.
 */
import type { Expr, FunctionName } from './tree.js';
import { erf, erfc, normalCdf, normalPdf, sigmoid, softplus } from '../numeric/special.js';

/** Unit roundoff of a double. */
const EPS = 2.220446049250313e-16;
/** Safety factor on the first-order running error bound (each operation adds one |value| to μ). */
export const ROUNDING = 4;

type Op =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'variable' }
  | { readonly kind: 'neg'; readonly a: number }
  | { readonly kind: 'add' | 'sub' | 'mul' | 'div'; readonly a: number; readonly b: number }
  | { readonly kind: 'powInt'; readonly a: number; readonly n: number }
  | { readonly kind: 'powReal'; readonly a: number; readonly p: number }
  | { readonly kind: 'pow'; readonly a: number; readonly b: number }
  | { readonly kind: 'call'; readonly fn: Exclude<FunctionName, 'max' | 'min'>; readonly a: number }
  | { readonly kind: 'max' | 'min'; readonly a: number; readonly b: number }
  | { readonly kind: 'hermite'; readonly a: number; readonly degree: number };

/** Post-order list of operations; the root is last. */
function flatten(e: Expr, ops: Op[]): number {
  const push = (op: Op) => ops.push(op) - 1;
  switch (e.kind) {
    case 'number':
      return push({ kind: 'const', value: e.value.toNumber() });
    case 'constant':
      return push({ kind: 'const', value: e.name === 'pi' ? Math.PI : Math.E });
    case 'variable':
      return push({ kind: 'variable' });
    case 'symbol':
      throw new Error(`internal: the symbol ${e.name} has no value in a link`);
    case 'neg':
      return push({ kind: 'neg', a: flatten(e.arg, ops) });
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const a = flatten(e.left, ops);
      const b = flatten(e.right, ops);
      return push({ kind: e.kind, a, b });
    }
    case 'pow': {
      const a = flatten(e.left, ops);
      if (e.right.kind === 'number') {
        const p = e.right.value;
        if (p.isInteger() && p.abs().toNumber() <= 1e6) return push({ kind: 'powInt', a, n: p.toNumber() });
        return push({ kind: 'powReal', a, p: p.toNumber() });
      }
      const b = flatten(e.right, ops);
      return push({ kind: 'pow', a, b });
    }
    case 'call': {
      if (e.fn === 'max' || e.fn === 'min') {
        const a = flatten(e.args[0]!, ops);
        const b = flatten(e.args[1]!, ops);
        return push({ kind: e.fn, a, b });
      }
      return push({ kind: 'call', fn: e.fn, a: flatten(e.args[0]!, ops) });
    }
    case 'hermite':
      return push({ kind: 'hermite', a: flatten(e.arg, ops), degree: e.degree });
  }
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;
/** 8-point Gauss–Legendre nodes and weights on [−1, 1] (positive half). */
const GL_X = [0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363];
const GL_W = [0.362683783378362, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

/** erf(c + d) − erf(c) and a bound on the slope of erf over [c, c + d]. */
function erfDifference(c: number, d: number): number {
  if (d === 0) return 0;
  if (Math.abs(d) <= 0.25) {
    // (2/√π)∫_c^{c+d} e^{−t²} dt by 8-point Gauss–Legendre: the integrand is entire and the interval
    // short, so the rule is exact to rounding (error ≲ (d/2)^{16}·16!^{1/2}/16! ≪ ε·|result|).
    const mid = c + d / 2;
    const half = d / 2;
    let s = 0;
    for (let i = 0; i < 4; i++) {
      const t = half * GL_X[i]!;
      s += GL_W[i]! * (Math.exp(-(mid + t) * (mid + t)) + Math.exp(-(mid - t) * (mid - t)));
    }
    return TWO_OVER_SQRT_PI * half * s;
  }
  const z = c + d;
  // same sign and away from 0: difference of complementary functions, no cancellation in the tails
  if (c > 1 && z > 1) return erfc(c) - erfc(z);
  if (c < -1 && z < -1) return erfc(-z) - erfc(-c);
  return erf(z) - erf(c);
}

/** Largest |erf'| on the segment between u and v. */
function erfSlope(u: number, v: number): number {
  if ((u <= 0 && v >= 0) || (u >= 0 && v <= 0)) return TWO_OVER_SQRT_PI;
  const m = Math.min(Math.abs(u), Math.abs(v));
  return TWO_OVER_SQRT_PI * Math.exp(-m * m);
}

/** sigmoid(c + d) − sigmoid(c), both signs of c stable. */
function sigmoidDifference(c: number, d: number, sz: number, sc: number): number {
  if (c >= 0) return -Math.exp(-c) * Math.expm1(-d) * sz * sc;
  return Math.exp(c) * Math.expm1(d) * (1 - sz) * (1 - sc);
}

/** He_0..He_k at x (probabilists'), into out; returns out. */
function hermiteValues(k: number, x: number, out: Float64Array): Float64Array {
  out[0] = 1;
  if (k >= 1) out[1] = x;
  for (let j = 1; j < k; j++) out[j + 1] = x * out[j]! - j * out[j - 1]!;
  return out;
}

/**
 * A difference evaluator anchored at c. `set(c)` evaluates the tree at c; `at(h)` returns
 * σ(c + h) − σ(c) and leaves in `error` a bound on its rounding error, in `value` σ(c + h).
 *
 * @example const D = differenceEvaluator(parseLink('2*z^2*exp(-z^2) - 1')); D.set(0); D.at(1e-9) // 2e-18
 */
export interface DifferenceEvaluator {
  set(c: number): void;
  at(h: number): number;
  /** σ(c) and a bound on its rounding error after `set`. */
  readonly anchorValue: number;
  readonly anchorError: number;
  /** After `at(h)`: σ(c + h) and the error bounds of σ(c + h) and of the difference. */
  readonly value: number;
  readonly valueError: number;
  readonly error: number;
}

export function differenceEvaluator(e: Expr): DifferenceEvaluator {
  const ops: Op[] = [];
  const root = flatten(e, ops);
  const n = ops.length;
  // values and magnitudes at the anchor (vc, uc) and at z (v, u); differences and their magnitudes (d, m)
  const vc = new Float64Array(n);
  const uc = new Float64Array(n);
  const v = new Float64Array(n);
  const u = new Float64Array(n);
  const d = new Float64Array(n);
  const m = new Float64Array(n);
  let maxDegree = 0;
  for (const op of ops) if (op.kind === 'hermite') maxDegree = Math.max(maxDegree, op.degree);
  const hz = new Float64Array(maxDegree + 2);
  const hc = new Float64Array(maxDegree + 2);
  let anchor = 0;

  /** Direct evaluation at x with running magnitudes into (val, mag). */
  const direct = (x: number, val: Float64Array, mag: Float64Array, herm: Float64Array) => {
    for (let i = 0; i < n; i++) {
      const op = ops[i]!;
      let r: number;
      let mu: number;
      switch (op.kind) {
        case 'const':
          r = op.value;
          mu = Math.abs(r);
          break;
        case 'variable':
          r = x;
          mu = Math.abs(x);
          break;
        case 'neg':
          r = -val[op.a]!;
          mu = mag[op.a]!;
          break;
        case 'add':
          r = val[op.a]! + val[op.b]!;
          mu = mag[op.a]! + mag[op.b]! + Math.abs(r);
          break;
        case 'sub':
          r = val[op.a]! - val[op.b]!;
          mu = mag[op.a]! + mag[op.b]! + Math.abs(r);
          break;
        case 'mul':
          r = val[op.a]! * val[op.b]!;
          mu = mag[op.a]! * Math.abs(val[op.b]!) + Math.abs(val[op.a]!) * mag[op.b]! + Math.abs(r);
          break;
        case 'div':
          r = val[op.a]! / val[op.b]!;
          mu = (mag[op.a]! + Math.abs(r) * mag[op.b]!) / Math.abs(val[op.b]!) + Math.abs(r);
          break;
        case 'powInt': {
          const a = val[op.a]!;
          r = a ** op.n;
          mu = Math.abs(op.n) * (Math.abs(a) ** (op.n - 1) * mag[op.a]! + Math.abs(r));
          break;
        }
        case 'powReal': {
          const a = val[op.a]!;
          r = Math.pow(a, op.p);
          mu = Math.abs(op.p) * (a === 0 ? 0 : Math.abs(r / a)) * mag[op.a]! + 2 * Math.abs(r);
          break;
        }
        case 'pow': {
          const a = val[op.a]!;
          const b = val[op.b]!;
          r = Math.pow(a, b);
          mu = Math.abs(r) * (Math.abs(Math.log(Math.abs(a))) * mag[op.b]! + (a === 0 ? 0 : Math.abs(b / a)) * mag[op.a]! + 2);
          break;
        }
        case 'max':
        case 'min': {
          const a = val[op.a]!;
          const b = val[op.b]!;
          const first = op.kind === 'max' ? a >= b : a <= b;
          r = first ? a : b;
          mu = first ? mag[op.a]! : mag[op.b]!;
          break;
        }
        case 'hermite': {
          const a = val[op.a]!;
          hermiteValues(op.degree, a, herm);
          r = herm[op.degree]!;
          // |He_k'| ≤ k·max|He_{k−1}|; rounding of the recurrence ≲ k·Σ|terms|
          const slope = op.degree === 0 ? 0 : op.degree * Math.abs(herm[op.degree - 1]!);
          let terms = 0;
          for (let j = 0; j <= op.degree; j++) terms += Math.abs(herm[j]!) * (j + 1);
          mu = slope * mag[op.a]! + terms * (Math.abs(a) + 1);
          break;
        }
        case 'call': {
          const a = val[op.a]!;
          const ma = mag[op.a]!;
          switch (op.fn) {
            case 'exp':
              r = Math.exp(a);
              mu = Math.abs(r) * (ma + 1);
              break;
            case 'log':
              r = Math.log(a);
              mu = ma / Math.abs(a) + Math.abs(r);
              break;
            case 'sqrt':
              r = Math.sqrt(a);
              mu = (r > 0 ? ma / (2 * r) : 0) + Math.abs(r);
              break;
            case 'sin':
              r = Math.sin(a);
              mu = ma + Math.abs(r);
              break;
            case 'cos':
              r = Math.cos(a);
              mu = ma + Math.abs(r);
              break;
            case 'tanh':
              r = Math.tanh(a);
              mu = (1 - r * r) * ma + Math.abs(r);
              break;
            case 'sinh':
              r = Math.sinh(a);
              mu = Math.cosh(a) * ma + 2 * Math.abs(r);
              break;
            case 'cosh':
              r = Math.cosh(a);
              mu = r * ma + 2 * r;
              break;
            case 'erf':
              r = erf(a);
              mu = erfSlope(a, a) * ma + 4 * Math.abs(r);
              break;
            case 'abs':
              r = Math.abs(a);
              mu = ma;
              break;
            case 'sign':
              r = Math.sign(a);
              mu = 0;
              break;
            case 'relu':
              r = a > 0 ? a : 0;
              mu = a > 0 ? ma : 0;
              break;
            case 'step':
              r = a > 0 ? 1 : a < 0 ? 0 : 0.5;
              mu = 0;
              break;
            case 'sigmoid':
              r = sigmoid(a);
              mu = 0.25 * ma + 2 * Math.abs(r);
              break;
            case 'softplus':
              r = softplus(a);
              mu = ma + 2 * Math.abs(r);
              break;
            case 'gelu': {
              const phi = normalCdf(a);
              r = a * phi;
              mu = (phi + Math.abs(a) * normalPdf(a)) * ma + 4 * Math.abs(r) + Math.abs(a) * 4 * EPS;
              break;
            }
            case 'silu': {
              const s = sigmoid(a);
              r = a * s;
              mu = (s + 0.25 * Math.abs(a)) * ma + 3 * Math.abs(r);
              break;
            }
          }
          break;
        }
      }
      val[i] = r;
      mag[i] = mu;
    }
  };

  const evaluator = {
    anchorValue: NaN,
    anchorError: NaN,
    value: NaN,
    valueError: NaN,
    error: NaN,
    set(c: number) {
      anchor = c;
      direct(c, vc, uc, hc);
      evaluator.anchorValue = vc[root]!;
      evaluator.anchorError = ROUNDING * EPS * uc[root]!;
    },
    at(h: number): number {
      // every value at z is taken as v = v(c) + d, so that h below the resolution of z (c + h = c in
      // floating point) still moves every node; its rounding bound is u = u(c) + m + |v|
      for (let i = 0; i < n; i++) {
        const op = ops[i]!;
        let r: number;
        let mm: number;
        switch (op.kind) {
          case 'const':
            r = 0;
            mm = 0;
            break;
          case 'variable':
            r = h;
            mm = 0;
            break;
          case 'neg':
            r = -d[op.a]!;
            mm = m[op.a]!;
            break;
          case 'add':
            r = d[op.a]! + d[op.b]!;
            mm = m[op.a]! + m[op.b]! + Math.abs(r);
            break;
          case 'sub':
            r = d[op.a]! - d[op.b]!;
            mm = m[op.a]! + m[op.b]! + Math.abs(r);
            break;
          case 'mul': {
            // ab − a_c b_c = d_a·b_c + a_c·d_b + d_a·d_b
            const [da, db, ac, bc] = [d[op.a]!, d[op.b]!, vc[op.a]!, vc[op.b]!];
            const t1 = da * bc;
            const t2 = ac * db;
            const t3 = da * db;
            r = t1 + t2 + t3;
            mm = m[op.a]! * (Math.abs(bc) + Math.abs(db)) + Math.abs(da) * uc[op.b]! + Math.abs(ac) * m[op.b]! + Math.abs(db) * uc[op.a]! + m[op.b]! * Math.abs(da) + Math.abs(t1) + Math.abs(t2) + Math.abs(t3) + Math.abs(r);
            break;
          }
          case 'div': {
            const [da, db, ac, bc] = [d[op.a]!, d[op.b]!, vc[op.a]!, vc[op.b]!];
            const bz = v[op.b]!;
            const den = bz * bc;
            r = (da * bc - ac * db) / den;
            mm =
              (m[op.a]! * Math.abs(bc) + Math.abs(da) * uc[op.b]! + Math.abs(ac) * m[op.b]! + Math.abs(db) * uc[op.a]! + Math.abs(da * bc) + Math.abs(ac * db)) / Math.abs(den) +
              Math.abs(r) * (u[op.b]! / Math.abs(bz) + uc[op.b]! / Math.abs(bc) + 3);
            break;
          }
          case 'powInt': {
            const [ac, da] = [vc[op.a]!, d[op.a]!];
            const a = ac + da;
            const k = op.n;
            const big = Math.max(Math.abs(a), Math.abs(ac));
            const slope = Math.abs(k) * (k - 1 >= 0 ? big ** (k - 1) : Math.min(Math.abs(a), Math.abs(ac)) ** (k - 1));
            if (ac !== 0 && Math.abs(da) <= 0.5 * Math.abs(ac)) {
              const t = da / ac;
              r = vc[i]! * Math.expm1(k * Math.log1p(t));
              mm = slope * (m[op.a]! + (Math.abs(da) * uc[op.a]! * (Math.abs(k) + 1)) / Math.abs(ac)) + (Math.abs(k) + 4) * Math.abs(r);
            } else if (ac === 0) {
              r = da ** k;
              mm = slope * m[op.a]! + (Math.abs(k) + 2) * Math.abs(r);
            } else {
              r = a ** k - vc[i]!;
              mm = slope * (m[op.a]! + u[op.a]! + uc[op.a]!) + (Math.abs(k) + 2) * (Math.abs(a ** k) + Math.abs(vc[i]!));
            }
            break;
          }
          case 'powReal': {
            const [ac, da] = [vc[op.a]!, d[op.a]!];
            const a = ac + da;
            const p = op.p;
            if (ac > 0 && a > 0) {
              r = vc[i]! * Math.expm1(p * Math.log1p(da / ac));
              const slope = Math.abs(p) * Math.max(Math.abs(Math.pow(a, p) / a), Math.abs(vc[i]! / ac));
              mm = slope * (m[op.a]! + (Math.abs(da) * uc[op.a]! * (Math.abs(p) + 1)) / ac) + 5 * Math.abs(r);
            } else if (ac === 0 && da > 0) {
              r = Math.pow(da, p);
              mm = Math.abs(p) * Math.abs(r / da) * m[op.a]! + 3 * Math.abs(r);
            } else {
              r = Math.pow(a, p) - vc[i]!;
              mm = u[op.a]! * Math.abs(p) * Math.abs(Math.pow(a, p - 1)) + uc[i]! + 2 * Math.abs(r) + 2 * Math.abs(vc[i]!);
            }
            break;
          }
          case 'pow': {
            // u^w = exp(w·log u): d = u(c)^{w(c)}·expm1(Δ(w·log u))
            const [ac, da] = [vc[op.a]!, d[op.a]!];
            const [bc, db] = [vc[op.b]!, d[op.b]!];
            const a = ac + da;
            if (ac > 0 && a > 0) {
              const l1 = Math.log1p(da / ac);
              const dw = db * Math.log(a) + bc * l1;
              r = vc[i]! * Math.expm1(dw);
              const mw = Math.abs(Math.log(a)) * m[op.b]! + Math.abs(db) * (u[op.a]! / a + 1) + (Math.abs(bc) * (m[op.a]! + (Math.abs(da) * uc[op.a]!) / ac)) / Math.min(a, ac) + Math.abs(l1) * uc[op.b]! + Math.abs(dw);
              mm = Math.max(Math.abs(vc[i]! + r), Math.abs(vc[i]!)) * mw + Math.abs(dw) * uc[i]! + 4 * Math.abs(r);
            } else {
              r = Math.pow(a, bc + db) - vc[i]!;
              mm = u[op.a]! + u[op.b]! + uc[i]! + 2 * Math.abs(r) + 2 * Math.abs(vc[i]!);
            }
            break;
          }
          case 'max':
          case 'min': {
            const [ac, bc] = [vc[op.a]!, vc[op.b]!];
            const a = ac + d[op.a]!;
            const b = bc + d[op.b]!;
            const firstZ = op.kind === 'max' ? a >= b : a <= b;
            const firstC = op.kind === 'max' ? ac >= bc : ac <= bc;
            if (firstZ === firstC) {
              const j = firstZ ? op.a : op.b;
              r = d[j]!;
              mm = m[j]!;
            } else {
              // switched sides between c and z: (new side at z) − (old side at c)
              r = firstZ ? ac - bc + d[op.a]! : bc - ac + d[op.b]!;
              mm = uc[op.a]! + uc[op.b]! + m[op.a]! + m[op.b]! + 2 * Math.abs(r);
            }
            break;
          }
          case 'hermite': {
            // D_{j+1} = d·He_j(a) + a(c)·D_j − j·D_{j−1}, D_0 = 0, D_1 = d, with He_j(a) = He_j(a_c) + D_j
            const [ac, da, ma] = [vc[op.a]!, d[op.a]!, m[op.a]!];
            hermiteValues(op.degree, ac, hc);
            let dPrev = 0;
            let dCur = da;
            let mPrev = 0;
            let mCur = ma;
            if (op.degree === 0) {
              dCur = 0;
              mCur = 0;
            }
            for (let j = 1; j < op.degree; j++) {
              const hj = hc[j]! + dCur;
              const next = da * hj + ac * dCur - j * dPrev;
              const mNext = ma * Math.abs(hj) + Math.abs(da) * (j + 1) * (Math.abs(hj) + 1) * (Math.abs(ac + da) + 1) + Math.abs(ac) * mCur + Math.abs(dCur) * uc[op.a]! + j * mPrev + 3 * (Math.abs(da * hj) + Math.abs(ac * dCur) + j * Math.abs(dPrev));
              dPrev = dCur;
              dCur = next;
              mPrev = mCur;
              mCur = mNext;
            }
            r = dCur;
            mm = mCur;
            break;
          }
          case 'call': {
            const [ac, da, ma, uca] = [vc[op.a]!, d[op.a]!, m[op.a]!, uc[op.a]!];
            const a = ac + da;
            const vci = vc[i]!;
            // the anchor's own error shifts both ends; it enters multiplied by |d|-sized factors
            const shift = Math.abs(da) * uca;
            switch (op.fn) {
              case 'exp':
                r = vci * Math.expm1(da);
                mm = Math.max(vci + r, vci) * ma + Math.abs(r) * (uca + 3);
                break;
              case 'log':
                r = Math.log1p(da / ac);
                mm = (ma + shift / Math.abs(ac)) / Math.min(Math.abs(a), Math.abs(ac)) + 3 * Math.abs(r);
                break;
              case 'sqrt': {
                const sum = Math.sqrt(Math.max(a, 0)) + vci;
                r = sum > 0 ? da / sum : 0;
                mm = sum > 0 ? (ma + Math.abs(r) * (u[op.a]! / (2 * Math.max(Math.sqrt(Math.max(a, 0)), Number.MIN_VALUE)) + uca / (2 * Math.max(vci, Number.MIN_VALUE)))) / sum + 3 * Math.abs(r) : 0;
                break;
              }
              case 'sin':
                r = 2 * Math.cos(ac + da / 2) * Math.sin(da / 2);
                mm = ma + shift + 4 * Math.abs(r);
                break;
              case 'cos':
                r = -2 * Math.sin(ac + da / 2) * Math.sin(da / 2);
                mm = ma + shift + 4 * Math.abs(r);
                break;
              case 'tanh':
                // tanh a − tanh c = sinh(a − c)/(cosh a·cosh c), with 1/cosh x = 2e^{−|x|}/(1 + e^{−2|x|}):
                // no 1 − tanh·tanh, which is 0 in floating point once both saturate
                r = Math.abs(da) < 700 ? (4 * Math.sinh(da) * Math.exp(-Math.abs(a) - Math.abs(ac))) / ((1 + Math.exp(-2 * Math.abs(a))) * (1 + Math.exp(-2 * Math.abs(ac)))) : Math.tanh(a) - vci;
                mm = Math.max(1 - Math.tanh(a) ** 2, 1 - vci * vci, Math.abs(r / (da || 1))) * ma + Math.abs(r) * (uca + 8);
                break;
              case 'sinh':
                r = 2 * Math.cosh(ac + da / 2) * Math.sinh(da / 2);
                mm = Math.max(Math.cosh(a), Math.cosh(ac)) * (ma + shift) + 4 * Math.abs(r);
                break;
              case 'cosh':
                r = 2 * Math.sinh(ac + da / 2) * Math.sinh(da / 2);
                mm = Math.max(Math.cosh(a), Math.cosh(ac)) * (ma + shift) + 4 * Math.abs(r);
                break;
              case 'erf': {
                r = erfDifference(ac, da);
                const slope = erfSlope(a, ac);
                const variation = TWO_OVER_SQRT_PI * Math.abs(Math.exp(-a * a) - Math.exp(-ac * ac));
                mm = slope * ma + variation * uca + 6 * Math.abs(r);
                break;
              }
              case 'abs':
                if (ac === 0 || a === 0 || a > 0 === ac > 0) {
                  const sg = ac === 0 ? Math.sign(da) : Math.sign(ac);
                  r = sg * da;
                  mm = ma;
                } else {
                  r = Math.abs(a) - Math.abs(ac);
                  mm = u[op.a]! + uca + Math.abs(r);
                }
                break;
              case 'relu':
                if (a > 0 && ac >= 0) {
                  r = da;
                  mm = ma;
                } else if (a <= 0 && ac <= 0) {
                  r = 0;
                  mm = 0;
                } else {
                  r = (a > 0 ? a : 0) - (ac > 0 ? ac : 0);
                  mm = u[op.a]! + uca + Math.abs(r);
                }
                break;
              case 'sign':
                r = Math.sign(a) - Math.sign(ac);
                mm = 0;
                break;
              case 'step':
                r = (a > 0 ? 1 : a < 0 ? 0 : 0.5) - vci;
                mm = 0;
                break;
              case 'sigmoid': {
                const sz = sigmoid(a);
                r = sigmoidDifference(ac, da, sz, vci);
                mm = 0.25 * (ma + shift) + 6 * Math.abs(r);
                break;
              }
              case 'softplus': {
                const sg = sigmoid(ac);
                r = Math.log1p(sg * Math.expm1(da));
                mm = ma + shift + 5 * Math.abs(r);
                break;
              }
              case 'gelu': {
                // x·Φ(x): d = d_x·Φ(x(z)) + x(c)·(Φ(x(z)) − Φ(x(c)))
                const dPhi = 0.5 * erfDifference(ac / Math.SQRT2, da / Math.SQRT2);
                r = da * normalCdf(a) + ac * dPhi;
                mm = (1 + 0.8 * Math.abs(ac)) * (ma + shift) + 6 * Math.abs(r) + 4 * (Math.abs(da) + Math.abs(ac * dPhi));
                break;
              }
              case 'silu': {
                const sz = sigmoid(a);
                const sc = sigmoid(ac);
                const dS = sigmoidDifference(ac, da, sz, sc);
                r = da * sz + ac * dS;
                mm = (1 + 0.5 * Math.abs(ac)) * (ma + shift) + 6 * Math.abs(r) + 4 * (Math.abs(da * sz) + Math.abs(ac * dS));
                break;
              }
            }
            break;
          }
        }
        d[i] = r;
        m[i] = mm;
        const value = op.kind === 'variable' ? anchor + h : vc[i]! + r;
        v[i] = value;
        u[i] = uc[i]! + mm + Math.abs(value);
      }
      evaluator.value = v[root]!;
      evaluator.valueError = ROUNDING * EPS * u[root]!;
      evaluator.error = ROUNDING * EPS * m[root]!;
      return d[root]!;
    },
  };
  return evaluator;
}
