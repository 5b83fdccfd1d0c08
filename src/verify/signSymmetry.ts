/**
 * When a sweep's runs are sign-symmetric (docs/theory.md §6.1): an even link σ*, decided exactly
 * on its tree by src/expr/parity.ts, makes y = σ*(⟨θ*, x⟩) + √Δ·ε invariant under θ* → −θ*, and
 * with it every oracle ψ(y, z) and the law of the whole run; reaching m ≤ −τ is then as good as
 * m ≥ τ, so the engine stops at max_j |m_j| ≥ τ and counts that as the hit (RunOptions.signSymmetric).
 */
import { parityOf } from '../expr/parity.js';
import { parseLink } from '../expr/parse.js';
import { Rational } from '../exact/rational.js';
import type { SweepConfig } from './plan.js';

/**
 * True when the sweep's link σ* (with its --set parameters) is even.
 * @example sweepSignSymmetric({ target: 'He2(z) + abs(z)', parameters: [] }) // true
 * @example sweepSignSymmetric({ target: 'z^2 + a*z', parameters: [['a', '0']] }) // true
 * @example sweepSignSymmetric({ target: 'He3(z)', parameters: [] }) // false
 */
export function sweepSignSymmetric(config: Pick<SweepConfig, 'target' | 'parameters'>): boolean {
  const parameters = new Map(config.parameters.map(([k, v]) => [k, Rational.parse(v)] as const));
  return parityOf(parseLink(config.target, { parameters })) === 'even';
}

/** The headline of a sign-symmetric sweep's summary. */
export const SIGN_SYMMETRIC_NOTE = 'even target: sign-symmetric, hits are |m| ≥ τ';
