/** Defaults of the terminal UI; the ones shared with the engine are in src/defaults.ts. */
export { DEFAULT_LINK, DEFAULT_TIME_LIMITS, VERSION } from '../src/defaults.js';

/** The algorithm the terminal UI opens on. */
export const UI_ALGORITHM = 'alternating' as const;
/** The UI's quick verifier sweep; the other settings are SWEEP_DEFAULTS (src/verify/defaults.ts). */
export const UI_SWEEP = { ds: [32, 64, 128], seeds: 16, maxSteps: 2_000_000, secondLayer: 'reset', init: 'positive', engine: 'reduced' } as const;
/** The files the UI's exports write, in the working directory. */
export const UI_FILES = { latex: 'sindex-result.tex', table: 'sindex-table.md', phaseDiagram: 'sindex-phase.svg' } as const;
