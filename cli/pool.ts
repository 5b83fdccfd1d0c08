/**
 * Running a sweep's tasks: in this thread (one worker), or on a pool of worker threads that claim
 * tasks from a shared counter (Atomics) so that they stay busy to the end. An interruption stops
 * the claims and abandons the tasks in flight (a resume reruns them). Which task gets which seed
 * is fixed by the plan, so the records do not depend on the number of workers.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Set by Ctrl-C / SIGTERM; `onStop` tells running workers. */
export interface StopFlag {
  stopped: boolean;
  onStop?: () => void;
}

/** Runs claimed tasks for about `slice` units of work; true once no task is left to claim. */
export interface SliceRunner {
  run(slice: number): boolean;
}

export interface PoolOptions<T, R> {
  readonly tasks: readonly T[];
  readonly workers: number;
  readonly stop: StopFlag;
  /** called with every finished record, in the order they finish */
  readonly done: (record: R) => void;
  /** the runner of this thread (workers = 1) */
  readonly inThread: (claim: () => T | null, done: (record: R) => void) => SliceRunner;
  /** the worker module beside this file, without extension ('escapeWorker'), and what it receives besides tasks */
  readonly worker: { readonly module: string; readonly data: Record<string, unknown> };
  readonly sliceSteps: number;
}

/**
 * Run every task once. The worker module reads `workerData` = { ...data, tasks, shared,
 * sliceSteps }, claims with `Atomics.add(flags, 0, 1)` while `flags[1]` is 0, posts each record
 * and then null (`workerLoop` below does all of that).
 */
export async function runPool<T, R>(o: PoolOptions<T, R>): Promise<void> {
  const { tasks, stop } = o;
  if (o.workers <= 1 || tasks.length <= 1) {
    let next = 0;
    const runner = o.inThread(() => (stop.stopped || next >= tasks.length ? null : tasks[next++]!), o.done);
    while (!runner.run(o.sliceSteps) && !stop.stopped) await new Promise((r) => setImmediate(r)); // let a SIGINT through
    return;
  }
  const bundled = new URL(`./${o.worker.module}.js`, import.meta.url);
  const source = new URL(`./${o.worker.module}.ts`, import.meta.url);
  const useSource = !existsSync(bundled) && existsSync(source);
  const shared = new SharedArrayBuffer(8); // [index of the next task to claim, stop flag]
  const flags = new Int32Array(shared);
  stop.onStop = () => Atomics.store(flags, 1, 1);
  if (stop.stopped) return;
  const n = Math.min(o.workers, tasks.length);
  await new Promise<void>((resolve, reject) => {
    let ended = 0;
    const pool: Worker[] = [];
    for (let i = 0; i < n; i++) {
      const workerData = { ...o.worker.data, tasks, shared, sliceSteps: o.sliceSteps };
      // from source (tests, tsx): register tsx inside the worker, then load the TypeScript entry
      const w = useSource
        ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`, { eval: true, workerData })
        : new Worker(bundled, { workerData });
      pool.push(w);
      w.on('message', (r: R | null) => {
        if (r !== null) {
          o.done(r);
          return;
        }
        if (++ended === n) {
          for (const x of pool) void x.terminate();
          resolve();
        }
      });
      w.on('error', (e) => {
        for (const x of pool) void x.terminate();
        reject(e);
      });
    }
  });
}

/** The body of a worker module: claim tasks until none is left or the stop flag is set, post records, then null. */
export function workerLoop<T, R>(
  data: { readonly tasks: readonly T[]; readonly shared: SharedArrayBuffer; readonly sliceSteps: number },
  makeRunner: (claim: () => T | null, done: (record: R) => void) => SliceRunner,
  post: (message: R | null) => void,
): void {
  const flags = new Int32Array(data.shared);
  const stopped = () => Atomics.load(flags, 1) !== 0;
  const claim = (): T | null => {
    if (stopped()) return null;
    const i = Atomics.add(flags, 0, 1);
    return i < data.tasks.length ? data.tasks[i]! : null;
  };
  const runner = makeRunner(claim, post);
  for (;;) if (runner.run(data.sliceSteps) || stopped()) break;
  post(null);
}

/** A stop flag and the function that raises it once (telling running workers). */
export function stoppable(): { stop: StopFlag; halt: () => void } {
  const stop: StopFlag = { stopped: false };
  return {
    stop,
    halt: () => {
      if (stop.stopped) return;
      stop.stopped = true;
      stop.onStop?.();
    },
  };
}
