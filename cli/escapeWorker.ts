/** Worker thread of `sindex escape`: compiles the sweep once, then runs the seeds it claims. */
import { parentPort, workerData } from 'node:worker_threads';
import type { EscapeConfig } from '../src/escape/config.js';
import type { EscapeRecord, EscapeTask } from '../src/escape/records.js';
import { compileEscape, EscapeRunner, runSlice } from '../src/escape/runTask.js';
import { workerLoop } from './pool.js';

const data = workerData as { config: EscapeConfig; tasks: readonly EscapeTask[]; shared: SharedArrayBuffer; sliceSteps: number };
const runner = new EscapeRunner(compileEscape(data.config));
workerLoop<EscapeTask, EscapeRecord>(
  data,
  (claim, done) => ({ run: (slice) => runSlice(runner, claim, done, slice) }),
  (message) => parentPort!.postMessage(message),
);
