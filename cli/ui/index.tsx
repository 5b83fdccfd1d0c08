/** Start the Ink UI on a link (the main job on a TTY). */
import { render } from 'ink';
import { App } from './App.js';
import { EngineClient } from './engineClient.js';
import type { EngineResponse } from './protocol.js';

export async function startUi(link: string): Promise<number> {
  let listener: (m: EngineResponse) => void = () => {};
  const engine = new EngineClient((m) => listener(m));
  const app = render(<App engine={engine} subscribe={(l) => (listener = l)} link={link} onExit={() => engine.close()} />, { exitOnCtrlC: false, maxFps: 120 });
  await app.waitUntilExit();
  engine.close();
  return 0;
}
