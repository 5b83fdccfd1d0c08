// Multi-index links outside `sindex analyze`: a positioned refusal that says where they are taken,
// never z1, z2 read as free parameters of a single-index link.
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

async function run(...argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(argv, { out: () => {}, err: (t) => (err += t) });
  return { code, err };
}

describe('multi-index links in the single-index commands', () => {
  it.each([
    [['thresholds', '--target', 'z1*z2']],
    [['escape', '--target', 'z1*z2', '--seeds', '1']],
    [['thresholds', '--target', 'He3(z)', '--student', 'z1^2']],
    [['verify', '--target', 'He3(z)', '--student', 'z1^2', '--seeds', '1']],
  ])('%j exits 2 naming the commands that take them', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/'z1' is a direction of a multi-index link: links in z1\.\.z6 are taken by `sindex analyze`, `verify --target` and `table`/);
  });
});
