/**
 * Worker thread of `sindex verify`: compiles the sweep once, then claims tasks from the shared
 * counter until none is left or the stop flag is set, posting each record as its seed finishes
 * and null at the end (cli/pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SweepConfig, Task } from '../src/verify/plan.js';
import type { SeedRecord } from '../src/verify/records.js';
import { compileSweep, TaskRunner } from '../src/verify/runTask.js';
import { workerLoop } from './pool.js';

const data = workerData as { config: SweepConfig; tasks: readonly Task[]; shared: SharedArrayBuffer; sliceSteps: number };
const sweep = compileSweep(data.config);
workerLoop<Task, SeedRecord>(
  data,
  (claim, done) => new TaskRunner(sweep, claim, done),
  (message) => parentPort!.postMessage(message),
);
