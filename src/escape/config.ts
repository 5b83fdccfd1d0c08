/**
 * The configuration of an escape sweep (`sindex escape`, docs/theory.md §7): a committee of
 * width p trained by online projected SGD on a single-index target, run for several widths and
 * dimensions, many seeds each. It is kept as text and plain numbers so that a sweep file's header
 * describes its records completely; the links are parsed where the sweep is planned or compiled.
 */

/**
 * The step: the paper's optimal γ_opt(p) (square committee on phase retrieval only), a fixed γ,
 * or γ = c·p (the paper's width experiments keep γ/p fixed).
 */
export type EscapeGamma = { readonly kind: 'opt' } | { readonly kind: 'fixed'; readonly value: number } | { readonly kind: 'per-width'; readonly c: number };

export interface EscapeConfig {
  /** σ*, the target link, as typed */
  readonly target: string;
  /** σ, the committee's activation, as typed */
  readonly activation: string;
  /** --set parameters, name and exact value as text */
  readonly parameters: readonly (readonly [string, string])[];
  /** Δ, the label-noise variance, exact, as text */
  readonly noise: string;
  /** the widths p */
  readonly widths: readonly number[];
  /** the dimensions d */
  readonly ds: readonly number[];
  readonly gamma: EscapeGamma;
  /** T ∈ (0, 1): exit when the excess risk has fallen by the fraction T of its initial gap */
  readonly riskDrop: number;
  readonly seeds: number;
  /** trained second layer: a_j ← a_j + (γ_a/(p·d))·ℰ·σ(λ_j); rate null = γ_a = γ */
  readonly secondLayer: { readonly trained: boolean; readonly rate: number | null };
  /** τ for the overlap hitting time max_j |m_j| ≥ τ, reported beside the exit time */
  readonly threshold: number;
  /** cap on the samples per seed; null: 20 × the ODE's exit time (or the fallback of `defaultMaxSteps`) */
  readonly maxSteps: number | null;
  readonly engine: 'reduced' | 'full';
  /** base seed of the sweep */
  readonly seed: number;
}

/** Defaults of `sindex escape`: the paper's experiment (square committee, phase retrieval). */
export const ESCAPE_DEFAULTS = {
  target: 'z^2',
  activation: 'z^2',
  widths: [1, 2, 5, 20],
  ds: [1000],
  /** γ = 0.1·p: the paper's width experiments keep γ/p fixed; γ_opt(p) ≈ p/2 optimises the linear phase only */
  gammaPerWidth: 0.1,
  /** the closed forms linearise at m = 0: accurate for a small drop T */
  riskDrop: 0.1,
  seeds: 64,
  threshold: 0.5,
  seed: 1,
  maxWidth: 64,
  maxSeeds: 100_000,
} as const;

/** The key of a task: (p, d, seed index). */
export const escapeTaskKey = (p: number, d: number, seedIndex: number): string => `${p}|${d}|${seedIndex}`;

/**
 * The defaults, with `overrides` on top (no validation: the CLI and the library validate).
 * @example escapeConfig({ widths: [3] }).widths // [3]
 */
export function escapeConfig(overrides: Partial<EscapeConfig> = {}): EscapeConfig {
  return {
    target: ESCAPE_DEFAULTS.target,
    activation: ESCAPE_DEFAULTS.activation,
    parameters: [],
    noise: '0',
    widths: [...ESCAPE_DEFAULTS.widths],
    ds: [...ESCAPE_DEFAULTS.ds],
    gamma: { kind: 'per-width', c: ESCAPE_DEFAULTS.gammaPerWidth },
    riskDrop: ESCAPE_DEFAULTS.riskDrop,
    seeds: ESCAPE_DEFAULTS.seeds,
    secondLayer: { trained: false, rate: null },
    threshold: ESCAPE_DEFAULTS.threshold,
    maxSteps: null,
    engine: 'reduced',
    seed: ESCAPE_DEFAULTS.seed,
    ...overrides,
  };
}
