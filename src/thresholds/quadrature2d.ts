/**
 * Drift coefficients of any oracle by two-dimensional quadrature (docs/theory.md §4):
 * for independent standard a, b and y = σ*(a) + √Δ·ε,
 *   μ_i = E[ψ(y, b)·He_i(a)·He_{i−1}(b)]/(i!·(i−1)!) = E[ψ(y, b)·h_i(a)·h_{i−1}(b)]/√(i!·(i−1)!),
 *   E[ψ²] (at m = 0) = E[ψ(y, b)²].
 * Both directions use a fixed composite Kronrod-21 rule on panels of width ≤ 1/4 over [−10, 10],
 * cut at the known kinks (the target's in a, the student's in b); the embedded Gauss-10 rule
 * gives each panel's error, summed in absolute value. The inner weights h_j(b)φ(b) are tabulated once.
 */
import type { RealFunction } from '../expr/compile.js';
import { GAUSS10_WEIGHTS, KRONROD21_NODES, KRONROD21_WEIGHTS } from '../quadrature/gaussKronrod.js';
import { divideBySqrtFactorial } from '../exact/factorialFloat.js';
import { orthonormalHermite } from '../numeric/hermite.js';
import { normalPdf } from '../numeric/special.js';

const WINDOW = 10;
const PANEL = 0.25;

interface CompositeRule {
  readonly nodes: Float64Array;
  readonly kronrod: Float64Array;
  /** Kronrod minus Gauss weight at each node (Gauss weight 0 off the Gauss nodes). */
  readonly difference: Float64Array;
  /** Panel index of each node. */
  readonly panel: Int32Array;
}

/** The composite rule on [−W, W] cut at `cuts`, panels no wider than PANEL. */
function compositeRule(cuts: readonly number[]): CompositeRule {
  const edges = [-WINDOW, ...cuts.filter((c) => Math.abs(c) < WINDOW).sort((a, b) => a - b), WINDOW];
  const panels: [number, number][] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [a, b] = [edges[i]!, edges[i + 1]!];
    if (b - a <= 1e-12) continue;
    const n = Math.ceil((b - a) / PANEL);
    for (let j = 0; j < n; j++) panels.push([a + ((b - a) * j) / n, a + ((b - a) * (j + 1)) / n]);
  }
  const perPanel = 21;
  const nodes = new Float64Array(panels.length * perPanel);
  const kronrod = new Float64Array(nodes.length);
  const difference = new Float64Array(nodes.length);
  const panel = new Int32Array(nodes.length);
  panels.forEach(([a, b], p) => {
    const mid = 0.5 * (a + b);
    const half = 0.5 * (b - a);
    let n = p * perPanel;
    for (let j = 0; j < 11; j++) {
      const x = KRONROD21_NODES[j]!;
      const gauss = j % 2 === 1 ? GAUSS10_WEIGHTS[(j - 1) / 2]! : 0;
      for (const s of x === 0 ? [1] : [-1, 1]) {
        nodes[n] = mid + s * half * x;
        kronrod[n] = half * KRONROD21_WEIGHTS[j]!;
        difference[n] = half * (KRONROD21_WEIGHTS[j]! - gauss);
        panel[n] = p;
        n++;
      }
    }
  });
  return { nodes, kronrod, difference, panel };
}

export interface QuadratureDrift {
  /** μ_i at index i − 1, i = 1..I. */
  readonly mu: Float64Array;
  readonly muError: Float64Array;
  readonly secondMoment: number;
  readonly secondMomentError: number;
}

/** Integrate `values(x)` (a vector; n is the node's index in the rule) against the rule; returns value and per-component error. */
function integrate(rule: CompositeRule, dim: number, values: (x: number, out: Float64Array, n: number) => void): { value: Float64Array; error: Float64Array } {
  const value = new Float64Array(dim);
  const error = new Float64Array(dim);
  const panelDiff = new Float64Array(dim);
  const v = new Float64Array(dim);
  let current = 0;
  const flush = () => {
    for (let j = 0; j < dim; j++) error[j]! += Math.abs(panelDiff[j]!);
    panelDiff.fill(0);
  };
  for (let n = 0; n < rule.nodes.length; n++) {
    if (rule.panel[n] !== current) {
      flush();
      current = rule.panel[n]!;
    }
    values(rule.nodes[n]!, v, n);
    for (let j = 0; j < dim; j++) {
      value[j]! += rule.kronrod[n]! * v[j]!;
      panelDiff[j]! += rule.difference[n]! * v[j]!;
    }
  }
  flush();
  return { value, error };
}

/**
 * @example driftByQuadrature(Math.tanh, [], [], (y, z) => y * (1 - Math.tanh(z) ** 2), 4, 0).mu.length // 4
 */
export function driftByQuadrature(
  target: RealFunction,
  targetCuts: readonly number[],
  studentCuts: readonly number[],
  psi: (y: number, z: number) => number,
  maxIndex: number,
  noiseVariance: number,
): QuadratureDrift {
  const I = maxIndex;
  const outerRule = compositeRule(targetCuts);
  const innerRule = compositeRule(studentCuts);
  // φ(b) and h_j(b) tabulated at the inner nodes
  const ha = new Float64Array(I + 1);
  const basis = innerRule.nodes.map((b) => normalPdf(b));
  const hermite: Float64Array[] = Array.from(innerRule.nodes, (b) => {
    const out = new Float64Array(I);
    orthonormalHermite(b, out);
    return out;
  });
  // inner: J_j(y) = ∫ ψ(y, b) h_j(b) φ(b) db (j = 0..I−1), S(y) = ∫ ψ(y, b)² φ(b) db, with errors
  const innerAt = (y: number) =>
    integrate(innerRule, I + 1, (b, out, n) => {
      const p = psi(y, b);
      const v = p * basis[n]!;
      const hn = hermite[n]!;
      for (let j = 0; j < I; j++) out[j] = v * hn[j]!;
      out[I] = v * p;
    });
  const noiseRule = noiseVariance > 0 ? compositeRule([]) : null;
  const sd = Math.sqrt(Math.max(noiseVariance, 0));
  const outer = integrate(outerRule, 2 * (I + 1), (a, out) => {
    const y = target(a);
    let inner: { value: Float64Array; error: Float64Array };
    if (noiseRule) {
      const r = integrate(noiseRule, 2 * (I + 1), (eps, o) => {
        const v = innerAt(y + sd * eps);
        const w = normalPdf(eps);
        for (let j = 0; j <= I; j++) {
          o[j] = v.value[j]! * w;
          o[I + 1 + j] = v.error[j]! * w;
        }
      });
      inner = { value: r.value.subarray(0, I + 1), error: r.value.subarray(I + 1) };
    } else {
      inner = innerAt(y);
    }
    const w = normalPdf(a);
    orthonormalHermite(a, ha);
    for (let i = 1; i <= I; i++) {
      out[i - 1] = inner.value[i - 1]! * ha[i]! * w;
      out[I + 1 + i - 1] = inner.error[i - 1]! * Math.abs(ha[i]!) * w;
    }
    out[I] = inner.value[I]! * w;
    out[2 * I + 1] = inner.error[I]! * w;
  });
  const mu = new Float64Array(I);
  const muError = new Float64Array(I);
  for (let i = 1; i <= I; i++) {
    // 1/√(i!·(i−1)!)
    const scale = (x: number) => divideBySqrtFactorial(divideBySqrtFactorial(x, i), i - 1);
    mu[i - 1] = scale(outer.value[i - 1]!);
    muError[i - 1] = scale(outer.error[i - 1]! + outer.value[I + i]!);
  }
  return { mu, muError, secondMoment: outer.value[I]!, secondMomentError: outer.error[I]! + outer.value[2 * I + 1]! };
}
