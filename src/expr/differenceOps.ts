/**
 * Difference arithmetic through powers, max/min and Hermite polynomials (difference.ts has the
 * scheme; sums, products and quotients are propagated inline there). Each step reads the operands'
 * anchor values vc, differences d and magnitudes (uc, m, u) of a DifferenceTape and writes the
 * node's difference d[i] and its magnitude m[i]; the rounding error of d[i] is ≤ ROUNDING·ε·m[i].
 */
import type { DifferenceTape } from './differenceTape.js';

/** He_0..He_k at x (probabilists'), into out; returns out. */
export function hermiteValues(k: number, x: number, out: Float64Array): Float64Array {
  out[0] = 1;
  if (k >= 1) out[1] = x;
  for (let j = 1; j < k; j++) out[j + 1] = x * out[j]! - j * out[j - 1]!;
  return out;
}

/**
 * a^k, k an integer: a(c)^k·expm1(k·log1p(d_a/a(c))) while |d_a| ≤ |a(c)|/2 (relative error a few
 * ε of the difference itself), d_a^k from a(c) = 0, else the direct difference a^k − a(c)^k with
 * both terms' rounding in the bound.
 */
export function powIntDifference(t: DifferenceTape, i: number, ia: number, k: number): void {
  const { vc, uc, u, d, m } = t;
  const ac = vc[ia]!;
  const da = d[ia]!;
  const a = ac + da;
  const big = Math.max(Math.abs(a), Math.abs(ac));
  const slope = Math.abs(k) * (k - 1 >= 0 ? big ** (k - 1) : Math.min(Math.abs(a), Math.abs(ac)) ** (k - 1));
  let r: number;
  let mm: number;
  if (ac !== 0 && Math.abs(da) <= 0.5 * Math.abs(ac)) {
    const q = da / ac;
    r = vc[i]! * Math.expm1(k * Math.log1p(q));
    mm = slope * (m[ia]! + (Math.abs(da) * uc[ia]! * (Math.abs(k) + 1)) / Math.abs(ac)) + (Math.abs(k) + 4) * Math.abs(r);
  } else if (ac === 0) {
    r = da ** k;
    mm = slope * m[ia]! + (Math.abs(k) + 2) * Math.abs(r);
  } else {
    r = a ** k - vc[i]!;
    mm = slope * (m[ia]! + u[ia]! + uc[ia]!) + (Math.abs(k) + 2) * (Math.abs(a ** k) + Math.abs(vc[i]!));
  }
  d[i] = r;
  m[i] = mm;
}

/**
 * a^p, p a non-integer constant: a(c)^p·expm1(p·log1p(d_a/a(c))) while a stays positive, d_a^p from
 * a(c) = 0, else the direct difference with both terms' rounding in the bound.
 */
export function powRealDifference(t: DifferenceTape, i: number, ia: number, p: number): void {
  const { vc, uc, u, d, m } = t;
  const ac = vc[ia]!;
  const da = d[ia]!;
  const a = ac + da;
  let r: number;
  let mm: number;
  if (ac > 0 && a > 0) {
    r = vc[i]! * Math.expm1(p * Math.log1p(da / ac));
    const slope = Math.abs(p) * Math.max(Math.abs(a ** p / a), Math.abs(vc[i]! / ac));
    mm = slope * (m[ia]! + (Math.abs(da) * uc[ia]! * (Math.abs(p) + 1)) / ac) + 5 * Math.abs(r);
  } else if (ac === 0 && da > 0) {
    r = da ** p;
    mm = Math.abs(p) * Math.abs(r / da) * m[ia]! + 3 * Math.abs(r);
  } else {
    r = a ** p - vc[i]!;
    mm = u[ia]! * Math.abs(p) * Math.abs(a ** (p - 1)) + uc[i]! + 2 * Math.abs(r) + 2 * Math.abs(vc[i]!);
  }
  d[i] = r;
  m[i] = mm;
}

/**
 * a^w, w a subtree: u^w = exp(w·log u), so d = u(c)^{w(c)}·expm1(Δ(w·log u)) while the base stays
 * positive, with Δ(w·log u) = d_w·log a(z) + w(c)·log1p(d_a/a(c)); else the direct difference.
 */
export function powDifference(t: DifferenceTape, i: number, ia: number, ib: number): void {
  const { vc, uc, u, d, m } = t;
  const ac = vc[ia]!;
  const da = d[ia]!;
  const bc = vc[ib]!;
  const db = d[ib]!;
  const a = ac + da;
  let r: number;
  let mm: number;
  if (ac > 0 && a > 0) {
    const l1 = Math.log1p(da / ac);
    const dw = db * Math.log(a) + bc * l1;
    r = vc[i]! * Math.expm1(dw);
    const mw =
      Math.abs(Math.log(a)) * m[ib]! +
      Math.abs(db) * (u[ia]! / a + 1) +
      (Math.abs(bc) * (m[ia]! + (Math.abs(da) * uc[ia]!) / ac)) / Math.min(a, ac) +
      Math.abs(l1) * uc[ib]! +
      Math.abs(dw);
    mm = Math.max(Math.abs(vc[i]! + r), Math.abs(vc[i]!)) * mw + Math.abs(dw) * uc[i]! + 4 * Math.abs(r);
  } else {
    r = a ** (bc + db) - vc[i]!;
    mm = u[ia]! + u[ib]! + uc[i]! + 2 * Math.abs(r) + 2 * Math.abs(vc[i]!);
  }
  d[i] = r;
  m[i] = mm;
}

/**
 * max(a, b) (isMax) or min(a, b): the chosen operand's difference, exact, while the same side wins
 * at c and at z; when the sides switch, (new side at z) − (old side at c) with both rounding bounds.
 */
export function extremumDifference(t: DifferenceTape, i: number, ia: number, ib: number, isMax: boolean): void {
  const { vc, uc, d, m } = t;
  const ac = vc[ia]!;
  const bc = vc[ib]!;
  const a = ac + d[ia]!;
  const b = bc + d[ib]!;
  const firstZ = isMax ? a >= b : a <= b;
  const firstC = isMax ? ac >= bc : ac <= bc;
  if (firstZ === firstC) {
    const j = firstZ ? ia : ib;
    d[i] = d[j]!;
    m[i] = m[j]!;
  } else {
    // switched sides between c and z: (new side at z) − (old side at c)
    const r = firstZ ? ac - bc + d[ia]! : bc - ac + d[ib]!;
    d[i] = r;
    m[i] = uc[ia]! + uc[ib]! + m[ia]! + m[ib]! + 2 * Math.abs(r);
  }
}

/**
 * He_k(a): the differences D_j = He_j(a(z)) − He_j(a(c)) by the three-term recurrence
 * D_{j+1} = d_a·He_j(a(z)) + a(c)·D_j − j·D_{j−1}, D_0 = 0, D_1 = d_a, with He_j(a(z)) = He_j(a(c)) + D_j,
 * and their magnitudes alongside. Uses the tape's Hermite scratch for He_j(a(c)).
 */
export function hermiteDifference(t: DifferenceTape, i: number, ia: number, degree: number): void {
  const { vc, uc, d, m, hc } = t;
  const ac = vc[ia]!;
  const da = d[ia]!;
  const ma = m[ia]!;
  hermiteValues(degree, ac, hc);
  let dPrev = 0;
  let dCur = da;
  let mPrev = 0;
  let mCur = ma;
  if (degree === 0) {
    dCur = 0;
    mCur = 0;
  }
  for (let j = 1; j < degree; j++) {
    const hj = hc[j]! + dCur;
    const next = da * hj + ac * dCur - j * dPrev;
    const mNext =
      ma * Math.abs(hj) +
      Math.abs(da) * (j + 1) * (Math.abs(hj) + 1) * (Math.abs(ac + da) + 1) +
      Math.abs(ac) * mCur +
      Math.abs(dCur) * uc[ia]! +
      j * mPrev +
      3 * (Math.abs(da * hj) + Math.abs(ac * dCur) + j * Math.abs(dPrev));
    dPrev = dCur;
    dCur = next;
    mPrev = mCur;
    mCur = mNext;
  }
  d[i] = dCur;
  m[i] = mCur;
}
