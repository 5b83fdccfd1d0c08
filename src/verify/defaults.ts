/** Defaults of a verification sweep, shared by the CLI, the UI and the library. */
export const SWEEP_DEFAULTS = {
  ds: [64, 128, 256, 512],
  alphas: [0],
  etaScale: 1,
  seeds: 64,
  maxSeeds: 1_000_000,
  gammaC: 0.5,
  threshold: 0.5,
  maxSteps: 10_000_000,
  width: 1,
  maxWidth: 64,
  seed: 1,
  a: '1',
} as const;
