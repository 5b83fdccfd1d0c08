/**
 * Walker's alias method (Vose's construction): a discrete law on {0, …, n−1} with weights w,
 * drawn in O(1) from one uniform v: j = ⌊n·v⌋, then j if the fraction n·v − j is below prob[j],
 * else alias[j]. Column j carries prob[j] of its own index and 1 − prob[j] of alias[j], so
 * P(i) = (prob[i] + Σ_{j: alias[j] = i} (1 − prob[j]))/n = w_i/Σw (up to the rounding of prob).
 */
export class AliasTable {
  readonly prob: Float64Array;
  readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`AliasTable: weight ${i} must be finite and ≥ 0, got ${w}`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError('AliasTable: the weights must not all be 0');
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Float64Array.from({ length: n }, (_, i) => (weights[i]! * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = n - 1; i >= 0; i--) (scaled[i]! < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    // what is left has weight 1 up to rounding
    for (const i of large) {
      this.prob[i] = 1;
      this.alias[i] = i;
    }
    for (const i of small) {
      this.prob[i] = 1;
      this.alias[i] = i;
    }
  }

  /** The index for a uniform v ∈ [0, 1). */
  pick(v: number): number {
    const x = v * this.prob.length;
    const j = Math.floor(x);
    return x - j < this.prob[j]! ? j : this.alias[j]!;
  }
}
