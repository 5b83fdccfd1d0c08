/**
 * What the UI's engine thread does with a request (engineWorker.ts runs it on the thread; the UI
 * tests call it in process): analyses (single-index, symbolic, multi-index), thresholds (for a
 * multi-index link: an answer saying they do not apply), tables and small verifier sweeps, and
 * errors as `UserError`s with the field they are about.
 */
import { analyze } from '../../src/analyze.js';
import { ParseError, isSindexError } from '../../src/errors.js';
import { noiseFlag } from '../args.js';
import { thresholds } from '../../src/thresholds/thresholds.js';
import { planSweep } from '../../src/verify/plan.js';
import { compileSweep, TaskRunner } from '../../src/verify/runTask.js';
import { summarize } from '../../src/verify/summary.js';
import type { SeedRecord } from '../../src/verify/records.js';
import type { EngineRequest, EngineResponse, UserError } from './protocol.js';
import type { Rational } from '../../src/exact/rational.js';
import { tableRowsOf } from '../../src/table/symbolicRows.js';
import { analyzeSymbolic, hasFreeParameters } from '../../src/symbolic/analyzeSymbolic.js';
import { symbolicThresholds } from '../../src/symbolic/thresholdsCases.js';
import { renderTable } from '../../src/table/render.js';
import { type Link, linkOf } from '../../src/expr/link.js';
import { isMultiIndexSource } from '../../src/expr/names.js';
import { analyzeMultiIndex } from '../../src/multiIndex/analyzeMulti.js';

/** A user error about one input field. */
class FieldError extends Error {
  constructor(
    readonly field: 'noise',
    readonly error: Error,
  ) {
    super(error.message);
  }
}

function noiseOf(s: string | null): Rational | undefined {
  if (s === null || s.trim() === '') return undefined;
  try {
    return noiseFlag(s.trim());
  } catch (e) {
    throw new FieldError('noise', e as Error);
  }
}

/** What the thresholds and verifier panes say for a multi-index link. */
export const MULTI_INDEX_THRESHOLDS =
  "thresholds and the verifier are not available for multi-index links here: μ_i(η) and the phase diagram are for a link of one direction z (see the leap and the generative leap in panes 1–2); the multi-index verifier runs on the command line, sindex verify --target '…'";

/** A link of a table row: in z1..z6 (multi-index), with free parameters, or plain. */
function linkOfRow(l: string): Link {
  if (isMultiIndexSource(l)) return linkOf(l, { variables: 'multi' });
  return hasFreeParameters(l) ? linkOf(l, { freeParameters: true }) : linkOf(l);
}

/** Which field an engine error is about: the noise when it did not parse, the student, ψ or target when a parse error quotes it. */
function fieldOf(e: unknown, r: EngineRequest): UserError['field'] {
  if (e instanceof FieldError) return e.field;
  if (!(e instanceof ParseError)) return null;
  if (r.kind === 'thresholds' && r.query.student !== null && e.source === r.query.student) return 'student';
  if (r.kind === 'thresholds' && r.query.psi !== null && e.source === r.query.psi) return 'psi';
  return 'target';
}

/** Answers request r through `post` (progress, then the result or an error). */
export function handleRequest(r: EngineRequest, post: (m: EngineResponse) => void): void {
  try {
    switch (r.kind) {
      case 'analyze': {
        const q = r.query;
        const noise = noiseOf(q.noise);
        // a link in z1..z6: the multi-index analysis (issue 16); a name without a value is a free
        // parameter: the exact symbolic analysis (issue 15)
        const result = isMultiIndexSource(q.expr)
          ? analyzeMultiIndex(q.expr, { noise })
          : hasFreeParameters(q.expr)
            ? { ...analyzeSymbolic(q.expr, { noise, powers: 2 }), mode: 'symbolic' as const }
            : analyze(q.expr, { noise, maxDegree: 12 });
        post({ id: r.id, kind: 'analyze', query: q, result });
        return;
      }
      case 'thresholds': {
        const q = r.query;
        const multi = [q.target, q.student].find((l) => l !== null && isMultiIndexSource(l));
        if (multi !== undefined) {
          // μ_i(η) and the phase diagram are built on one direction: nothing to compute, but an answer for these fields
          noiseOf(q.noise);
          post({ id: r.id, kind: 'thresholds', query: q, result: { mode: 'not-available', reason: MULTI_INDEX_THRESHOLDS } });
          return;
        }
        if (hasFreeParameters(q.target) || (q.student !== null && hasFreeParameters(q.student))) {
          // free parameters (issue 15): the case split of the target's label powers
          const result = symbolicThresholds({
            target: q.target,
            student: q.student ?? undefined,
            algorithm: q.algorithm,
            noise: noiseOf(q.noise),
            rest: { psi: q.psi ?? undefined, d: q.d },
          });
          post({ id: r.id, kind: 'thresholds', query: q, result });
          return;
        }
        const result = thresholds({
          target: q.target,
          student: q.student ?? undefined,
          algorithm: q.algorithm,
          psi: q.psi ?? undefined,
          noise: noiseOf(q.noise),
          d: q.d,
        });
        post({ id: r.id, kind: 'thresholds', query: q, result });
        return;
      }
      case 'table':
        post({
          id: r.id,
          kind: 'table',
          format: r.format,
          links: r.links,
          text: renderTable(
            r.links.flatMap((l) => tableRowsOf({ name: l, link: linkOfRow(l) })),
            r.format,
          ),
        });
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
            post({
              id: r.id,
              kind: 'progress',
              done: records.length,
              total: plan.tasks.length,
              runs: summarize(records, [], r.config.seed, { intervals: false }).runs,
              predictions: plan.predictions,
            });
          },
        ).run();
        const summary = summarize(records, plan.predictions, r.config.seed);
        post({ id: r.id, kind: 'verify', runs: summary.runs, fits: summary.fits });
        return;
      }
    }
  } catch (e) {
    const field = fieldOf(e, r);
    const cause = e instanceof FieldError ? e.error : e;
    if (isSindexError(cause)) {
      post({
        id: r.id,
        kind: 'error',
        request: r,
        error: {
          message: cause.message,
          position: cause instanceof ParseError ? cause.position : null,
          hint: cause instanceof ParseError ? cause.hint : null,
          field,
        },
      });
    } else {
      post({ id: r.id, kind: 'error', request: r, error: { message: `internal error: ${(cause as Error).message}`, position: null, hint: null, field } });
    }
  }
}
