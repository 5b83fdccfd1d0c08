/**
 * A link as the engine takes it: the text the user typed and its whitelisted tree, with the
 * parameters bound. Text is parsed once, at the edge (CLI, UI worker, library), by `linkOf`;
 * engine functions also accept the text itself and parse it once on entry.
 */
import { parseLink, type ParseOptions } from './parse.js';
import type { Expr } from './tree.js';

export interface Link {
  /** The text as typed (shown back as `input`). */
  readonly source: string;
  /** The parsed tree, parameters replaced by their exact values. */
  readonly expr: Expr;
}

/** Text or an already parsed link. */
export type LinkInput = string | Link;

/**
 * Parse `source` once into a Link.
 * @example linkOf('a*z', { parameters: new Map([['a', Rational.of(2)]]) }).source // 'a*z'
 */
export function linkOf(source: string, options: ParseOptions = {}): Link {
  return { source, expr: parseLink(source, options) };
}

/** The Link of a text or a Link (parsed with `options` only when it is text). */
export function asLink(input: LinkInput, options: ParseOptions = {}): Link {
  return typeof input === 'string' ? linkOf(input, options) : input;
}
