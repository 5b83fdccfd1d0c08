/** Which names of a link are free parameters (the symbolic path): parsing only, no algebra. */
import type { Rational } from '../exact/rational.js';
import { parseLink } from '../expr/parse.js';
import { walk, type Expr } from '../expr/tree.js';

/**
 * True when `source` names a parameter that `parameters` does not fix (the symbolic path then applies).
 * @example hasFreeParameters('z^3 + a*z') // true
 * @example hasFreeParameters('z^3 + a*z', new Map([['a', Rational.of(2)]])) // false
 */
export function hasFreeParameters(source: string, parameters: ReadonlyMap<string, Rational> = new Map()): boolean {
  return freeParametersOf(parseLink(source, { parameters, freeParameters: true })).length > 0;
}

/** The free parameter names of a tree parsed with `freeParameters`, sorted. */
export function freeParametersOf(e: Expr): string[] {
  const names = new Set<string>();
  walk(e, (n) => {
    if (n.kind === 'symbol') names.add(n.name);
  });
  return [...names].sort();
}
