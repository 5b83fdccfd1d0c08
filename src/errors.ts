import { BudgetExhausted } from './budget.js';

export { BudgetExhausted };

/**
 * The closed set of errors the engine raises. The CLI turns each into one message
 * and exit code 2; anything else escaping the engine is a bug.
 */

/** Syntax or naming problem in user text, with the 0-based character position. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    message: string,
    readonly source: string,
    readonly position: number | null,
    readonly hint: string | null = null,
  ) {
    super(message);
  }
}

/** The link is outside what the theory covers: not in L²(N(0,1)), or undefined on a set of positive measure. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
}

/** A value given by the user is out of its allowed range (degree above the limit, bad flag value, …). */
export class OutOfRangeError extends Error {
  override readonly name = 'OutOfRangeError';
}

export type SindexError = ParseError | DomainError | OutOfRangeError | BudgetExhausted;

export function isSindexError(e: unknown): e is SindexError {
  return e instanceof ParseError || e instanceof DomainError || e instanceof OutOfRangeError || e instanceof BudgetExhausted;
}
