/** Defaults shared by the commands. */
export const VERSION = '0.1.0';
/** The link analysed when none is given. */
export const DEFAULT_LINK = 'He3(z)';
