/**
 * `sindex verify --target EXPR` for a link in z1..zr (issue 16): the flags that make sense for one
 * spherical neuron under online SGD, the engine (src/verify/multiIndexVerify.ts), then the table
 * or the JSON. Flags with no meaning for a multi-index target are refused (exit 2).
 */
import { OutOfRangeError } from '../src/errors.js';
import { linkOf } from '../src/expr/link.js';
import { excerpt } from '../src/limits.js';
import { MULTI_VERIFY_DEFAULTS, verifyMultiIndex, type MultiIndexGammaRule } from '../src/verify/multiIndexVerify.js';
import { SWEEP_DEFAULTS } from '../src/verify/defaults.js';
import { choiceFlag, integerFlag, noiseFlag, numberList, parameterFlags, positiveNumber } from './args.js';
import type { ParsedArgs } from './commands.js';
import { formatMultiIndexVerification } from './format/verifyMultiIndex.js';
import { EXIT_OK, type Io } from './io.js';
import { checkOutputPath } from './plotFile.js';
import { openSweepOutput, progressReporter, type SweepWriter } from './sweepFiles.js';

/** Flags of `verify` that have no meaning for a multi-index target, with why. */
const REFUSED: readonly (readonly [string, string])[] = [
  ['psi', 'the multi-index simulator runs online SGD only'],
  ['a', 'the second-layer weight belongs to --algo alternating'],
  ['second-layer', 'the second layer belongs to --algo alternating'],
  ['alpha', 'the step follows the leap (--gamma auto[=c]), not a learning-rate exponent'],
  ['eta-scale', 'the step follows the leap (--gamma auto[=c]), not a learning rate η'],
  ['init', 'the start is uniform on the sphere (signed)'],
  ['shard', 'sharding is not available for a multi-index target yet'],
  ['workers', 'the multi-index sweep runs in this thread'],
  ['plot', 'no scaling plot for a multi-index target yet'],
];
const REFUSED_SWITCHES: readonly (readonly [string, string])[] = [
  ['ode', 'the deterministic prediction is single-index only'],
  ['resume', 'a multi-index sweep file cannot be resumed yet'],
];

/** `--gamma auto[=c]` or a positive number (the same γ at every d). */
function gammaFlag(text: string | undefined): MultiIndexGammaRule {
  const t = text ?? 'auto';
  const auto = /^auto(?:=(.+))?$/.exec(t);
  if (auto) return { kind: 'auto', c: positiveNumber('--gamma auto=c', auto[1], MULTI_VERIFY_DEFAULTS.gammaC, (x) => x > 0, 'a positive number') };
  return { kind: 'fixed', value: positiveNumber('--gamma', t, 0, (x) => x > 0, "a positive number or 'auto[=c]'") };
}

/** `sindex verify` on a link in z1..zr. */
export async function verifyMultiIndexWith(parsed: ParsedArgs, io: Io): Promise<number> {
  const { values, switches, lists, positionals } = parsed;
  if (positionals.length) throw new OutOfRangeError(`verify takes flags only; give the link with --target '${excerpt(positionals.join(' '))}'`);
  const algo = values.algo ?? 'online';
  if (algo !== 'online') throw new OutOfRangeError(`--algo ${algo}: a link in z1..zr is verified under online SGD only (--algo online)`);
  for (const [flag, why] of REFUSED) if (values[flag] !== undefined) throw new OutOfRangeError(`--${flag} has no meaning for a link in z1..zr: ${why}`);
  for (const [flag, why] of REFUSED_SWITCHES) if (switches[flag]) throw new OutOfRangeError(`--${flag} has no meaning for a link in z1..zr: ${why}`);
  const width = integerFlag('--width', values.width, 1, SWEEP_DEFAULTS.maxWidth) ?? 1;
  const parameters = parameterFlags(lists.set);
  const source = values.target!;
  const link = linkOf(source, { parameters, variables: 'multi' });
  const student = values.student === undefined ? undefined : linkOf(values.student, { parameters });
  const ds = numberList('--d', values.d, [...SWEEP_DEFAULTS.ds], (x) => Number.isInteger(x) && x >= 2, 'integers ≥ 2');
  const seeds = integerFlag('--seeds', values.seeds, 1, SWEEP_DEFAULTS.maxSeeds) ?? SWEEP_DEFAULTS.seeds;
  const baseSeed = integerFlag('--seed', values.seed, 0, 2 ** 32 - 1) ?? SWEEP_DEFAULTS.seed;
  const threshold = positiveNumber('--threshold', values.threshold, MULTI_VERIFY_DEFAULTS.threshold, (x) => x > 0 && x <= 1, 'a number in (0, 1]');
  const maxSteps = integerFlag('--max-steps', values['max-steps'], 1, 1e12) ?? MULTI_VERIFY_DEFAULTS.maxSteps;
  const engine = choiceFlag('--engine', values.engine, ['reduced', 'full'] as const);
  const gamma = gammaFlag(values.gamma);
  const noise = noiseFlag(values.noise);
  const out = values.out;
  if (out !== undefined) checkOutputPath('--out', out, { overwrite: switches.force ?? false, hint: 'add --force to overwrite it' });
  let writer: SweepWriter | null = null;
  if (out !== undefined) {
    const header = {
      sindexMultiIndexSweep: 1,
      target: source,
      student: values.student ?? null,
      ds,
      seeds,
      seed: baseSeed,
      threshold,
      maxSteps,
      engine,
      width,
      gamma,
      noise: noise?.toString() ?? '0',
      parameters: [...parameters].map(([k, q]) => [k, q.toString()]),
    };
    writer = openSweepOutput(out, { fresh: true, tornTail: false, header: `${JSON.stringify(header)}\n` });
  }
  const total = ds.length * seeds;
  const progress = progressReporter(total, io);
  let finished = 0;
  const start = performance.now();
  let result: ReturnType<typeof verifyMultiIndex>;
  try {
    result = verifyMultiIndex({
      link,
      student,
      parameters,
      ds,
      seeds,
      baseSeed,
      gamma,
      noise,
      threshold,
      maxSteps,
      engine,
      width,
      onRun: (d, index, run) => {
        writer?.write(`${JSON.stringify({ d, index, ...run })}\n`);
        progress(++finished);
      },
    });
  } finally {
    writer?.close();
  }
  writer?.check();
  const wallSeconds = (performance.now() - start) / 1000;
  io.out(switches.json ? `${JSON.stringify({ ...result, wallSeconds }, null, 2)}\n` : formatMultiIndexVerification(result, wallSeconds));
  return EXIT_OK;
}
