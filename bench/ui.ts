/**
 * UI latency in a real terminal (tmux): time to first paint, and the time for a typed key to
 * appear on screen while a verifier sweep runs. Poll-based (10 ms), so figures are upper bounds.
 * Nothing runs on import: call benchUi(); returns [] when tmux is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';

import { timing, type Timing } from './median.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchUi(): Promise<({ name: string; ms: number } & Partial<Timing>)[]> {
  if (spawnSync('tmux', ['-V']).status !== 0) return [];
  const session = `sindex-bench-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const waitFor = async (pattern: RegExp, limit = 10_000) => {
    const t0 = performance.now();
    while (!pattern.test(tmux('capture-pane', '-p', '-t', session))) {
      if (performance.now() - t0 > limit) throw new Error(`benchUi: timed out waiting for ${pattern}`);
      await sleep(10);
    }
    return performance.now() - t0;
  };
  const t0 = performance.now();
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `${process.execPath} bin/sindex.js`);
  try {
    await waitFor(/σ\* He3/);
    const firstPaint = performance.now() - t0;
    await waitFor(/sqrt\(6\)/);
    tmux('send-keys', '-t', session, 'C-r'); // start a verifier sweep
    await sleep(300);
    const echoes: number[] = [];
    for (const ch of ['1', '2', '3', '4', '5', '6', '7']) {
      const t = performance.now();
      tmux('send-keys', '-t', session, '-l', ch);
      await waitFor(new RegExp(`He3\\(z\\)[0-9]*${ch}`));
      echoes.push(performance.now() - t);
    }
    return [
      { name: 'UI: first paint (process start to the input line on screen; one sample, tmux start-up included)', ms: firstPaint },
      { name: 'UI: keystroke echo while a verifier sweep runs (median of 7)', ...timing(echoes) },
    ];
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
}
