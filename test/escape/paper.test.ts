// arXiv 2305.18502 reproduced: for phase retrieval learned by a square committee, the simulated
// exit time agrees with the paper's quenched closed form (an expectation over the initial overlaps,
// linearised at m = 0, hence a small drop T) at p = 5 and p = 20, d = 1000, γ/p fixed — the
// README's experiment, whose printed table is checked against the same run.
import { describe, expect, it } from 'vitest';
import { escapeTable } from '../../cli/format/escape.js';
import { main } from '../../cli/main.js';
import type { EscapeReport } from '../../src/escape/report.js';
import { readmeBlock } from '../api/readmeBlocks.js';

describe('escaping mediocrity at d = 1000 (2305.18502)', () => {
  it('the quenched exit time lies in the 95 % intervals of the simulated median and mean at p = 5 and 20; the README shows this run', async () => {
    let out = '';
    const command = readmeBlock('### `sindex escape`', 'sh').trim();
    expect(command).toBe('npx sindex escape --width 1,2,5,20 --d 1000 --seeds 64 --plot exit.svg');
    const argv = ['escape', '--width', '1,2,5,20', '--d', '1000', '--seeds', '64', '--workers', '2', '--json'];
    expect(await main(argv, { out: (t) => (out += t), err: () => {} })).toBe(0);
    const report = JSON.parse(out) as EscapeReport;
    for (const r of report.rows.filter((x) => x.p === 5 || x.p === 20)) {
      expect(r.reached).toBe(1);
      const q = r.quenchedSamples!;
      expect(r.ci[0]!).toBeLessThanOrEqual(q);
      expect(q).toBeLessThanOrEqual(r.ci[1]!);
      expect(r.meanCi[0]!).toBeLessThanOrEqual(q);
      expect(q).toBeLessThanOrEqual(r.meanCi[1]!);
    }
    const rows = (text: string) => text.split('\n').filter((l) => /^\s+(p\s+d\s+γ|\d+\s+1000\s)/.test(l));
    expect(rows(readmeBlock('### `sindex escape`', 'text'))).toEqual(rows(escapeTable(report)));
  });
});
