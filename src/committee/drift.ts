/**
 * The right-hand side of the committee's overlap ODE (arXiv 2305.18502, eqs. overlapping_ODE and
 * overlapping_spherical_ODE, for any σ, σ*; docs/theory.md §7). With ℰ = σ*(λ*) − (1/p)Σ_s a_s σ(λ_s) + √Δ·ε
 * and (λ*, λ_1..λ_p) ~ N(0, Ω), Ω = [[1, mᵀ], [m, Q]]:
 *
 *     Ψ_j  = a_j·E[ℰ σ'(λ_j) λ*]
 *     Φ_jl = a_j·E[ℰ σ'(λ_j) λ_l] + a_l·E[ℰ σ'(λ_l) λ_j] + (γ/p)·a_j a_l·E[ℰ² σ'(λ_j) σ'(λ_l)]
 *     dm_j/dt = Ψ_j − (m_j/2)·Φ_jj,   dQ_jl/dt = Φ_jl − (Q_jl/2)(Φ_jj + Φ_ll),   da_j/dt = (γ_a/γ)·E[ℰ σ(λ_j)].
 *
 * Polynomial σ, σ*: every expectation is a moment template of ≤ 4 unit-variance fields (moments.ts),
 * exact formulas evaluated in floating point. Otherwise: tensor Gauss–Hermite in the Cholesky
 * coordinates of Ω (width ≤ 3, i.e. ≤ 4 fields), marked numeric, with an error estimate from two node counts.
 */
import { OutOfRangeError } from '../errors.js';
import { polyDerivative, polyFromInts, polyMul, type Polynomial } from '../poly/polynomial.js';
import { gaussHermiteRule } from './gaussRules.js';
import { momentTemplate } from './moments.js';
import { type CommitteeSpec, checkSpec, initialSecondLayer, type ResolvedLink, resolveLink, type StateLayout, stateLayout, unpackInto } from './spec.js';

/** Ψ (p), Φ (p×p row-major, symmetric) and E[ℰσ(λ_j)] (p) at one state. */
export interface DriftParts {
  readonly psi: Float64Array;
  readonly phi: Float64Array;
  readonly secondLayer: Float64Array;
}

export interface CommitteeDrift {
  readonly layout: StateLayout;
  /** True when σ and σ* are polynomials (exact moment formulas); false for Gauss–Hermite. */
  readonly exact: boolean;
  /** Nodes per dimension of the numeric route (0 when exact). */
  readonly nodes: number;
  /** d(state)/dt written into `out` (same layout). */
  rhs(state: Float64Array, out: Float64Array): void;
  /** Ψ, Φ and the second-layer drift E[ℰσ(λ_j)] at `state`. */
  parts(state: Float64Array): DriftParts;
  /** Numeric route: 2·max |rhs_n − rhs_{n'}| over the state's entries (n' = ⌈1.5n⌉ nodes, safety factor 2); 0 when exact. */
  errorAt(state: Float64Array): number;
}

/** Largest width of the numeric (Gauss–Hermite) route: p + 1 ≤ 4 fields. */
export const MAX_NUMERIC_WIDTH = 3;

export interface DriftOptions {
  /** Gauss–Hermite nodes per dimension (numeric route); default `defaultNodes(p)`. */
  readonly nodes?: number;
}

/**
 * Gauss–Hermite nodes per dimension of the numeric route by default: 48 for p ≤ 2, 20 for p = 3 (p + 1 fields).
 * @example defaultNodes(3) // 20
 */
export const defaultNodes = (width: number): number => (width <= 2 ? 48 : 20);

/**
 * The committee ODE's right-hand side for `spec`. For σ = σ* = z², p = 1, a = 1, Δ = 0, γ = 0.1, m = 0.5:
 * dm/dt = m[4(1 − 6γ)(1 − m²) − 2γΔ] = 0.6 (paper eq. spherical-p1-ode).
 * @example const f = committeeDrift({ width: 1, target: 'z^2', activation: 'z^2', noise: 0, gamma: 0.1, secondLayer: { trained: false } }); const out = new Float64Array(1); f.rhs(Float64Array.of(0.5), out); out[0] // ≈ 0.6
 */
export function committeeDrift(spec: CommitteeSpec, options: DriftOptions = {}): CommitteeDrift {
  checkSpec(spec);
  const target = resolveLink(spec.target);
  const activation = resolveLink(spec.activation);
  const layout = stateLayout(spec.width, spec.secondLayer.trained);
  const aFixed = initialSecondLayer(spec);
  const compute =
    target.polynomial && activation.polynomial
      ? exactParts(spec, target.polynomial, activation.polynomial)
      : numericParts(spec, target, activation, options.nodes ?? defaultNodes(spec.width));
  const exact = compute.nodes === 0;
  const p = spec.width;
  const m = new Float64Array(p);
  const Q = new Float64Array(p * p);
  const a = new Float64Array(p);
  const scratch = { psi: new Float64Array(p), phi: new Float64Array(p * p), secondLayer: new Float64Array(p) };
  const rateRatio = (spec.secondLayer.rate ?? spec.gamma) / spec.gamma;
  const assemble = (out: Float64Array, parts: DriftParts): void => {
    const { psi, phi, secondLayer } = parts;
    for (let j = 0; j < p; j++) out[j] = psi[j]! - 0.5 * m[j]! * phi[j * p + j]!;
    for (let j = 0; j < p; j++)
      for (let l = j + 1; l < p; l++) out[layout.qIndex(j, l)] = phi[j * p + l]! - 0.5 * Q[j * p + l]! * (phi[j * p + j]! + phi[l * p + l]!);
    if (layout.trained) for (let j = 0; j < p; j++) out[layout.aOffset + j] = rateRatio * secondLayer[j]!;
  };
  const rhs = (state: Float64Array, out: Float64Array): void => {
    unpackInto(layout, state, aFixed, m, Q, a);
    compute.run(m, Q, a, scratch, compute.nodes);
    assemble(out, scratch);
  };
  return {
    layout,
    exact,
    nodes: compute.nodes,
    rhs,
    parts(state) {
      unpackInto(layout, state, aFixed, m, Q, a);
      const parts = { psi: new Float64Array(p), phi: new Float64Array(p * p), secondLayer: new Float64Array(p) };
      compute.run(m, Q, a, parts, compute.nodes);
      return parts;
    },
    errorAt(state) {
      if (exact) return 0;
      const one = new Float64Array(layout.size);
      const two = new Float64Array(layout.size);
      unpackInto(layout, state, aFixed, m, Q, a);
      compute.run(m, Q, a, scratch, compute.nodes);
      assemble(one, scratch);
      compute.run(m, Q, a, scratch, Math.ceil(1.5 * compute.nodes));
      assemble(two, scratch);
      let err = 0;
      for (let i = 0; i < one.length; i++) err = Math.max(err, Math.abs(one[i]! - two[i]!));
      return 2 * err;
    },
  };
}

interface PartsRoute {
  readonly nodes: number;
  run(m: Float64Array, Q: Float64Array, a: Float64Array, out: DriftParts, nodes: number): void;
}

/** A template's terms: coefficient and exponents per pair (template order). */
interface Terms {
  readonly c: Float64Array;
  readonly e: Uint8Array;
  readonly pairs: number;
  readonly count: number;
  readonly maxExponent: number;
}

function termsOf(polys: Polynomial[]): Terms {
  const t = momentTemplate(polys);
  return { c: t.coefficients, e: t.exponents, pairs: t.pairs.length, count: t.coefficients.length, maxExponent: Math.max(0, ...t.maxExponent) };
}

/**
 * Exact route: the expectations as moment templates (moments.ts), summed over neurons with power
 * tables m_j^r, Q_jl^r computed once per call. The double sum Σ_{s,t} a_s a_t E[σ(λ_s)σ(λ_t)σ'(λ_j)σ'(λ_l)]
 * is taken term by term: a term without a Q_st factor splits into two single sums, a chain
 * Q_js^b·Q_st^f·Q_tl^e is the matrix product (Q^{∘b} D_a Q^{∘f} D_a Q^{∘e})_jl; only the others cost p⁴.
 */
function exactParts(spec: CommitteeSpec, sigmaStar: Polynomial, sigma: Polynomial): PartsRoute {
  const p = spec.width;
  const z = polyFromInts([0, 1]);
  const ds = polyDerivative(sigma);
  // Slot orders and the pair order of each template (pairs (0,1), (0,2), …, (1,2), …):
  const psiT = termsOf([polyMul(sigmaStar, z), ds]); // (*, j): [m_j]
  const psiS = termsOf([z, ds, sigma]); // (*, j, s): [m_j, m_s, Q_js]
  const phiT = termsOf([sigmaStar, ds, z]); // (*, j, l): [m_j, m_l, Q_jl]
  const phiS = termsOf([sigma, ds, z]); // (s, j, l): [Q_sj, Q_sl, Q_jl]
  const gTT = termsOf([polyMul(sigmaStar, sigmaStar), ds, ds]); // (*, j, l): [m_j, m_l, Q_jl]
  const gTS = termsOf([sigmaStar, sigma, ds, ds]); // (*, s, j, l): [m_s, m_j, m_l, Q_sj, Q_sl, Q_jl]
  const gSS = termsOf([sigma, sigma, ds, ds]); // (s, t, j, l): [Q_st, Q_sj, Q_sl, Q_tj, Q_tl, Q_jl]
  const gN = termsOf([ds, ds]); // (j, l): [Q_jl]
  const aT = termsOf([sigmaStar, sigma]); // (*, j): [m_j]
  const aS = termsOf([sigma, sigma]); // (s, j): [Q_sj]
  const R = Math.max(...[psiT, psiS, phiT, phiS, gTT, gTS, gSS, gN, aT, aS].map((t) => t.maxExponent));
  const pp = p * p;
  const mp = new Float64Array((R + 1) * p); // mp[r·p + j] = m_j^r
  const qp = new Float64Array((R + 1) * pp); // qp[r·p² + j·p + l] = Q_jl^r
  const E = new Float64Array(pp); // E[ℰ σ'(λ_j) λ_l]
  const G = new Float64Array(pp); // E[ℰ₀² σ'(λ_j) σ'(λ_l)], ℰ₀ = ℰ without noise
  const left = new Float64Array(pp);
  const mid = new Float64Array(pp);
  const u = new Float64Array(p);
  const gamma = spec.gamma;
  const delta = spec.noise;
  const M = (r: number, j: number): number => mp[r * p + j]!;
  const q = (r: number, j: number, l: number): number => qp[r * pp + j * p + l]!;
  /** (Q^{∘b} D_a Q^{∘f} D_a Q^{∘e}) into `out`. */
  const chain = (b: number, f: number, e: number, a: Float64Array, out: Float64Array): void => {
    // left = Q^{∘b} D_a Q^{∘f} D_a (row by row, i-k-j order), out = left·Q^{∘e}.
    left.fill(0);
    for (let j = 0; j < p; j++)
      for (let s = 0; s < p; s++) {
        const x = qp[b * pp + j * p + s]! * a[s]!;
        if (x === 0) continue;
        const row = f * pp + s * p;
        for (let t = 0; t < p; t++) left[j * p + t] = left[j * p + t]! + x * qp[row + t]!;
      }
    for (let j = 0; j < p; j++) for (let t = 0; t < p; t++) left[j * p + t] = left[j * p + t]! * a[t]!;
    out.fill(0);
    for (let j = 0; j < p; j++)
      for (let t = 0; t < p; t++) {
        const x = left[j * p + t]!;
        const row = e * pp + t * p;
        for (let l = 0; l < p; l++) out[j * p + l] = out[j * p + l]! + x * qp[row + l]!;
      }
  };
  return {
    nodes: 0,
    run(m, Q, a, out) {
      const { psi, phi, secondLayer } = out;
      for (let j = 0; j < p; j++) {
        mp[j] = 1;
        for (let r = 1; r <= R; r++) mp[r * p + j] = mp[(r - 1) * p + j]! * m[j]!;
      }
      for (let i = 0; i < pp; i++) {
        qp[i] = 1;
        for (let r = 1; r <= R; r++) qp[r * pp + i] = qp[(r - 1) * pp + i]! * Q[i]!;
      }
      for (let j = 0; j < p; j++) {
        let target = 0;
        for (let k = 0; k < psiT.count; k++) target += psiT.c[k]! * M(psiT.e[k]!, j);
        let student = 0;
        for (let k = 0; k < psiS.count; k++) {
          const ms = psiS.e[3 * k + 1]! * p;
          const qj = psiS.e[3 * k + 2]! * pp + j * p;
          let v = 0;
          for (let s = 0; s < p; s++) v += a[s]! * mp[ms + s]! * qp[qj + s]!;
          student += psiS.c[k]! * M(psiS.e[3 * k]!, j) * v;
        }
        psi[j] = a[j]! * (target - student / p);
        let at = 0;
        for (let k = 0; k < aT.count; k++) at += aT.c[k]! * M(aT.e[k]!, j);
        let as = 0;
        for (let s = 0; s < p; s++) {
          let v = 0;
          for (let k = 0; k < aS.count; k++) v += aS.c[k]! * q(aS.e[k]!, s, j);
          as += a[s]! * v;
        }
        secondLayer[j] = at - as / p;
      }
      for (let j = 0; j < p; j++)
        for (let l = 0; l < p; l++) {
          let v = 0;
          for (let k = 0; k < phiT.count; k++) v += phiT.c[k]! * M(phiT.e[3 * k]!, j) * M(phiT.e[3 * k + 1]!, l) * q(phiT.e[3 * k + 2]!, j, l);
          let student = 0;
          for (let k = 0; k < phiS.count; k++) {
            const factor = phiS.c[k]! * q(phiS.e[3 * k + 2]!, j, l);
            const qj = phiS.e[3 * k]! * pp + j * p;
            const ql = phiS.e[3 * k + 1]! * pp + l * p;
            let w = 0;
            for (let s = 0; s < p; s++) w += a[s]! * qp[qj + s]! * qp[ql + s]!;
            student += factor * w;
          }
          E[j * p + l] = v - student / p;
        }
      // G = E[σ*²σ'σ'] − (2/p)Σ_s a_s E[σ*σ_sσ'σ'] + (1/p²)Σ_{s,t} a_s a_t E[σ_sσ_tσ'σ'], for j ≤ l.
      for (let j = 0; j < p; j++)
        for (let l = j; l < p; l++) {
          let tt = 0;
          for (let k = 0; k < gTT.count; k++) tt += gTT.c[k]! * M(gTT.e[3 * k]!, j) * M(gTT.e[3 * k + 1]!, l) * q(gTT.e[3 * k + 2]!, j, l);
          let ts = 0;
          for (let k = 0; k < gTS.count; k++) {
            const x = gTS.e;
            const o = 6 * k;
            const factor = gTS.c[k]! * M(x[o + 1]!, j) * M(x[o + 2]!, l) * q(x[o + 5]!, j, l);
            if (factor === 0) continue;
            const ms = x[o]! * p;
            const qj = x[o + 3]! * pp + j * p;
            const ql = x[o + 4]! * pp + l * p;
            let w = 0;
            for (let s = 0; s < p; s++) w += a[s]! * mp[ms + s]! * qp[qj + s]! * qp[ql + s]!;
            ts += factor * w;
          }
          let noise = 0;
          for (let k = 0; k < gN.count; k++) noise += gN.c[k]! * q(gN.e[k]!, j, l);
          G[j * p + l] = tt - (2 / p) * ts + delta * noise;
        }
      for (let k = 0; k < gSS.count; k++) {
        const o = 6 * k;
        const f = gSS.e[o]!;
        const b = gSS.e[o + 1]!;
        const d = gSS.e[o + 2]!;
        const c = gSS.e[o + 3]!;
        const e = gSS.e[o + 4]!;
        const x = gSS.e[o + 5]!;
        const coef = gSS.c[k]! / pp;
        if (f === 0 || (d === 0 && c === 0) || (b === 0 && e === 0)) {
          if (f === 0) {
            for (let j = 0; j < p; j++)
              for (let l = j; l < p; l++) {
                let us = 0;
                let vt = 0;
                const bj = b * pp + j * p;
                const dl = d * pp + l * p;
                const cj = c * pp + j * p;
                const el = e * pp + l * p;
                for (let s = 0; s < p; s++) {
                  us += a[s]! * qp[bj + s]! * qp[dl + s]!;
                  vt += a[s]! * qp[cj + s]! * qp[el + s]!;
                }
                mid[j * p + l] = us * vt;
              }
          } else if (d === 0 && c === 0) chain(b, f, e, a, mid);
          else {
            chain(d, f, c, a, mid);
            for (let j = 0; j < p; j++)
              for (let l = j + 1; l < p; l++) {
                const t = mid[j * p + l]!;
                mid[j * p + l] = mid[l * p + j]!;
                mid[l * p + j] = t;
              }
          }
          for (let j = 0; j < p; j++) for (let l = j; l < p; l++) G[j * p + l] = G[j * p + l]! + coef * q(x, j, l) * mid[j * p + l]!;
          continue;
        }
        for (let j = 0; j < p; j++)
          for (let l = j; l < p; l++) {
            for (let t = 0; t < p; t++) u[t] = a[t]! * qp[c * pp + j * p + t]! * qp[e * pp + l * p + t]!;
            let sum = 0;
            for (let s = 0; s < p; s++) {
              const row = f * pp + s * p;
              let inner = 0;
              for (let t = 0; t < p; t++) inner += qp[row + t]! * u[t]!;
              sum += a[s]! * qp[b * pp + j * p + s]! * qp[d * pp + l * p + s]! * inner;
            }
            G[j * p + l] = G[j * p + l]! + coef * q(x, j, l) * sum;
          }
      }
      for (let j = 0; j < p; j++)
        for (let l = j; l < p; l++) {
          const v = a[j]! * E[j * p + l]! + a[l]! * E[l * p + j]! + (gamma / p) * a[j]! * a[l]! * G[j * p + l]!;
          phi[j * p + l] = v;
          phi[l * p + j] = v;
        }
    },
  };
}

/**
 * Numeric route: one tensor Gauss–Hermite sum over the p + 1 fields, λ = L·g with Ω = L·Lᵀ
 * (Cholesky, pivots clamped at 0 so that a singular Ω — m_j = ±1 — is allowed).
 */
function numericParts(spec: CommitteeSpec, target: ResolvedLink, activation: ResolvedLink, ruleNodes: number): PartsRoute {
  const p = spec.width;
  if (p > MAX_NUMERIC_WIDTH) {
    throw new OutOfRangeError(
      `the committee ODE for a non-polynomial link (${target.polynomial ? activation.source : target.source}) uses a ${p + 1}-dimensional Gauss–Hermite rule; widths above ${MAX_NUMERIC_WIDTH} are not supported`,
    );
  }
  const n = p + 1;
  const L = new Float64Array(n * n);
  const lambda = new Float64Array(n);
  const sig = new Float64Array(p);
  const dsig = new Float64Array(p);
  const A = new Float64Array(p * p);
  const B = new Float64Array(p * p);
  const N = new Float64Array(p * p);
  const index = new Int32Array(n);
  const gamma = spec.gamma;
  const delta = spec.noise;
  return {
    nodes: ruleNodes,
    run(m, Q, a, out, nodes) {
      const { psi, phi, secondLayer } = out;
      choleskyOfOmega(m, Q, p, L);
      const rule = gaussHermiteRule(nodes);
      psi.fill(0);
      secondLayer.fill(0);
      A.fill(0);
      B.fill(0);
      N.fill(0);
      index.fill(0);
      const total = nodes ** n;
      for (let count = 0; count < total; count++) {
        let w = 1;
        for (let i = 0; i < n; i++) w *= rule.weights[index[i]!]!;
        for (let i = 0; i < n; i++) {
          let v = 0;
          for (let k = 0; k <= i; k++) v += L[i * n + k]! * rule.nodes[index[k]!]!;
          lambda[i] = v;
        }
        let e = target.f(lambda[0]!);
        for (let j = 0; j < p; j++) {
          sig[j] = activation.f(lambda[j + 1]!);
          dsig[j] = activation.df(lambda[j + 1]!);
          e -= (a[j]! * sig[j]!) / p;
        }
        for (let j = 0; j < p; j++) {
          psi[j] = psi[j]! + w * e * dsig[j]! * lambda[0]!;
          secondLayer[j] = secondLayer[j]! + w * e * sig[j]!;
          for (let l = 0; l < p; l++) {
            A[j * p + l] = A[j * p + l]! + w * e * dsig[j]! * lambda[l + 1]!;
            B[j * p + l] = B[j * p + l]! + w * e * e * dsig[j]! * dsig[l]!;
            N[j * p + l] = N[j * p + l]! + w * dsig[j]! * dsig[l]!;
          }
        }
        for (let i = 0; i < n; i++) {
          index[i] = index[i]! + 1;
          if (index[i]! < nodes) break;
          index[i] = 0;
        }
      }
      for (let j = 0; j < p; j++) {
        psi[j] = a[j]! * psi[j]!;
        for (let l = 0; l < p; l++)
          phi[j * p + l] = a[j]! * A[j * p + l]! + a[l]! * A[l * p + j]! + (gamma / p) * a[j]! * a[l]! * (B[j * p + l]! + delta * N[j * p + l]!);
      }
    },
  };
}

/** Lower Cholesky factor of Ω = [[1, mᵀ], [m, Q]] ((p+1)×(p+1), row-major), pivots clamped at 0. */
export function choleskyOfOmega(m: ArrayLike<number>, Q: ArrayLike<number>, p: number, L: Float64Array): void {
  const n = p + 1;
  const omega = (i: number, k: number): number => {
    if (i === 0 && k === 0) return 1;
    if (i === 0) return m[k - 1]!;
    if (k === 0) return m[i - 1]!;
    return i === k ? 1 : Q[(i - 1) * p + (k - 1)]!;
  };
  L.fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k <= i; k++) {
      let s = omega(i, k);
      for (let r = 0; r < k; r++) s -= L[i * n + r]! * L[k * n + r]!;
      if (i === k) L[i * n + i] = Math.sqrt(Math.max(s, 0));
      else {
        const pivot = L[k * n + k]!;
        L[i * n + k] = pivot > 1e-14 ? s / pivot : 0;
      }
    }
  }
}
