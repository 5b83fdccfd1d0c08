/**
 * Gauss rules from their Jacobi matrices (Golub–Welsch): the n nodes are the eigenvalues of the
 * symmetric tridiagonal matrix with diagonal a_0..a_{n−1} and off-diagonal b_1..b_{n−1} of the
 * three-term recurrence, and the weight of node x_i is μ_0·v_{i,0}², v_i its unit eigenvector.
 * Weights here sum to 1: the rules integrate against probability measures.
 */

/** Nodes and weights of an n-point Gauss rule (weights sum to 1). */
export interface GaussRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric tridiagonal matrix by the implicit QL method (Numerical
 * Recipes' tqli), keeping only the first component of each eigenvector.
 */
function jacobiRule(diagonal: Float64Array, offDiagonal: Float64Array): GaussRule {
  const n = diagonal.length;
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(n);
  for (let i = 1; i < n; i++) e[i - 1] = offDiagonal[i - 1]!;
  // z holds the first row of the eigenvector matrix (starts as e_0).
  const z = new Float64Array(n);
  z[0] = 1;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iterations > 60) throw new Error('jacobiRule: no convergence');
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        let f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = d[i + 1]! - p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        f = z[i + 1]!;
        z[i + 1] = s * z[i]! + c * f;
        z[i] = c * z[i]! - s * f;
      }
      if (underflow) continue;
      d[l] = d[l]! - p;
      e[l] = g;
      e[m] = 0;
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[x]! - d[y]!);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  let total = 0;
  order.forEach((k, i) => {
    nodes[i] = d[k]!;
    weights[i] = z[k]! * z[k]!;
    total += weights[i]!;
  });
  for (let i = 0; i < n; i++) weights[i] = weights[i]! / total;
  return { nodes, weights };
}

const hermiteCache = new Map<number, GaussRule>();

/**
 * n-point Gauss–Hermite rule for E[f(g)], g ~ N(0, 1) (probabilists' weight e^{−z²/2}/√(2π)):
 * recurrence He_{k+1} = z·He_k − k·He_{k−1}, so a_k = 0, b_k = √k. Exact for polynomials of degree < 2n.
 * @example gaussHermiteRule(3).nodes[2] // ≈ Math.sqrt(3)
 */
export function gaussHermiteRule(n: number): GaussRule {
  const known = hermiteCache.get(n);
  if (known) return known;
  const off = new Float64Array(Math.max(n - 1, 0));
  for (let k = 1; k < n; k++) off[k - 1] = Math.sqrt(k);
  const rule = jacobiRule(new Float64Array(n), off);
  hermiteCache.set(n, rule);
  return rule;
}

/**
 * n-point generalised Gauss–Laguerre rule for E[f(u)], u ~ Gamma(shape, 1) (weight u^{shape−1}e^{−u}/Γ(shape)):
 * a_k = 2k + shape, b_k = √(k·(k + shape − 1)). E[u] = shape is integrated exactly.
 * @example gaussLaguerreRule(4, 0.5).nodes.reduce((s, x, i) => s + x * gaussLaguerreRule(4, 0.5).weights[i], 0) // ≈ 0.5
 */
export function gaussLaguerreRule(n: number, shape: number): GaussRule {
  const diag = new Float64Array(n);
  const off = new Float64Array(Math.max(n - 1, 0));
  for (let k = 0; k < n; k++) diag[k] = 2 * k + shape;
  for (let k = 1; k < n; k++) off[k - 1] = Math.sqrt(k * (k + shape - 1));
  return jacobiRule(diag, off);
}
