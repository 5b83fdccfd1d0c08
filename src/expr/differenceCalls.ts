/**
 * Difference arithmetic through the functions of one argument: σ(a(z)) − σ(a(c)) from the argument's
 * anchor value a(c), its difference d_a and their magnitudes, never by subtracting two computed
 * values of σ where they may nearly cancel (see difference.ts for the scheme and its error model).
 */
import { erf, erfc, normalCdf, sigmoid } from '../numeric/special.js';
import type { CallName, DifferenceTape } from './differenceTape.js';

export const TWO_OVER_SQRT_PI = 1.1283791670955126;
/** 8-point Gauss–Legendre nodes and weights on [−1, 1] (positive half). */
const GL_X = [0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363];
const GL_W = [0.362683783378362, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

/**
 * erf(c + d) − erf(c): for |d| ≤ 1/4 the integral of erf' by 8-point Gauss–Legendre (exact to
 * rounding, relative to the result); beyond, a difference of erfc in a tail, else of erf.
 */
export function erfDifference(c: number, d: number): number {
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
export function erfSlope(u: number, v: number): number {
  if ((u <= 0 && v >= 0) || (u >= 0 && v <= 0)) return TWO_OVER_SQRT_PI;
  const m = Math.min(Math.abs(u), Math.abs(v));
  return TWO_OVER_SQRT_PI * Math.exp(-m * m);
}

/** sigmoid(c + d) − sigmoid(c) from sz = sigmoid(c + d) and sc = sigmoid(c), both signs of c stable. */
function sigmoidDifference(c: number, d: number, sz: number, sc: number): number {
  if (c >= 0) return -Math.exp(-c) * Math.expm1(-d) * sz * sc;
  return Math.exp(c) * Math.expm1(d) * (1 - sz) * (1 - sc);
}

/**
 * Node i = fn(node a): writes d[i] = fn(a(c) + d_a) − fn(a(c)) and its magnitude m[i]. Smooth
 * functions use exact identities (expm1, log1p, products of sines, tanh through sinh/cosh, erf by
 * quadrature); the anchor's own rounding enters multiplied by |d_a|-sized factors, so the bound
 * shrinks with d_a. Kinked ones (abs, relu, sign, step) are exact between kinks and a direct
 * difference across one.
 */
export function callDifference(t: DifferenceTape, i: number, fn: CallName, ia: number): void {
  const { vc, uc, u, d, m } = t;
  const ac = vc[ia]!;
  const da = d[ia]!;
  const ma = m[ia]!;
  const uca = uc[ia]!;
  const a = ac + da;
  const vci = vc[i]!;
  // the anchor's own error shifts both ends; it enters multiplied by |d|-sized factors
  const shift = Math.abs(da) * uca;
  let r: number;
  let mm: number;
  switch (fn) {
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
      mm =
        sum > 0
          ? (ma + Math.abs(r) * (u[ia]! / (2 * Math.max(Math.sqrt(Math.max(a, 0)), Number.MIN_VALUE)) + uca / (2 * Math.max(vci, Number.MIN_VALUE)))) / sum +
            3 * Math.abs(r)
          : 0;
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
      r =
        Math.abs(da) < 700
          ? (4 * Math.sinh(da) * Math.exp(-Math.abs(a) - Math.abs(ac))) / ((1 + Math.exp(-2 * Math.abs(a))) * (1 + Math.exp(-2 * Math.abs(ac))))
          : Math.tanh(a) - vci;
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
        mm = u[ia]! + uca + Math.abs(r);
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
        mm = u[ia]! + uca + Math.abs(r);
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
  d[i] = r;
  m[i] = mm;
}
