// End to end: the real program in a pseudo-terminal (tmux), a link typed in, exponents read off the screen.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `sindex-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function screenMatching(pattern: RegExp, ms = 15000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-t', session);
    if (pattern.test(screen)) return screen;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
    await sleep(100);
  }
}

describe.skipIf(!hasTmux)('sindex in a terminal (tmux)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['build.mjs']); // always: an old dist/ would test old code
  });

  it('opens on He3, takes a typed link, and shows its exponents', async () => {
    // CI=true as on a CI machine: ink renders only its last frame when it sees CI, so the program must clear it on a TTY
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `CI=true ${process.execPath} bin/sindex.js`);
    try {
      await screenMatching(/sqrt\(6\)/);
      tmux('send-keys', '-t', session, 'C-u');
      tmux('send-keys', '-t', session, '-l', 'He4(z)');
      await screenMatching(/2\*sqrt\(6\)/);
      expect(await screenMatching(/IE 4 \(exact\) · GE 2 \(exact\)/)).toMatch(/p₂ 2 \(exact\)/); // the headline
      tmux('send-keys', '-t', session, 'NPage'); // PgDn: the exponents pane
      const screen = await screenMatching(/information exponent p = 4/);
      expect(screen).toMatch(/generative exponent p\* = 2/);
      expect(screen).toMatch(/label powers p_i = 4, 2, 2, 2/);
      tmux('send-keys', '-t', session, 'Escape'); // a command prefix, not quit
      await sleep(300);
      tmux('send-keys', '-t', session, 'q');
      await screenMatching(/Quit sindex\?/);
      tmux('send-keys', '-t', session, 'y');
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session]);
    }
  }, 60_000);
});
