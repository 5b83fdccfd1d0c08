/**
 * Defaults shared by the engine, the command line, the terminal UI and the library. The limits
 * on input are in limits.ts; each stage's own defaults (maximum degree, label powers, d, …) are
 * exported by the module that uses them and shown by `sindex help COMMAND`.
 */

/** The version of sindex (the package's version). */
export const VERSION = '0.1.0';

/** The link analysed when none is given. */
export const DEFAULT_LINK = 'He3(z)';

/** Default seconds of numeric work per call (`--time-limit`): what is exact stands, the rest says "not computed". */
export const DEFAULT_TIME_LIMITS = { analyze: 10, thresholds: 20, tableRow: 10 } as const;
