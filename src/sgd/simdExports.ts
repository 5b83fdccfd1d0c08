/**
 * The names of the SIMD steps' exports (src/sgd/generate/simdChain.gen.ts writes the functions,
 * simdChains.ts and the bench call them): one kernel per algorithm, with or without label noise,
 * in four lanes or in eight (the wide step, suffix _8); the bench's floor likewise.
 */

/** The algorithms with a SIMD step ('alternating-carry': the alternating rule with its second layer carried). */
export const SIMD_ALGORITHMS = ['online', 'batch-reuse', 'alternating', 'alternating-carry', 'custom'] as const;
export type SimdAlgorithm = (typeof SIMD_ALGORITHMS)[number];

/**
 * The bench's floors: a minimal fused step of each chain with He₃ written in — the online chain
 * ('floor', also custom ψ = y·He₃'(z)'s), batch reuse's two sub-steps, the alternating rule's.
 */
export const SIMD_FLOORS = ['floor', 'floor-batch-reuse', 'floor-alternating'] as const;
export type SimdFloor = (typeof SIMD_FLOORS)[number];

/**
 * The export of a kernel: `steps_<algorithm>[_noise][_8]`, or `floor[_<chain>][_8]`.
 * @example simdExport('batch-reuse', true, true) // 'steps_batch_reuse_noise_8'
 * @example simdExport('floor', false, false) // 'floor'
 * @example simdExport('floor-batch-reuse', false, true) // 'floor_batch_reuse_8'
 */
export function simdExport(kernel: SimdAlgorithm | SimdFloor, noise: boolean, wide: boolean): string {
  const suffix = wide ? '_8' : '';
  const name = kernel.replaceAll('-', '_');
  return kernel.startsWith('floor') ? `${name}${suffix}` : `steps_${name}${noise ? '_noise' : ''}${suffix}`;
}
