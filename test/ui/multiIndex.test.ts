// A multi-index link typed into the UI: an error in place of the panes that says where its answer is,
// never a symbolic analysis with z1, z2 taken for free parameters.
import { describe, expect, it } from 'vitest';
import { handleRequest } from '../../cli/ui/handleRequest.js';
import type { EngineResponse } from '../../cli/ui/protocol.js';

describe('the UI worker and multi-index links', () => {
  it('answers z1*z2 with the parser’s message naming sindex analyze, at the position of z1', () => {
    const posted: EngineResponse[] = [];
    handleRequest({ id: 1, kind: 'analyze', query: { expr: 'z1*z2', noise: '0' } }, (m) => posted.push(m));
    expect(posted).toHaveLength(1);
    const m = posted[0]!;
    expect(m.kind).toBe('error');
    if (m.kind === 'error') {
      expect(m.error.message).toMatch(/'z1' is a direction of a multi-index link: only `sindex analyze` takes links in z1\.\.z6/);
      expect(m.error.position).toBe(0);
    }
  });

  it('still analyses a link with a free parameter symbolically', () => {
    const posted: EngineResponse[] = [];
    handleRequest({ id: 2, kind: 'analyze', query: { expr: 'z^3 + a*z', noise: '0' } }, (m) => posted.push(m));
    expect(posted[0]!.kind).toBe('analyze');
  });
});
