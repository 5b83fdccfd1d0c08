/**
 * Independent helpers for the quadrature tests: closed forms of c_k = E[f He_k] and an erf that
 * does not share code with src/numeric/special.ts (positive-term series times e^{-x²}).
 */
import { readFileSync } from 'node:fs';

/** ln k! */
export function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

/** n!! with (−1)!! = 0!! = 1. */
export function doubleFactorial(n: number): number {
  let r = 1;
  for (let i = n; i > 1; i -= 2) r *= i;
  return r;
}

/** α_k = c_k / √k!. */
export function toOrthonormal(c: (k: number) => number, K: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= K; k++) out.push(c(k) / Math.exp(0.5 * logFactorial(k)));
  return out;
}

/**
 * erf(x) = (2/√π) e^{-x²} Σ_{n≥0} 2^n x^{2n+1} / (1·3·…·(2n+1))  (all terms positive: no
 * cancellation), for |x| < 6; ±1 beyond (erfc(6) ≈ 2e-17).
 */
export function erfRef(x: number): number {
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  const x2 = ax * ax;
  let term = ax;
  let sum = ax;
  for (let n = 1; n < 400; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const pm = (j: number): number => (j % 2 === 0 ? 1 : -1);

export const closedForms = {
  exp: (a: number) => (k: number) => a ** k * Math.exp((a * a) / 2),
  sin: (a: number) => (k: number) => (k % 2 === 1 ? pm((k - 1) / 2) * a ** k * Math.exp((-a * a) / 2) : 0),
  cos: (a: number) => (k: number) => (k % 2 === 0 ? pm(k / 2) * a ** k * Math.exp((-a * a) / 2) : 0),
  sign: (k: number) => (k % 2 === 1 ? Math.sqrt(2 / Math.PI) * pm((k - 1) / 2) * doubleFactorial(k - 2) : 0),
  relu: (k: number) => {
    if (k === 0) return 1 / SQRT_2PI;
    if (k === 1) return 0.5;
    if (k % 2 === 1) return 0;
    return (pm((k - 2) / 2) * doubleFactorial(k - 3)) / SQRT_2PI;
  },
  abs: (k: number) => {
    if (k === 0) return Math.sqrt(2 / Math.PI);
    if (k % 2 === 1) return 0;
    return Math.sqrt(2 / Math.PI) * pm((k - 2) / 2) * doubleFactorial(k - 3);
  },
  erf: (a: number) => (k: number) => {
    if (k % 2 === 0) return 0;
    const b = 1 + 2 * a * a;
    return ((2 * a) / Math.sqrt(Math.PI * b)) * ((-2 * a * a) / b) ** ((k - 1) / 2) * doubleFactorial(k - 2);
  },
};

export interface Reference {
  relu_shift: { breakpoints: number[]; alpha: string[]; normSquared: string };
  tanh: { alpha: string[]; normSquared: string };
  abs_quarter: { breakpoints: number[]; alpha: string[]; normSquared: string };
  erf: [number, string][];
}

export function loadReference(): Reference {
  const url = new URL('../fixtures/quadrature/reference.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Reference;
}
