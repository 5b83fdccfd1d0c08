/**
 * Robust under any input (issue "no crash, no hang, no NaN"): every call answers within its time
 * budget plus a small overhead, exits 0 or 2 (with a message on 2), and never prints NaN or
 * Infinity. The inputs: a committed corpus of 2000 adversarial inputs (deep, long, huge, tiny,
 * oscillating, noisy, malformed, parameters, thresholds; test/fixtures/robustness/gen_corpus.mjs
 * beside its JSON), run through the CLI's own command code in-process with a 0.05 s budget.
 * The real executable runs the inputs named in the issue (test/robustness/named.test.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

interface Input {
  readonly kind: string;
  readonly args: readonly string[];
}
const { inputs } = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/robustness/corpus.json', import.meta.url)), 'utf8')) as { inputs: Input[] };
const BUDGET = 0.05;
/** Setup outside the numeric loops (parsing, compiling, the scan for kinks and critical points) and GC. */
const OVERHEAD_MS = 1500;

async function run(args: readonly string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  let out = '';
  let err = '';
  const t = performance.now();
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err, ms: performance.now() - t };
}

function check(input: Input, r: Awaited<ReturnType<typeof run>>): string[] {
  const problems: string[] = [];
  const where = `${input.kind}: ${JSON.stringify(input.args).slice(0, 200)}`;
  if (r.code !== 0 && r.code !== 2) problems.push(`exit ${r.code} (${where}): ${r.err.slice(0, 200)}`);
  if (r.code === 2 && r.err.trim() === '') problems.push(`exit 2 without a message (${where})`);
  if (/internal error/.test(r.err)) problems.push(`internal error (${where}): ${r.err.slice(0, 200)}`);
  const text = r.out + r.err;
  const bad = /.*\b(NaN|Infinity)\b.*/.exec(text);
  if (bad) problems.push(`prints ${bad[1]} (${where}): ${bad[0].slice(0, 160)}`);
  if (r.ms > BUDGET * 1000 + OVERHEAD_MS) problems.push(`${r.ms.toFixed(0)} ms, above the budget plus overhead (${where})`);
  if (r.err.length > 2000) problems.push(`a message of ${r.err.length} characters (${where})`);
  return problems;
}

describe('2000 adversarial inputs, each within its budget, exit 0 or 2, no NaN or Infinity', () => {
  const kinds = [...new Set(inputs.map((i) => i.kind))];
  it('the corpus has at least 2000 inputs of every kind named in the issue', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(2000);
    for (const kind of ['deep', 'long', 'huge', 'oscillating', 'noisy', 'garbage']) expect(kinds).toContain(kind);
  });
  for (const kind of kinds) {
    it(`${kind} (${inputs.filter((i) => i.kind === kind).length} inputs)`, async () => {
      const problems: string[] = [];
      for (const input of inputs.filter((i) => i.kind === kind)) {
        const args = [...input.args, '--time-limit', String(BUDGET)];
        problems.push(...check(input, await run(args)));
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }
  it('JSON output of a sample carries no NaN or Infinity (non-finite numbers are absent, not null-by-accident)', async () => {
    const problems: string[] = [];
    for (const input of inputs.filter((_, i) => i % 20 === 0)) {
      const r = await run([...input.args, '--time-limit', String(BUDGET), '--json']);
      problems.push(...check(input, r));
      if (r.code === 0) expect(() => JSON.parse(r.out)).not.toThrow();
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
