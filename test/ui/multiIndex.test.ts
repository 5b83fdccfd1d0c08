// A multi-index link typed into the UI (issue 16): the worker answers with the multi-index analysis
// (never a symbolic analysis with z1, z2 taken for free parameters), and says the thresholds do not
// apply. Expected leaps are derived by hand from the support of the product-Hermite expansion (the
// coordinate leap of arXiv 2302.11055): z1·z2 needs both directions at once (leap 2), z1·z2·z3 all
// three (leap 3); z1 + z1·z2 + z1·z2·z3 adds one direction per monomial (leap 1, staircase z1, z2, z3).
import { describe, expect, it } from 'vitest';
import { handleRequest, MULTI_INDEX_THRESHOLDS } from '../../cli/ui/handleRequest.js';
import { isMultiIndex, isNotAvailable, type EngineRequest, type EngineResponse } from '../../cli/ui/protocol.js';
import { DEFAULT_D } from '../../src/thresholds/thresholds.js';
import { UI_ALGORITHM } from '../../cli/defaults.js';
import { multiCoefficientLines } from '../../cli/ui/multiIndexPanes.js';
import { analyzeMultiIndex } from '../../src/multiIndex/analyzeMulti.js';

/** The one message the worker posts for r. */
function answer(r: EngineRequest): EngineResponse {
  const posted: EngineResponse[] = [];
  handleRequest(r, (m) => posted.push(m));
  expect(posted).toHaveLength(1);
  return posted[0]!;
}

describe('the UI worker and multi-index links', () => {
  it('answers z1*z2 with the multi-index analysis: r = 2, leap 2', () => {
    const m = answer({ id: 1, kind: 'analyze', query: { expr: 'z1*z2', noise: '0' } });
    expect(m.kind).toBe('analyze');
    if (m.kind !== 'analyze') return;
    expect(isMultiIndex(m.result)).toBe(true);
    if (!isMultiIndex(m.result)) return;
    expect(m.result.variables).toBe(2);
    expect(m.result.leap).toBe(2);
    // the only nonzero coefficient: α_(1,1) = E[z1 z2 h_1(z1) h_1(z2)] = 1
    expect(m.result.coefficients.map((c) => [c.multiIndex, c.exact])).toEqual([[[1, 1], '1']]);
  });

  it('answers the thresholds of a multi-index target (or student) with "not available", not an error', () => {
    for (const [target, student] of [
      ['z1*z2', null],
      ['He3(z)', 'z1*z2'],
    ] as const) {
      const m = answer({ id: 2, kind: 'thresholds', query: { target, student, algorithm: UI_ALGORITHM, psi: null, noise: null, d: DEFAULT_D } });
      expect(m.kind).toBe('thresholds');
      if (m.kind === 'thresholds') expect(isNotAvailable(m.result) && m.result.reason).toBe(MULTI_INDEX_THRESHOLDS);
    }
  });

  it('tabulates a multi-index link with its leap (the table of Esc l and Esc x)', () => {
    const m = answer({ id: 3, kind: 'table', links: ['z1*z2*z3', 'He3(z)'], format: 'md' });
    expect(m.kind).toBe('table');
    if (m.kind !== 'table') return;
    const lines = m.text.split('\n');
    const leap = lines[0]!.split(' | ').indexOf('leap');
    expect(lines[2]!.split(' | ')[leap]).toBe('3');
    expect(lines[3]!.split(' | ')[leap]).toBe('3'); // He3: leap = IE = 3 (docs/theory.md §8)
  });

  it('still analyses a link with a free parameter symbolically', () => {
    const m = answer({ id: 4, kind: 'analyze', query: { expr: 'z^3 + a*z', noise: '0' } });
    expect(m.kind).toBe('analyze');
    if (m.kind === 'analyze') expect('mode' in m.result && m.result.mode).toBe('symbolic');
  });

  it('reports a parse error in a multi-index link at its position', () => {
    const m = answer({ id: 5, kind: 'analyze', query: { expr: 'z1*tanhh(z2)', noise: null } });
    expect(m.kind).toBe('error');
    if (m.kind === 'error') {
      expect(m.error.message).toMatch(/tanhh/);
      expect(m.error.field).toBe('target');
      expect(m.error.position).toBe(3);
    }
  });
});

describe('multi-index coefficients pane', () => {
  it('says when the expansion stopped below the requested K, as the plain output does', () => {
    const a = analyzeMultiIndex('z1*z2');
    expect(a.maxDegreeNote).toBeNull();
    expect(multiCoefficientLines(a, 100).some((l) => l.startsWith('note:'))).toBe(false);
    const note = '|k| ≤ 4 was not reached (the quadrature could not reach its tolerance); computed up to |k| ≤ 3';
    const lines = multiCoefficientLines({ ...a, maxDegreeNote: note }, 200);
    expect(lines).toContain(`note: ${note}`);
  });
});
