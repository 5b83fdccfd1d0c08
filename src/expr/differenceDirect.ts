/**
 * Direct evaluation of a DifferenceTape at the anchor, with running magnitudes: each node's value
 * f(x) into vc and a magnitude μ into uc such that the accumulated rounding error of the value is at
 * most ROUNDING·ε·μ (first order: every operation adds its operands' μ, scaled by the local slope,
 * and a multiple of its own |value|).
 */
import { erf, normalCdf, normalPdf, sigmoid, softplus } from '../numeric/special.js';
import { erfSlope } from './differenceCalls.js';
import { hermiteValues } from './differenceOps.js';
import { type CallName, type DifferenceTape, EPS } from './differenceTape.js';

/** Every node at x: values into t.vc, magnitudes into t.uc (t.hc is Hermite scratch). */
export function evaluateDirect(t: DifferenceTape, x: number): void {
  const { ops, vc: val, uc: mag, hc: herm } = t;
  const n = ops.length;
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
        r = a ** op.p;
        mu = Math.abs(op.p) * (a === 0 ? 0 : Math.abs(r / a)) * mag[op.a]! + 2 * Math.abs(r);
        break;
      }
      case 'pow': {
        const a = val[op.a]!;
        const b = val[op.b]!;
        r = a ** b;
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
      case 'call':
        directCall(t, i, op.fn, val[op.a]!, mag[op.a]!);
        continue;
    }
    val[i] = r;
    mag[i] = mu;
  }
}

/**
 * Node i = fn(a) at the anchor: writes fn(a) into t.vc[i] and into t.uc[i] its magnitude, the
 * argument's magnitude ma times a bound on |fn'| plus a few |fn(a)| for the function's own rounding.
 */
function directCall(t: DifferenceTape, i: number, fn: CallName, a: number, ma: number): void {
  let r: number;
  let mu: number;
  switch (fn) {
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
  t.vc[i] = r;
  t.uc[i] = mu;
}
