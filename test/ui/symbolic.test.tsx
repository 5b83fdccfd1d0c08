// The UI on a link with free parameters (issue 15): the worker analyses it symbolically, the panes
// list the parameters and the α_k as expressions, and the headline shows each exponent's generic
// value with its exceptional set. Values checked against hand derivations (z³ + a·z = He_3 +
// (a + 3)·He_1; He_4 + c·He_3) and against the numeric analysis with the parameter bound (--set).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { linkOf } from '../../src/expr/link.js';
import { Rational } from '../../src/exact/rational.js';
import { handleRequest } from '../../cli/ui/handleRequest.js';
import type { EngineResponse } from '../../cli/ui/protocol.js';
import { isSymbolic, isSymbolicThresholds } from '../../cli/ui/protocol.js';
import { thresholds } from '../../src/thresholds/thresholds.js';
import { symbolicHeadlineParts } from '../../cli/ui/symbolicPanes.js';
import { headline, openUi, recordingEffects, withTerminal } from './harness.js';

const CTRL_U = '\x15';
const PAGE_DOWN = '\x1b[6~';

/** The worker's answer to an analyze request, in process. */
function answer(expr: string): EngineResponse {
  let out: EngineResponse | null = null;
  handleRequest({ id: 1, kind: 'analyze', query: { expr, noise: null } }, (m) => (out = m));
  return out!;
}

const numeric = (expr: string, a: Record<string, number>) =>
  analyze(linkOf(expr, { parameters: new Map(Object.entries(a).map(([k, v]) => [k, Rational.of(v)])) }), { maxDegree: 12 });

describe('the worker', () => {
  it('answers a link with a free parameter with the symbolic analysis, and a bound one with the numeric analysis', () => {
    const m = answer('z^3 + a*z');
    expect(m.kind).toBe('analyze');
    if (m.kind !== 'analyze') return;
    expect(isSymbolic(m.result)).toBe(true);
    const n = answer('z^3 + 2*z');
    expect(n.kind === 'analyze' && isSymbolic(n.result)).toBe(false);
  });

  it('a thresholds request with a free parameter: the case split of the label powers, with the numeric breakpoints on a pinned case', () => {
    let out: EngineResponse | null = null;
    handleRequest(
      { id: 2, kind: 'thresholds', query: { target: 'z^3 + a*z', student: null, algorithm: 'alternating', psi: null, noise: null, d: 1000 } },
      (m) => (out = m),
    );
    const m = out as EngineResponse | null;
    if (m?.kind !== 'thresholds' || !isSymbolicThresholds(m.result)) throw new Error('expected the symbolic thresholds');
    // by hand: p_1 = 1 (a ≠ −3) / 3 (a = −3), p₂ = 2; α* = [((p−1)∨1) − 1]/2 → none / 1/2, as thresholds() gives for He3 = z³ − 3z
    expect(m.result.cases.map((c) => [c.when, c.labelPowers, c.breakpoints])).toEqual([
      ['a != -3', [1, 2], []],
      ['a = -3', [3, 2], thresholds({ target: 'He3(z)', algorithm: 'alternating' }).phaseDiagram.breakpoints],
    ]);
  });

  it('headline parts: generic value and exceptional set, each agreeing with the numeric analysis at a value inside the case', () => {
    const m = answer('He4(z) + c*He3(z)');
    if (m.kind !== 'analyze' || !isSymbolic(m.result)) throw new Error('expected a symbolic answer');
    // by hand: u_3 = c, u_4 = 1 → IE 3 for c ≠ 0, 4 at c = 0; odd part c·He_3 → GE 1, even He_4 → GE 2; p₂ 1 / 2
    expect(symbolicHeadlineParts(m.result).slice(0, 4)).toEqual(['c free', 'IE 3 (4 at c = 0)', 'GE 1 (2 at c = 0)', 'p₂ 1 (2 at c = 0)']);
    const [generic, special] = [numeric('He4(z) + c*He3(z)', { c: 1 }), numeric('He4(z) + c*He3(z)', { c: 0 })];
    expect([generic.informationExponent, generic.generativeExponent, generic.labelPowers[1]!.informationExponent]).toEqual([3, 1, 1]);
    expect([special.informationExponent, special.generativeExponent, special.labelPowers[1]!.informationExponent]).toEqual([4, 2, 2]);
  });
});

describe('sindex UI with free parameters', () => {
  it("z^3 + a*z: headline 'IE 1 (3 at a = −3)', the parameter listed, α_1 = a + 3", async () => {
    await withTerminal(openUi('z^3 + a*z', { columns: 100 }), async (t) => {
      const frame = await t.waitFor(/IE 1 \(3 at a = −3\)/);
      const h = headline(frame);
      expect(h).toMatch(/a free · IE 1 \(3 at a = −3\) · GE 1 · p₂ 2 · online d \(d² at a = −3\)/);
      const full = headline(await t.waitFor(/alternating α\* none \(1\/2 at a = −3\)/));
      expect(full).toMatch(/batch-reuse d polylog d (· )?alternating α\* none \(1\/2 at a = −3\)/);
      expect(frame).toMatch(/parameters: a \(free, exact\)/);
      expect(frame).toMatch(/\n\s+1\s+a \+ 3\s+depends on a/);
      expect(frame).toMatch(/\n\s+3\s+√6\s+constant/);
      // the numeric analysis at the exceptional value agrees: IE 3
      expect(numeric('z^3 + a*z', { a: -3 }).informationExponent).toBe(3);
      expect(numeric('z^3 + a*z', { a: 1 }).informationExponent).toBe(1);
    });
  });

  it('the exponents pane gives every case split in full; typing a value for the parameter goes back to the numeric analysis', async () => {
    await withTerminal(openUi('(a^2 - 2)*z + He3(z)', { columns: 100 }), async (t) => {
      await t.waitFor(/IE 1 \(3 at a = ±√2\)/);
      await t.type(PAGE_DOWN);
      const frame = await t.waitFor(/information exponent p: 1 for a ≠ ±√2; 3 at a = ±√2/);
      expect(frame).toMatch(/parity in z for every value: odd/);
      await t.type(CTRL_U);
      await t.type('(2 - 2)*z + He3(z)');
      const numericFrame = await t.waitFor(/information exponent p = 3/);
      expect(headline(numericFrame)).toMatch(/IE 3 \(exact\)/);
    });
  });

  it('the thresholds pane: μ_i(η, a) exactly and one line per case', async () => {
    const recorded = recordingEffects();
    await withTerminal(openUi('z^3 + a*z', { columns: 100, rows: 40, effects: recorded.effects }), async (t) => {
      await t.waitFor(/IE 1 \(3 at a = −3\)/);
      await t.type('\x1b3'); // Esc 3: the thresholds pane
      const frame = await t.waitFor(/μ_1 = a\^2 \+ 6\*a \+ 9/);
      expect(frame).toMatch(/a ≠ −3: p_1 = 1, p_2 = 2; breakpoints α = none \(closed form\)/);
      expect(frame).toMatch(/a = −3: p_1 = 3, p_2 = 2; breakpoints α = 1\/2 \(phase diagram\)/);
      await t.type('\x1bd'); // Esc d: no figure while a parameter is free, and nothing written
      await t.waitFor(/no phase diagram with free parameters/);
      await t.type('\x1bv'); // Esc v: no sweep either
      await t.waitFor(/the verifier needs a number for every parameter/);
      expect([...recorded.files.keys()]).toEqual([]);
    });
  });

  it('a parameter inside tanh: an error with the hint to give a value, pointing at the parameter', async () => {
    await withTerminal(openUi('tanh(a*z)', { columns: 100 }), async (t) => {
      const frame = await t.waitFor(/--set a=/);
      expect(frame).toMatch(/odd in z/);
      expect(frame).toMatch(/\n\s+tanh\(a\*z\)\n\s{5}\s*\^/);
    });
  });
});
