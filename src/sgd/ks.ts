/**
 * Two-sample Kolmogorov–Smirnov test, used to check that two simulation engines give the same
 * law of hitting times.
 *
 * Statistic: D = sup_t |F₁(t) − F₂(t)| over the two empirical distribution functions (ties
 * handled by stepping past every copy of a value in both samples at once). Censored values (a run
 * that never hit) are +∞ and `null` is read as +∞; both samples must be censored at the same cap
 * for the comparison to mean anything.
 *
 * p-value: the asymptotic Kolmogorov law with Stephens' small-sample correction (Stephens 1970,
 * as in Numerical Recipes' `probks`): p = Q((√nₑ + 0.12 + 0.11/√nₑ)·D), nₑ = n₁n₂/(n₁+n₂), with
 * Q(λ) = P(K > λ) = 2·Σ_{k≥1} (−1)^{k−1}·e^{−2k²λ²}. With ties (discrete or censored data) the
 * test is conservative: the true p-value is at least as large.
 */

/**
 * Q(λ) = P(K > λ) for the Kolmogorov distribution K = sup|Brownian bridge|.
 * λ ≥ 1: Q = 2Σ_{k≥1}(−1)^{k−1}e^{−2k²λ²}; λ < 1: the dual series
 * Q = 1 − (√(2π)/λ)·Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)} (both converge to double precision in a few terms).
 */
export function kolmogorovSurvival(lambda: number): number {
  if (Number.isNaN(lambda)) throw new RangeError('kolmogorovSurvival: λ is NaN');
  if (lambda <= 0) return 1;
  if (lambda < 1) {
    const a = (-Math.PI * Math.PI) / (8 * lambda * lambda);
    let s = 0;
    for (let k = 1; k <= 20; k++) {
      const term = Math.exp(a * (2 * k - 1) * (2 * k - 1));
      s += term;
      if (term < 1e-18 * s) break;
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * s));
  }
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    s += k % 2 === 1 ? term : -term;
    if (term < 1e-18) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

export interface KsResult {
  /** D = sup |F₁ − F₂| */
  readonly statistic: number;
  /** asymptotic p-value with Stephens' correction (see the module comment) */
  readonly pValue: number;
  readonly n1: number;
  readonly n2: number;
}

function sorted(xs: readonly (number | null)[], what: string): Float64Array {
  const out = new Float64Array(xs.length);
  xs.forEach((x, i) => {
    const v = x === null ? Infinity : x;
    if (Number.isNaN(v)) throw new RangeError(`ksTwoSample: ${what}[${i}] is NaN`);
    out[i] = v;
  });
  return out.sort();
}

/** Two-sample KS statistic D and its p-value; `null` entries count as +∞ (censored). */
export function ksTwoSample(a: readonly (number | null)[], b: readonly (number | null)[]): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ksTwoSample: both samples must be non-empty');
  const x = sorted(a, 'a');
  const y = sorted(b, 'b');
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    const t = Math.min(x[i]!, y[j]!);
    while (i < n1 && x[i] === t) i++;
    while (j < n2 && y[j] === t) j++;
    d = Math.max(d, Math.abs(i / n1 - j / n2));
  }
  const ne = (n1 * n2) / (n1 + n2);
  const sq = Math.sqrt(ne);
  return { statistic: d, pValue: kolmogorovSurvival((sq + 0.12 + 0.11 / sq) * d), n1, n2 };
}
