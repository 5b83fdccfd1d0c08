/**
 * The UI's handle on its engine worker: requests by id, latest-wins for analyses, and a
 * separate worker for verifier sweeps so a sweep can be cancelled (terminated) at once.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { EngineRequest, EngineRequestBody, EngineResponse } from './protocol.js';

type Listener = (m: EngineResponse) => void;

function spawn(listener: Listener): Worker {
  const bundled = new URL('./uiWorker.js', import.meta.url);
  const source = new URL('./engineWorker.ts', import.meta.url);
  const w = existsSync(bundled)
    ? new Worker(bundled)
    : new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`, { eval: true });
  w.on('message', listener);
  w.unref();
  return w;
}

export class EngineClient {
  private nextId = 1;
  private readonly main: Worker;
  private sweep: Worker | null = null;

  constructor(private readonly listener: Listener) {
    this.main = spawn(listener);
  }

  /** Send a request (analyze/thresholds on the main worker, verify on its own); returns its id. */
  send(request: EngineRequestBody): number {
    const id = this.nextId++;
    const message = { ...request, id } as EngineRequest;
    if (message.kind === 'verify') {
      this.cancelSweep();
      this.sweep = spawn(this.listener);
      this.sweep.postMessage(message);
    } else {
      this.main.postMessage(message);
    }
    return id;
  }

  cancelSweep(): void {
    if (this.sweep) void this.sweep.terminate();
    this.sweep = null;
  }

  close(): void {
    this.cancelSweep();
    void this.main.terminate();
  }
}
