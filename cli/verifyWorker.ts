/** Worker thread of `sindex verify`: compiles the sweep once, then runs the tasks it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSweep, runTask } from '../src/verify/runTask.js';
import type { SweepConfig, Task } from '../src/verify/plan.js';

const sweep = compileSweep((workerData as { config: SweepConfig }).config);
parentPort!.on('message', (task: Task | null) => {
  if (task === null) {
    process.exit(0);
  }
  parentPort!.postMessage(runTask(sweep, task));
});
