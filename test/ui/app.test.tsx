// The Ink UI in a fake terminal with the worker's handler in process: panes render the engine's
// results, typing updates them, errors point at the position. Values are checked against the
// engine's own analyze()/thresholds()/tables or against hand-known values, not against the UI.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { DEFAULT_D, THRESHOLD_ALGORITHMS, thresholds } from '../../src/thresholds/thresholds.js';
import { phaseDiagramSvg } from '../../src/plot/phaseDiagramPlot.js';
import { tableRow } from '../../src/table/rows.js';
import { renderTable } from '../../src/table/render.js';
import { UI_ALGORITHM, UI_FILES, UI_SWEEP } from '../../cli/defaults.js';
import { headline, openUi, phrase, recordingEffects, testEngine, tick, withTerminal } from './harness.js';
import { linkOf } from '../../src/expr/link.js';

const CTRL_U = '\x15';
const PAGE_DOWN = '\x1b[6~';
const RIGHT = '\x1b[C';
const ESC = '\x1b';

/** A pattern for the coefficients pane's row of the first nonzero α_k of `link`, as the engine computes it (exactly when it can). */
function firstCoefficientRow(link: string): RegExp {
  const c = analyze(link, { maxDegree: 12 }).coefficients.find((c) => !c.zero)!;
  return new RegExp(`\\n\\s+${c.k}\\s+${c.exact === null ? '\\S+ ± ' : c.exact.replace(/[()*+^/]/g, '\\$&')}\\s`);
}

describe('sindex UI', () => {
  it('opens on He3 with α_3 = √6 and shows IE 3, p* = 1 in the exponents pane', async () => {
    await withTerminal(openUi('He3(z)'), async (t) => {
      await t.waitFor(/sqrt\(6\)/);
      await t.type(PAGE_DOWN);
      const frame = await t.waitFor(/information exponent p = 3/);
      expect(frame).toMatch(/generative exponent p\* = 1/);
      expect(frame).toMatch(/\[2 Exponents\]/); // the active pane is marked without colour
    });
  });

  it('re-analyses as you type, and points at an unknown name', async () => {
    await withTerminal(openUi('He3(z)'), async (t) => {
      await t.waitFor(/sqrt\(6\)/);
      await t.type(CTRL_U);
      await t.type('rleu(z)');
      let frame = await t.waitFor(/unknown function 'rleu'/);
      expect(frame).toMatch(/did you mean 'relu'/);
      expect(frame).toMatch(/\n\s+rleu\(z\)\n\s+\^/);
      await t.type(CTRL_U);
      await t.type('relu(z)');
      frame = await t.waitFor(/1\/sqrt\(2\*pi\)/);
      expect(frame).not.toMatch(/unknown function/);
    });
  });

  it('replays a chunk of text and control keys in order (as a fast typist or tmux sends it)', async () => {
    await withTerminal(openUi('He3(z)'), async (t) => {
      await t.waitFor(/sqrt\(6\)/);
      await t.type(`${CTRL_U}He4(z)\t`); // Ctrl-U, the link, Tab in one chunk
      const frame = await t.waitFor(/information exponent|IE 4/);
      expect(frame).toMatch(/σ\* He4\(z\)/);
      expect(frame).toMatch(/>σ(\s|$)/m); // Tab moved to the student field
    });
  });

  it('shows the phase diagram with its breakpoint', async () => {
    await withTerminal(openUi('He3(z)'), async (t) => {
      await t.waitFor(/sqrt\(6\)/);
      await t.type(PAGE_DOWN);
      await t.type(PAGE_DOWN);
      const frame = await t.waitFor(/breakpoints α = 1\/2/);
      expect(frame).toMatch(/μ_2 = 324\*eta/);
    });
  });

  it('puts an error in the noise field under Δ (not an internal error), and accepts a fraction there', async () => {
    await withTerminal(openUi('He3(z)'), async (t) => {
      await t.waitFor(/sqrt\(6\)/);
      await t.type('\t\t\t'); // target → student → algo → noise
      await t.type('abc');
      const frame = await t.waitFor(/error \(Δ\)/);
      expect(frame).not.toMatch(/internal error/);
      await t.type(CTRL_U);
      await t.type('1/10');
      await t.waitFor(/^(?![\s\S]*error)[\s\S]*IE 3/);
    });
  });

  it('keeps the message about d after the analysis of the link comes back', async () => {
    await withTerminal(openUi('He3(z)'), async (t) => {
      await t.waitFor(/sqrt\(6\)/);
      await t.type('\t\t\t\t'); // → d
      await t.type(`${CTRL_U}1`);
      await t.type(PAGE_DOWN);
      await t.type(PAGE_DOWN);
      await t.waitFor(/error \(d\): d must be a number ≥ 2/);
      await tick(600); // well past the debounce and the analysis reply
      expect(t.frame()).toMatch(/error \(d\): d must be a number ≥ 2/);
    });
  });

  it('shows a numeric coefficient rounded, with a bound that covers the true value (tanh: α_1 = E[sech² z])', async () => {
    let alpha1 = 0;
    const h = 1e-3;
    for (let z = -40; z <= 40; z += h) alpha1 += (h * Math.exp((-z * z) / 2)) / Math.cosh(z) ** 2 / Math.sqrt(2 * Math.PI);
    await withTerminal(openUi('tanh(z)'), async (t) => {
      const frame = await t.waitFor(/\n\s+1\s+\S+ ± \S+/);
      const m = /\n\s+1\s+(\S+) ± (\S+)/.exec(frame)!;
      expect(Math.abs(Number(m[1]) - alpha1)).toBeLessThanOrEqual(Number(m[2]));
    });
  });
});

describe('the screen shows only answers for the fields (issue 12 §1.1)', () => {
  it('after gelu(z), typing He(12, z) shows "computing…" at once, never IE 1 as the answer, then IE 12', async () => {
    const engine = testEngine(true);
    await withTerminal(openUi('gelu(z)', { engine }), async (t) => {
      await tick(300);
      engine.release();
      await t.type(PAGE_DOWN); // the exponents pane
      await t.waitFor(/information exponent p = 1/);
      await t.type(`${CTRL_U}He(12, z)`);
      await tick(400); // past the debounce; the engine holds its answer
      const frame = t.frame();
      expect(headline(frame)).toMatch(/computing/);
      expect(headline(frame)).not.toMatch(/IE 1/);
      expect(frame).toMatch(/\[2 Exponents…\]/); // the tab says so too
      // the exponents pane: "computing…", and the old values labelled with the link they are for
      expect(frame).toMatch(/computing… \(dimmed below: the last results, for σ\* = gelu\(z\)\)\ninformation exponent p = 1/);
      engine.release();
      const expected = analyze('He(12, z)', { maxDegree: 12 });
      expect(expected.informationExponent).toBe(12); // by hand: He_12 is orthogonal to every lower Hermite polynomial
      const done = await t.waitFor(/IE 12/);
      expect(headline(done)).toContain(
        `IE 12 (${expected.informationExponentDecidedBy}) · GE ${expected.generativeExponent} (${expected.generativeExponentDecidedBy})`,
      );
      expect(done).not.toMatch(/computing/);
    });
  });

  it('at 80×24 the thresholds pane does not show He3’s μ_2 as the answer for z^2*exp(-z^2)', async () => {
    const engine = testEngine(true);
    await withTerminal(openUi('He3(z)', { engine, columns: 80, rows: 24 }), async (t) => {
      await tick(300);
      engine.release();
      await t.type(PAGE_DOWN);
      await t.type(PAGE_DOWN);
      await t.waitFor(/μ_2 = 324\*eta/);
      await t.type(`${CTRL_U}z^2*exp(-z^2)`);
      await tick(400);
      engine.release('analyze'); // the analysis comes back, the thresholds do not yet
      await tick(200);
      const frame = t.frame();
      expect(frame).toMatch(/\[3 Thresholds…\].*\ncomputing… \(dimmed below: the last results, for σ\* = He3\(z\)\)\nalternating: μ_2 = 324\*eta/);
      const ie = analyze('z^2*exp(-z^2)', { maxDegree: 12 }).informationExponent;
      expect(headline(frame)).toMatch(new RegExp(`IE ${ie} .* alternating: computing…`));
      expect(headline(frame)).not.toMatch(/α\* = 1\/2/);
      engine.release();
      const expected = thresholds({ target: 'z^2*exp(-z^2)', algorithm: UI_ALGORITHM, d: DEFAULT_D });
      const first = expected.mu.find((m) => !m.zero)!;
      const done = await t.waitFor(new RegExp(`alternating: μ_${first.i} = `));
      expect(done).not.toMatch(/324\*eta|computing/);
    });
  });

  it('after a typo the parse error replaces the results (tanh(z) → tanhh(2z))', async () => {
    await withTerminal(openUi('tanh(z)'), async (t) => {
      await t.waitFor(/\n\s+1\s+\S+ ± \S+/);
      await t.type(`${CTRL_U}tanhh(2z)`);
      let message = '';
      try {
        analyze('tanhh(2z)');
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/tanhh/);
      const frame = await t.waitFor(new RegExp(message.replace(/[()]/g, '\\$&')));
      expect(frame).not.toMatch(/\n\s+1\s+\S+ ± \S+/); // tanh's coefficients are gone
      expect(headline(frame)).toMatch(/σ\* = tanhh\(2z\): no answer — error \(σ\*\)/);
      expect(headline(frame)).not.toMatch(/IE/);
      expect(frame).toMatch(/\[1 Coefficients!\]/);
    });
  });
});

describe('the headline and the layout (issue 12 §1.2)', () => {
  it('states IE, GE, p₂ (each with how it was decided) and the rates on every pane at 80×24 (He4: IE 4, GE 2)', async () => {
    const a = analyze('He4(z)', { maxDegree: 12 });
    await withTerminal(openUi('He4(z)', { columns: 80, rows: 24 }), async (t) => {
      await t.waitFor(/IE 4/);
      for (let pane = 0; pane < 4; pane++) {
        const frame = await t.waitFor(/α\* = /);
        const h = headline(frame);
        // by hand: He4 has IE 4, and y = He4(z) has E[y² | z] with a He2 term, so GE = p₂ = 2
        expect(h).toContain('IE 4 (exact) · GE 2 (exact) · p₂ 2 (exact)');
        expect(h).toContain(`IE ${a.informationExponent} (${a.informationExponentDecidedBy})`);
        expect(h).toContain('online d³ · batch-reuse d polylog d'); // (p − 1) ∨ 1 = 3; p* = 2 gives d polylog d
        expect(h).toContain(`alternating α* = ${thresholds({ target: 'He4(z)', algorithm: 'alternating', d: DEFAULT_D }).phaseDiagram.breakpoints.join(', ')}`);
        const lines = frame.split('\n');
        expect(lines.length).toBeLessThanOrEqual(24);
        for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
        await t.type(PAGE_DOWN);
      }
    });
  });

  it('says how a numeric exponent was decided (tanh: IE 1, GE 1, p₂ 2, numeric)', async () => {
    const a = analyze('tanh(z)', { maxDegree: 12 });
    const p2 = a.labelPowers.find((p) => p.power === 2)!;
    await withTerminal(openUi('tanh(z)'), async (t) => {
      const h = headline(await t.waitFor(/IE 1/));
      expect(h).toContain(
        `IE 1 (${a.informationExponentDecidedBy}) · GE ${a.generativeExponent} (${a.generativeExponentDecidedBy}) · p₂ ${p2.informationExponent} (${p2.decidedBy})`,
      );
      expect(a.informationExponentDecidedBy).toBe('numeric');
    });
  });

  it('at 120×40 shows all four panes at once, within the terminal', async () => {
    const t3 = thresholds({ target: 'He3(z)', algorithm: UI_ALGORITHM, d: DEFAULT_D });
    await withTerminal(openUi('He3(z)', { columns: 120, rows: 40 }), async (t) => {
      const frame = await t.waitFor(/breakpoints α = /);
      for (const title of ['1 Coefficients', '2 Exponents', '3 Thresholds', '4 Verify']) expect(frame).toContain(`── ${title}`);
      expect(frame).toMatch(/3\s+sqrt\(6\)/);
      expect(frame).toContain('information exponent p = 3');
      expect(frame).toContain(`breakpoints α = ${t3.phaseDiagram.breakpoints.join(', ')}`);
      const lines = frame.split('\n');
      expect(lines.length).toBeGreaterThan(24); // the room is used
      expect(lines.length).toBeLessThanOrEqual(40);
      for (const l of lines) expect([...l].length).toBeLessThanOrEqual(120);
    });
  });
});

describe('keys (issue 12 §1.3)', () => {
  it('Esc does not quit; Ctrl-C and Esc q ask first, n stays, y quits', async () => {
    await withTerminal(openUi('He3(z)'), async (t) => {
      await t.waitFor(/sqrt\(6\)/);
      await t.type(ESC);
      await tick(100);
      expect(t.exited).toBe(false);
      expect(t.frame()).toMatch(/command: v verify/);
      await t.type(ESC); // back to editing
      await t.type('\x03');
      expect(t.frame()).toMatch(/Quit sindex\? y quit · n stay/);
      expect(t.exited).toBe(false);
      await t.type('n');
      expect(t.frame()).not.toMatch(/Quit sindex/);
      expect(t.exited).toBe(false);
      await t.type(ESC);
      await tick(100);
      await t.type('q');
      expect(t.frame()).toMatch(/Quit sindex\?/);
      await t.type('y');
      expect(t.exited).toBe(true);
    });
  });

  it("makes algo a choice among the engine's THRESHOLD_ALGORITHMS, listed, cycled with →", async () => {
    await withTerminal(openUi('He3(z)', { columns: 100, rows: 30 }), async (t) => {
      await t.waitFor(/sqrt\(6\)/);
      await t.type('\t\t'); // → algo
      await t.type(PAGE_DOWN);
      await t.type(PAGE_DOWN);
      let frame = t.frame();
      for (const a of THRESHOLD_ALGORITHMS) expect(frame).toContain(a);
      expect(frame).toContain(`[${UI_ALGORITHM}]`);
      let i = THRESHOLD_ALGORITHMS.indexOf(UI_ALGORITHM);
      for (let n = 0; n < THRESHOLD_ALGORITHMS.length; n++) {
        await t.type(RIGHT);
        i = (i + 1) % THRESHOLD_ALGORITHMS.length;
        const a = THRESHOLD_ALGORITHMS[i]!;
        frame = await t.waitFor(new RegExp(`\\[${a}\\]`));
        if (a === 'custom') {
          // the custom algorithm needs ψ: a ψ field appears and the pane says what is missing
          frame = await t.waitFor(/error \(ψ\): the custom algorithm needs its oracle/);
          expect(frame).toMatch(/ψ \(needed/);
        } else {
          const expected = thresholds({ target: 'He3(z)', algorithm: a, d: DEFAULT_D });
          frame = await t.waitFor(new RegExp(`\\n${a}: μ_${expected.mu.find((m) => !m.zero)!.i} = `));
        }
      }
    });
  });

  it('leaves Ctrl-L/R/N/P/G to the terminal; PgDn, Esc+digit and Esc/Alt letters do the work', async () => {
    const engine = testEngine();
    const { effects, files } = recordingEffects();
    await withTerminal(openUi('He3(z)', { engine, effects }), async (t) => {
      await t.waitFor(/sqrt\(6\)/);
      await tick(300); // the thresholds too
      for (const key of ['\x0c', '\x12', '\x0e', '\x10', '\x07']) await t.type(key);
      await tick(300);
      expect(t.frame()).toMatch(/\[1 Coefficients\]/);
      expect(engine.requests.filter((r) => r.kind === 'verify' || r.kind === 'table')).toEqual([]);
      expect(files.size).toBe(0);
      expect(t.frame()).toMatch(/Tab field · PgUp\/PgDn pane\s+Esc then v verify, l LaTeX, x export, d diagram/);
      await t.type(PAGE_DOWN);
      expect(t.frame()).toMatch(/\[2 Exponents\]/);
      await t.type(ESC);
      await tick(100);
      await t.type('3');
      expect(t.frame()).toMatch(/\[3 Thresholds\]/);
      await t.type('\x1bl'); // Alt-l
      await t.waitFor(phrase('LaTeX row of He3(z) copied to the clipboard (OSC 52) and written to /session/sindex-result.tex'));
      expect(files.get(UI_FILES.latex)).toBe(renderTable([tableRow({ name: 'He3(z)', link: linkOf('He3(z)') })], 'latex'));
      await t.type('\x1bd'); // Alt-d
      await t.waitFor(phrase('phase diagram of He3(z) (alternating) written to /session/sindex-phase.svg'));
      expect(files.get(UI_FILES.phaseDiagram)).toBe(phaseDiagramSvg(thresholds({ target: 'He3(z)', algorithm: UI_ALGORITHM, d: DEFAULT_D })));
    });
  });

  it('Esc v runs the quick sweep of the fields, past the breakpoint of their phase diagram', async () => {
    const engine = testEngine(true);
    await withTerminal(openUi('He3(z)', { engine }), async (t) => {
      await tick(300);
      engine.release();
      await tick(300);
      await t.type(ESC);
      await tick(100);
      await t.type('v');
      const sweep = engine.requests.find((r) => r.kind === 'verify');
      expect(sweep?.kind === 'verify' && sweep.config).toMatchObject({
        target: 'He3(z)',
        algorithm: UI_ALGORITHM,
        ds: UI_SWEEP.ds,
        alphas: [0, 0.5 + 0.5],
        seeds: UI_SWEEP.seeds,
      });
      expect(t.frame()).toMatch(/\[4 Verify\]\n░+ 0\/96 seeds/); // 3 d × 2 α × 16 seeds
    });
  });
});

describe('export (issue 12 §1.4)', () => {
  it('Esc x exports every link looked at, not only those confirmed with Enter, and says what and where', async () => {
    const { effects, files } = recordingEffects();
    await withTerminal(openUi('He3(z)', { effects }), async (t) => {
      await t.waitFor(firstCoefficientRow('He3(z)'));
      await tick(1200); // on screen for a second: looked at
      await t.type(`${CTRL_U}He4(z)`);
      await t.waitFor(firstCoefficientRow('He4(z)'));
      await tick(1200);
      await t.type(`${CTRL_U}abs(z)`);
      await t.waitFor(firstCoefficientRow('abs(z)')); // glimpsed while typing on: not looked at
      await t.type(`${CTRL_U}relu(z)`);
      await t.waitFor(firstCoefficientRow('relu(z)')); // the current link, on screen when exporting
      await t.type(ESC);
      await tick(100);
      expect(t.frame()).toMatch(/x export 2 links looked at → sindex-table\.md/);
      await t.type('x');
      await t.waitFor(phrase('wrote 3 links (He3(z), He4(z), relu(z)) to /session/sindex-table.md'));
      const links = ['He3(z)', 'He4(z)', 'relu(z)'];
      expect(files.get(UI_FILES.table)).toBe(
        renderTable(
          links.map((l) => tableRow({ name: l, link: linkOf(l) })),
          'md',
        ),
      );
    });
  });
});
