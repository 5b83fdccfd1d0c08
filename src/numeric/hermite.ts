/**
 * Hermite polynomial values in double precision by their three-term recurrences (N(0,1) measure):
 * probabilists' He_{k+1} = x·He_k − k·He_{k−1}, and orthonormal h_k = He_k/√k! with
 * h_{k+1} = (x·h_k − √k·h_{k−1})/√(k+1).
 */

/**
 * He_k(x) by He_{j+1} = x·He_j − j·He_{j−1}, He_0 = 1, He_1 = x; He_3(2) = 2³ − 3·2.
 * @example probabilistsHermite(3, 2) // 2
 */
export function probabilistsHermite(k: number, x: number): number {
  if (k === 0) return 1;
  let prev = 1;
  let cur = x;
  for (let j = 1; j < k; j++) {
    const next = x * cur - j * prev;
    prev = cur;
    cur = next;
  }
  return cur;
}

/**
 * Writes h_{from}(x), …, h_{from+n−1}(x) into out[0..n−1], n = out.length, where h_k = He_k/√k!
 * (orthonormal under N(0,1)), by h_{k+1} = (x·h_k − √k·h_{k−1})/√(k+1). `from` is 0 or 1.
 */
export function orthonormalHermite(x: number, out: Float64Array, from: 0 | 1 = 0): void {
  let prev = 1; // h_0
  let cur = x; // h_1
  if (from === 0) {
    out[0] = 1;
    if (out.length > 1) out[1] = x;
  } else {
    out[0] = x;
  }
  for (let k = 1, i = 2 - from; i < out.length; k++, i++) {
    const next = (x * cur - Math.sqrt(k) * prev) / Math.sqrt(k + 1);
    prev = cur;
    cur = next;
    out[i] = cur;
  }
}
