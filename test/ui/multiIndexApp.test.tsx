// The Ink UI on a multi-index link (issue 16), in a fake terminal with the worker's handler in process:
// the analysis panes show "multi-index, r = N", the expansion by degree, the leap, the staircase and
// the generative leap; the thresholds and verifier panes say they are not available (no error screen);
// and a multi-index answer is never shown for other fields (nor another link's answer for it).
// Expected values are derived by hand (arXiv 2302.11055, the coordinate leap): z1 + z1·z2 + z1·z2·z3 has
// the orthonormal coefficients α_(1,0,0) = α_(1,1,0) = α_(1,1,1) = 1 (z = h_1), leap 1 and the staircase
// z1, then z2, then z3; z1·z2·z3 has leap 3 in one phase adding z1, z2, z3.
import { describe, expect, it } from 'vitest';
import { headline, openUi, phrase, testEngine, tick, withTerminal } from './harness.js';

const CTRL_U = '\x15';
const PAGE_DOWN = '\x1b[6~';
const ESC = '\x1b';

describe('sindex UI on a multi-index link', () => {
  it('shows r, the expansion by degree, the leap, the staircase and the generative leap', async () => {
    await withTerminal(openUi('z1 + z1*z2 + z1*z2*z3', { columns: 100, rows: 40 }), async (t) => {
      let frame = await t.waitFor(/multi-index, r = 3/);
      expect(headline(frame)).toMatch(/multi-index, r = 3 · leap 1 · online d · generative leap/);
      expect(frame).toMatch(/\|k\|=1\s+\(1,0,0\) 1\n/);
      expect(frame).toMatch(/\|k\|=2\s+\(1,1,0\) 1\n/);
      expect(frame).toMatch(/\|k\|=3\s+\(1,1,1\) 1\n/);
      await t.type(PAGE_DOWN);
      frame = await t.waitFor(/staircase:/);
      expect(frame).toMatch(/leap = 1 \[/);
      expect(frame).toMatch(/1\. adds z1 \(leap 1[^\n]*\n\s+2\. adds z2 \(leap 1[^\n]*\n\s+3\. adds z3 \(leap 1/);
      expect(frame).toMatch(/generative leap k\* = 1\b/);
    });
  });

  it('the thresholds and verifier panes say they are not available, and Esc v and Esc d say so too', async () => {
    await withTerminal(openUi('z1*z2*z3', { columns: 100, rows: 40 }), async (t) => {
      await t.waitFor(/leap 3/);
      await t.type(PAGE_DOWN);
      await t.type(PAGE_DOWN);
      let frame = await t.waitFor(/\[3 Thresholds\]/);
      expect(frame).toMatch(phrase('thresholds and the verifier are not available for multi-index links'));
      expect(frame).not.toMatch(/error/);
      expect(headline(frame)).toMatch(/thresholds: not available for multi-index links/);
      await t.type(PAGE_DOWN);
      frame = await t.waitFor(/\[4 Verify\]/);
      expect(frame).toMatch(phrase('not available for multi-index links'));
      await t.type(ESC);
      await tick(100);
      await t.type('v');
      frame = await t.waitFor(/\[4 Verify\]/);
      expect(frame).not.toMatch(/seeds —|0\/\d+ seeds/); // no sweep started
      await t.type(ESC);
      await tick(100);
      await t.type('d');
      await t.waitFor(phrase('thresholds and the verifier are not available'));
    });
  });

  it('never shows another link’s answer: He3 → z1*z2*z3 says computing until the multi-index answer arrives', async () => {
    const engine = testEngine(true);
    await withTerminal(openUi('He3(z)', { engine, columns: 100, rows: 40 }), async (t) => {
      await tick(300);
      engine.release();
      await t.waitFor(/IE 3/);
      await t.type(`${CTRL_U}z1*z2*z3`);
      await tick(400); // past the debounce; the engine holds its answer
      let frame = t.frame();
      expect(headline(frame)).toMatch(/computing/);
      expect(headline(frame)).not.toMatch(/IE 3|leap/);
      expect(frame).toMatch(/computing… \(dimmed below: the last results, for σ\* = He3\(z\)\)/);
      engine.release();
      frame = await t.waitFor(/leap 3/);
      expect(headline(frame)).toMatch(/multi-index, r = 3 · leap 3/);
      expect(frame).not.toMatch(/computing|IE 3/);
      // and back: the He3 answer again, not the multi-index one
      await t.type(`${CTRL_U}He3(z)`);
      await tick(400);
      expect(headline(t.frame())).not.toMatch(/leap 3|multi-index/);
      engine.release();
      frame = await t.waitFor(/IE 3/);
      expect(headline(frame)).not.toMatch(/multi-index/);
    });
  });
});
