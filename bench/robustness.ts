// `npm run bench:robustness`: the committed adversarial corpus (test/fixtures/robustness/corpus.json)
// through the CLI's command code with the default time limits, counting what the robustness issue
// counts: crashes (exit other than 0/2 or an internal error), exit 2 without a message, NaN or
// Infinity in any output, and calls slower than their limit. Prints counts and the slowest calls.
// `--budget S` passes --time-limit S to every call instead of the defaults.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../cli/main.js';

interface Input {
  readonly kind: string;
  readonly args: readonly string[];
}
const { inputs } = JSON.parse(readFileSync(fileURLToPath(new URL('../test/fixtures/robustness/corpus.json', import.meta.url)), 'utf8')) as { inputs: Input[] };
const budgetAt = process.argv.indexOf('--budget');
const budget = budgetAt > 0 ? process.argv[budgetAt + 1]! : null;

const counts = { inputs: 0, exit0: 0, exit2: 0, crashes: 0, silent2: 0, nanOrInfinity: 0, over10s: 0 };
const slowest: { ms: number; args: string }[] = [];
const crashes: string[] = [];
for (const input of inputs) {
  let out = '';
  let err = '';
  const args = budget === null ? [...input.args] : [...input.args, '--time-limit', budget];
  const t = performance.now();
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  const ms = performance.now() - t;
  counts.inputs++;
  if (code === 0) counts.exit0++;
  else if (code === 2) counts.exit2++;
  if ((code !== 0 && code !== 2) || /internal error/.test(err)) {
    counts.crashes++;
    crashes.push(`crash: ${JSON.stringify(args).slice(0, 160)}: ${err.slice(0, 160)}`);
  }
  if (code === 2 && err.trim() === '') counts.silent2++;
  const bad = /.*\b(NaN|Infinity)\b.*/.exec(out + err);
  if (bad) {
    counts.nanOrInfinity++;
    crashes.push(`prints ${bad[1]}: ${JSON.stringify(args).slice(0, 160)}: ${bad[0].slice(0, 160)}`);
  }
  if (ms > 10_000) counts.over10s++;
  slowest.push({ ms, args: JSON.stringify(args).slice(0, 120) });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 8);
}
console.log(`time limit: ${budget ?? 'defaults (analyze 10 s, thresholds 20 s)'}`);
console.log(JSON.stringify(counts));
for (const c of crashes.slice(0, 20)) console.log(c);
console.log('slowest:');
for (const s of slowest) console.log(`  ${(s.ms / 1000).toFixed(2)} s  ${s.args}`);
