// A result is shown as current only for the query it answers; otherwise "computing" over the last result, labelled.
import { describe, expect, it } from 'vitest';
import { analyzeQuery, differences, thresholdsQuery, viewOf, type FieldValues } from '../../cli/ui/queries.js';

const fields = (f: Partial<FieldValues>): FieldValues => ({ target: 'He3(z)', student: '', algo: 'alternating', psi: '', noise: '', d: '1000', ...f });

describe('queries and views', () => {
  it('shows a result only for the query it answers, and labels an older one with what differs', () => {
    const old = { query: analyzeQuery(fields({ target: 'gelu(z)' })), result: 'IE 1' };
    expect(viewOf(old, analyzeQuery(fields({ target: ' gelu(z) ' })))).toEqual({ kind: 'ready', result: 'IE 1' }); // spaces do not change the question
    const now = analyzeQuery(fields({ target: 'He(12, z)' }));
    expect(viewOf(old, now)).toEqual({ kind: 'computing', stale: old });
    expect(differences(old.query, now)).toBe('σ* = gelu(z)');
    expect(viewOf(old, analyzeQuery(fields({ target: 'gelu(z)', noise: '1/10' })))).toMatchObject({ kind: 'computing' });
  });

  it('an error answers its own query; a field the UI rejects is an error at once', () => {
    const error = { message: "unknown function 'tanhh'", position: 0, hint: null, field: 'target' as const };
    expect(viewOf({ query: analyzeQuery(fields({ target: 'tanhh(2z)' })), error }, analyzeQuery(fields({ target: 'tanhh(2z)' })))).toEqual({
      kind: 'error',
      field: 'target',
      error,
    });
    expect(viewOf({ query: analyzeQuery(fields({ target: 'tanhh(2z)' })), error }, analyzeQuery(fields({ target: 'tanh(2z)' })))).toEqual({
      kind: 'computing',
      stale: null,
    });
    expect(viewOf(null, thresholdsQuery(fields({ d: '1' })))).toMatchObject({ kind: 'error', field: 'd' });
    expect(viewOf(null, thresholdsQuery(fields({ algo: 'custom' })))).toMatchObject({ kind: 'error', field: 'psi' });
    const t = thresholdsQuery(fields({}));
    expect(differences({ ...t, d: 100 } as object, t)).toBe('d = 100');
  });
});
