/** The UI's engine thread: analyses, thresholds and small verifier sweeps, one request at a time. */
import { parentPort } from 'node:worker_threads';
import { analyze } from '../../src/analysis/analyze.js';
import { ParseError, isSindexError } from '../../src/errors.js';
import { Rational } from '../../src/exact/rational.js';
import { thresholds, type ThresholdAlgorithm } from '../../src/thresholds/thresholds.js';
import { planSweep } from '../../src/verify/plan.js';
import { compileSweep, TaskRunner } from '../../src/verify/runTask.js';
import { summarize } from '../../src/verify/summary.js';
import type { SeedRecord } from '../../src/verify/records.js';
import type { EngineRequest, EngineResponse } from './protocol.js';
import { tableRow } from '../../src/table/rows.js';
import { renderTable } from '../../src/table/render.js';

const post = (m: EngineResponse) => parentPort!.postMessage(m);
const noiseOf = (s: string | null) => (s === null || s.trim() === '' ? undefined : Rational.fromDecimalString(s.trim()));

parentPort!.on('message', (r: EngineRequest) => {
  try {
    switch (r.kind) {
      case 'analyze':
        post({ id: r.id, kind: 'analyze', result: analyze(r.expr, { noise: noiseOf(r.noise), maxDegree: 12 }) });
        return;
      case 'thresholds':
        post({ id: r.id, kind: 'thresholds', result: thresholds({ target: r.target, student: r.student ?? undefined, algorithm: r.algorithm as ThresholdAlgorithm, noise: noiseOf(r.noise), d: r.d }) });
        return;
      case 'table':
        post({ id: r.id, kind: 'table', format: r.format, text: renderTable(r.links.map((l) => tableRow({ name: l, expr: l })), r.format) });
        return;
      case 'verify': {
        const plan = planSweep(r.config);
        const sweep = compileSweep(r.config);
        const records: SeedRecord[] = [];
        let next = 0;
        new TaskRunner(
          sweep,
          () => (next < plan.tasks.length ? plan.tasks[next++]! : null),
          (record) => {
            records.push(record);
            post({ id: r.id, kind: 'progress', done: records.length, total: plan.tasks.length, runs: summarize(records, [], r.config.seed, { intervals: false }).runs, predictions: plan.predictions });
          },
        ).run();
        const summary = summarize(records, plan.predictions, r.config.seed);
        post({ id: r.id, kind: 'verify', runs: summary.runs, fits: summary.fits });
        return;
      }
    }
  } catch (e) {
    if (isSindexError(e)) {
      post({ id: r.id, kind: 'error', error: { message: e.message, position: e instanceof ParseError ? e.position : null, hint: e instanceof ParseError ? e.hint : null } });
    } else {
      post({ id: r.id, kind: 'error', error: { message: `internal error: ${(e as Error).message}`, position: null, hint: null } });
    }
  }
});
