/**
 * The names of the SIMD steps' exports (src/sgd/generate/simdChain.gen.ts writes the functions,
 * simdChains.ts and the bench call them): one kernel per algorithm, with or without label noise,
 * in four lanes or in eight (the wide step, suffix _8); the bench's floor likewise.
 */

/** The algorithms with a SIMD step ('alternating-carry': the alternating rule with its second layer carried). */
export const SIMD_ALGORITHMS = ['online', 'batch-reuse', 'alternating', 'alternating-carry', 'custom'] as const;
export type SimdAlgorithm = (typeof SIMD_ALGORITHMS)[number];

/**
 * The export of a kernel: `steps_<algorithm>[_noise][_8]`, or `floor[_8]`.
 * @example simdExport('batch-reuse', true, true) // 'steps_batch_reuse_noise_8'
 * @example simdExport('floor', false, false) // 'floor'
 */
export function simdExport(kernel: SimdAlgorithm | 'floor', noise: boolean, wide: boolean): string {
  const suffix = wide ? '_8' : '';
  return kernel === 'floor' ? `floor${suffix}` : `steps_${kernel.replaceAll('-', '_')}${noise ? '_noise' : ''}${suffix}`;
}
