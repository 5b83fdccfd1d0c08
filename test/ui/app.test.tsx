// The Ink UI with ink-testing-library and an in-process engine: panes render the engine's results,
// typing updates them, errors point at the position. (Await a tick before and after writing to stdin.)
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App, type Engine } from '../../cli/ui/App.js';
import type { EngineRequest, EngineRequestBody, EngineResponse } from '../../cli/ui/protocol.js';
import { handleRequest } from '../../cli/ui/handleRequest.js';

const tick = (ms = 50) => new Promise((r) => setTimeout(r, ms));

/** The worker's own handler (handleRequest), in process, on the next turn of the event loop. */
function inProcessEngine(): { engine: Engine; subscribe: (l: (m: EngineResponse) => void) => void } {
  let listener: (m: EngineResponse) => void = () => {};
  let id = 0;
  const engine: Engine = {
    send(r: EngineRequestBody) {
      const mine = ++id;
      setTimeout(() => handleRequest({ ...r, id: mine } as EngineRequest, (m) => listener(m)), 0);
      return mine;
    },
    cancelSweep() {},
  };
  return { engine, subscribe: (l) => (listener = l) };
}

async function waitFor(frame: () => string | undefined, pattern: RegExp, ms = 5000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const f = frame() ?? '';
    if (pattern.test(f)) return f;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${pattern}; last frame:\n${f}`);
    await tick(30);
  }
}

/** Opens the UI on `link` with the in-process engine, waits until `ready` shows, runs `body`, and unmounts even when it fails. */
async function withUi(link: string, ready: RegExp, body: (ui: ReturnType<typeof render>) => Promise<void>): Promise<void> {
  const { engine, subscribe } = inProcessEngine();
  const ui = render(<App engine={engine} subscribe={subscribe} link={link} />);
  try {
    await waitFor(ui.lastFrame, ready, 15_000);
    await tick();
    await body(ui);
  } finally {
    ui.unmount();
  }
}

describe('sindex UI', () => {
  it('opens on He3 with α_3 = √6 and shows IE 3, p* = 1 in the exponents pane', async () => {
    await withUi('He3(z)', /sqrt\(6\)/, async (ui) => {
      ui.stdin.write('\x0e'); // Ctrl-N: next pane
      const frame = await waitFor(ui.lastFrame, /information exponent p = 3/);
      expect(frame).toMatch(/generative exponent p\* = 1/);
      expect(frame).toMatch(/\[2 Exponents\]/); // the active pane is marked without colour
    });
  });

  it('re-analyses as you type, and points at an unknown name', async () => {
    await withUi('He3(z)', /sqrt\(6\)/, async (ui) => {
      ui.stdin.write('\x15'); // Ctrl-U clears the line
      await tick();
      ui.stdin.write('rleu(z)');
      let frame = await waitFor(ui.lastFrame, /unknown function 'rleu'/);
      expect(frame).toMatch(/did you mean 'relu'/);
      expect(frame).toMatch(/\n\s+rleu\(z\)\n\s+\^/);
      ui.stdin.write('\x15');
      await tick();
      ui.stdin.write('relu(z)');
      frame = await waitFor(ui.lastFrame, /1\/sqrt\(2\*pi\)/);
      expect(frame).not.toMatch(/unknown function/);
    });
  });

  it('replays a chunk of text and control keys in order (as a fast typist or tmux sends it)', async () => {
    await withUi('He3(z)', /sqrt\(6\)/, async (ui) => {
      ui.stdin.write('\x15He4(z)\x0e'); // Ctrl-U, the link, Ctrl-N in one chunk
      const frame = await waitFor(ui.lastFrame, /information exponent p = 4/);
      expect(frame).toMatch(/\[2 Exponents\]/);
      expect(frame).toMatch(/σ\* He4\(z\)/);
    });
  });

  it('shows the phase diagram with its breakpoint', async () => {
    await withUi('He3(z)', /sqrt\(6\)/, async (ui) => {
      ui.stdin.write('\x0e');
      await tick();
      ui.stdin.write('\x0e');
      const frame = await waitFor(ui.lastFrame, /breakpoints α = 1\/2/);
      expect(frame).toMatch(/μ_2 = 324\*eta/);
    });
  });

  it('puts an error in the noise field under Δ (not an internal error), and accepts a fraction there', async () => {
    await withUi('He3(z)', /sqrt\(6\)/, async (ui) => {
      ui.stdin.write('\t\t\t'); // target → student → algo → noise
      await tick();
      ui.stdin.write('abc');
      const frame = await waitFor(ui.lastFrame, /error \(Δ\)/, 15_000);
      expect(frame).not.toMatch(/internal error/);
      ui.stdin.write('\x15');
      await tick();
      ui.stdin.write('1/10');
      await waitFor(() => (/error/.test(ui.lastFrame() ?? '') ? 'still' : 'cleared'), /cleared/, 15_000);
    });
  });

  it("keeps an invalid algorithm's message after the analysis of the link comes back", async () => {
    await withUi('He3(z)', /sqrt\(6\)/, async (ui) => {
      ui.stdin.write('\t\t'); // → algo
      await tick();
      ui.stdin.write('\x15adam');
      await waitFor(ui.lastFrame, /error \(algo\): algorithm must be one of/);
      await tick(600); // well past the debounce and the analysis reply
      expect(ui.lastFrame()).toMatch(/error \(algo\): algorithm must be one of/);
    });
  });

  it('shows a numeric coefficient rounded, with a bound that covers the true value (tanh: α_1 = E[sech² z])', async () => {
    let alpha1 = 0;
    const h = 1e-3;
    for (let z = -40; z <= 40; z += h) alpha1 += (h * Math.exp((-z * z) / 2)) / Math.cosh(z) ** 2 / Math.sqrt(2 * Math.PI);
    await withUi('tanh(z)', /\n\s+1\s+\S+ ± \S+/, async (ui) => {
      const m = /\n\s+1\s+(\S+) ± (\S+)/.exec(ui.lastFrame()!)!;
      expect(Math.abs(Number(m[1]) - alpha1)).toBeLessThanOrEqual(Number(m[2]));
    });
  });
});
