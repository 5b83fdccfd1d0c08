/**
 * Worker thread of `sindex verify`: compiles the sweep once, then claims tasks from the shared
 * counter (flags[0]) until none is left or the stop flag (flags[1]) is set, posting each record
 * as its seed finishes and null at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSweep, TaskRunner } from '../src/verify/runTask.js';
import type { SweepConfig, Task } from '../src/verify/plan.js';

const { config, tasks, shared, sliceSteps } = workerData as { config: SweepConfig; tasks: readonly Task[]; shared: SharedArrayBuffer; sliceSteps: number };
const flags = new Int32Array(shared);
const stopped = () => Atomics.load(flags, 1) !== 0;
const claim = (): Task | null => {
  if (stopped()) return null;
  const i = Atomics.add(flags, 0, 1);
  return i < tasks.length ? tasks[i]! : null;
};
const runner = new TaskRunner(compileSweep(config), claim, (r) => parentPort!.postMessage(r));
for (;;) {
  if (runner.run(sliceSteps) || stopped()) break;
}
parentPort!.postMessage(null);
