// The UI tests' terminal: the App rendered by Ink into a fake terminal of a given size, with the
// worker's own request handler (handleRequest) in process — answering at once, or holding each
// answer until the test releases it — and effects that record files instead of writing them.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { App, type Engine } from '../../cli/ui/App.js';
import type { Effects } from '../../cli/ui/effects.js';
import { handleRequest } from '../../cli/ui/handleRequest.js';
import type { EngineRequest, EngineRequestBody, EngineResponse } from '../../cli/ui/protocol.js';

export const tick = (ms = 50) => new Promise((r) => setTimeout(r, ms));

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** An engine answering with handleRequest: at once (next turn of the event loop), or, when `held`, only when released. */
export function testEngine(held = false) {
  let listener: (m: EngineResponse) => void = () => {};
  let id = 0;
  const queue: EngineRequest[] = [];
  const requests: EngineRequest[] = [];
  const answer = (r: EngineRequest) => handleRequest(r, (m) => listener(m));
  const engine: Engine = {
    send(body: EngineRequestBody) {
      const r = { ...body, id: ++id } as EngineRequest;
      requests.push(r);
      if (held) queue.push(r);
      else setTimeout(() => answer(r), 0);
      return r.id;
    },
    cancelSweep() {},
  };
  return {
    engine,
    subscribe: (l: (m: EngineResponse) => void) => void (listener = l),
    requests,
    /** Answer the held requests of these kinds (all kinds when none is given). */
    release(...kinds: EngineRequest['kind'][]) {
      for (const r of [...queue]) {
        if (kinds.length && !kinds.includes(r.kind)) continue;
        queue.splice(queue.indexOf(r), 1);
        answer(r);
      }
    },
  };
}

/** Effects that keep the files written (by name) and the texts copied. */
export function recordingEffects() {
  const files = new Map<string, string>();
  const copied: string[] = [];
  const effects: Effects = {
    write(file, text) {
      files.set(file, text);
      return `/session/${file}`;
    },
    copy(text) {
      copied.push(text);
      return true;
    },
  };
  return { effects, files, copied };
}

export interface Terminal {
  readonly stdin: FakeStdin;
  readonly stdout: FakeStdout;
  frame(): string;
  /** Type keys, then let Ink and React handle them. */
  type(keys: string): Promise<void>;
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  unmount(): void;
  exited: boolean;
}

/** The App on `link` in a columns × rows terminal. */
export function openUi(link: string, options: { columns?: number; rows?: number; engine?: ReturnType<typeof testEngine>; effects?: Effects } = {}): Terminal {
  const stdout = new FakeStdout(options.columns ?? 80, options.rows ?? 24);
  const stdin = new FakeStdin();
  const { engine, subscribe } = options.engine ?? testEngine();
  const t: Terminal = {
    stdin,
    stdout,
    exited: false,
    frame: () => (stdout.frames.at(-1) ?? '').replace(/\x1b\[[0-9;]*m/g, ''),
    async type(keys) {
      await tick();
      stdin.write(keys);
      await tick();
    },
    async waitFor(pattern, ms = 15_000) {
      const start = Date.now();
      for (;;) {
        const f = t.frame();
        if (pattern.test(f)) return f;
        if (Date.now() - start > ms) throw new Error(`timed out waiting for ${pattern}; last frame:\n${f}`);
        await tick(30);
      }
    },
    unmount: () => instance.unmount(),
  };
  const instance = render(
    <App engine={engine} subscribe={subscribe} link={link} effects={options.effects ?? recordingEffects().effects} onExit={() => (t.exited = true)} />,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: new FakeStdout(80, 24) as unknown as NodeJS.WriteStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  return t;
}

/** Runs `body` on a UI and unmounts it even when the body fails. */
export async function withTerminal(t: Terminal, body: (t: Terminal) => Promise<void>): Promise<void> {
  try {
    await body(t);
  } finally {
    t.unmount();
  }
}

/** The headline: the lines between the fields (two lines) and the pane tabs. */
export const headline = (frame: string) =>
  frame
    .split('\n')
    .slice(
      2,
      frame.split('\n').findIndex((l) => /\d (Coefficients|Exponents|Thresholds|Verify)/.test(l)),
    )
    .join(' ');

/** A literal phrase as a pattern that allows a line break wherever it has a space. */
export const phrase = (s: string): RegExp => new RegExp(s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+'));
