/** The links of an escape sweep parsed from its text configuration: σ*, σ (with the --set parameters) and Δ. */
import { Rational } from '../exact/rational.js';
import { linkOf, type Link } from '../expr/link.js';
import type { EscapeConfig } from './config.js';

/**
 * @example escapeLinks({ target: 'z^2', activation: 'a*z^2', parameters: [['a', '2']], noise: '1/4' }).noise // 0.25
 */
export function escapeLinks(config: Pick<EscapeConfig, 'target' | 'activation' | 'parameters' | 'noise'>): {
  readonly target: Link;
  readonly activation: Link;
  readonly noise: number;
} {
  const parameters = new Map(config.parameters.map(([k, v]) => [k, Rational.parse(v)] as const));
  return {
    target: linkOf(config.target, { parameters }),
    activation: linkOf(config.activation, { parameters }),
    noise: Rational.parse(config.noise).toNumber(),
  };
}
