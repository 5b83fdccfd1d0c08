/**
 * A separable custom ψ is read as label powers ψ = Σ c_k(η)·y^k·g_k(z) (docs/theory.md §4): written out
 * for alternating SGD on He3 (σ = He3, σ' = 3z² − 3, a = 1) it must reproduce the built-in oracle.
 */
import { describe, expect, it } from 'vitest';
import { thresholds } from '../../src/thresholds/thresholds.js';
import { OutOfRangeError } from '../../src/errors.js';

describe('custom ψ', () => {
  it('y*(3*z^2 - 3) + eta*y^2*He3(z)*(3*z^2 - 3) on He3 = alternating He3', () => {
    const custom = thresholds({ target: 'He3(z)', algorithm: 'custom', psi: 'y*(3*z^2 - 3) + eta*y^2*He3(z)*(3*z^2 - 3)' });
    const builtIn = thresholds({ target: 'He3(z)', algorithm: 'alternating' });
    expect(custom.quadrature).toBeNull();
    expect(custom.exact).toBe(true);
    expect(custom.mu.map((m) => [m.i, m.exact, m.zero, m.etaPower, m.labelPower])).toEqual(
      builtIn.mu.map((m) => [m.i, m.exact, m.zero, m.etaPower, m.labelPower]),
    );
    // the values of docs/theory.md §4, not just agreement with the built-in oracle
    expect(custom.mu[1]!.exact).toBe('324*eta');
    expect(custom.mu[2]!.exact).toBe('3');
    expect(custom.psiSecondMoment.exact).toBe(builtIn.psiSecondMoment.exact);
    expect(custom.phaseDiagram.breakpoints).toEqual(['1/2']);
    expect(custom.phaseDiagram.pieces.map((p) => [p.alphaFrom, p.alphaTo, p.slope, p.intercept, p.labelPower])).toEqual(
      builtIn.phaseDiagram.pieces.map((p) => [p.alphaFrom, p.alphaTo, p.slope, p.intercept, p.labelPower]),
    );
  });

  it('a ψ that does not mention y is rejected with OutOfRangeError', () => {
    expect(() => thresholds({ target: 'He3(z)', algorithm: 'custom', psi: 'eta*(3*z^2 - 3)' })).toThrow(OutOfRangeError);
    expect(() => thresholds({ target: 'He3(z)', algorithm: 'custom', psi: 'z^3 - 3*z' })).toThrow(OutOfRangeError);
  });
});
