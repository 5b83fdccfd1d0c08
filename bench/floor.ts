/**
 * The verifier's reduced chain against its physical floor and against numpy (issue 17):
 *
 *   node --import tsx bench/floor.ts [--numpy PATH] [--rounds N] [--d 256,1024,16384] [--algorithms online,batch-reuse,alternating,custom]
 *
 * For each d it prints the verifier's figure (sample-steps/s of the width-1 reduced chain, one
 * thread, two seeds in turn through runChains, the links and oracle compiled as `sindex verify`
 * compiles them: compileSweep) for each algorithm, beside
 * - its ratio to the numpy chain (reduced_numpy.py `--seeds 16384 --dtype float32`, He₃ online,
 *   by its own in-script CPU clock, so Python’s start is not counted), and
 * - its fraction of the floor: floorTwoChains (floor.generated.ts, written by the chain loops'
 *   generator from the same draw specification): two He₃ online chains in turn, each step two
 *   normals and a χ²_{d−2} variate by the engine's exact samplers and about twenty flops.
 * The machines here drift ±30 % within minutes, so each round measures numpy, the floor and every
 * algorithm back to back (the order reversed every other round) and a row gives the median over
 * rounds of the paired ratios. Each of the floor and the algorithms runs in its own worker thread
 * (its own V8 isolate, so one algorithm's closures do not make another's call sites polymorphic,
 * as in a `sindex verify` worker); one measurement runs at a time.
 *
 * The numpy script is not part of sindex: it is found by `--numpy PATH`, else the environment
 * variable SINDEX_NUMPY_CHAIN, else ../shared/bench/reduced_numpy.py beside this checkout; when
 * none exists (or python3 with numpy cannot run it) the numpy column is skipped with a message.
 * Multi-worker scaling is not measured (2-core machines shared with other work): every figure is
 * throughput per thread.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { engineInput } from '../src/sgd/engineInput.js';
import { runChains } from '../src/sgd/chainScheduler.js';
import { ScalarChain } from '../src/sgd/scalarChain.js';
import type { RunOptions } from '../src/sgd/types.js';
import { compileSweep } from '../src/verify/runTask.js';
import type { SweepConfig } from '../src/verify/plan.js';
import { floorTwoChains } from './floor.generated.js';
import { median } from './median.js';

/**
 * CPU time of this process (user + system, ms): one measurement runs at a time and the other
 * threads wait, so it is the measuring thread's time, and a shared machine's other work does not
 * count (wall time here moves ±30 % with the load).
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The verifier's algorithms, and 'floor' for the floor's kernel. */
export type FloorCase = 'floor' | 'online' | 'batch-reuse' | 'alternating' | 'custom';
const ALGORITHMS: readonly Exclude<FloorCase, 'floor'>[] = ['online', 'batch-reuse', 'alternating', 'custom'];

/** γ = 0.5·μ₃/(E[ψ²]·d^{3/2}) with μ₃ = 3, E[ψ²] = 108: `--gamma auto` for He₃ online, and reduced_numpy.py's default. */
const autoGamma = (d: number): number => (0.5 * 3) / (108 * d ** 1.5);

/** The sweep whose compiled links and oracle the verifier figure uses (He₃ target and student; custom ψ = y·He₃'(z) written out). */
function sweepConfig(algorithm: Exclude<FloorCase, 'floor'>): SweepConfig {
  return {
    target: 'He3(z)',
    student: null,
    algorithm,
    psi: algorithm === 'custom' ? 'y*(3*z^2 - 3)' : null,
    a: '1',
    secondLayer: 'reset',
    parameters: [],
    noise: '0',
    ds: [256],
    alphas: [1],
    etaScale: 1,
    seeds: 2,
    gamma: { kind: 'auto', c: 0.5 },
    threshold: 0.5,
    maxSteps: 1,
    init: 'positive',
    engine: 'reduced',
    width: 1,
    seed: 1,
  };
}

/**
 * The measurement of one case in this thread: `steps` sample-steps (two seeds of steps/2 each,
 * stepped in turn) at dimension d, γ = `--gamma auto`'s, η = 1/d, τ = 2 (never reached, so every
 * seed does all its steps); returns sample-steps per CPU second (cpuMs).
 */
function measurer(kind: FloorCase): (d: number, steps: number, seed: number) => number {
  if (kind === 'floor') {
    const sweep = compileSweep(sweepConfig('online'));
    return (d, steps, seed) => {
      const o: RunOptions = { ...options(sweep, d, steps / 2, seed), algorithm: { kind: 'online' } };
      const a = new ScalarChain(engineInput(o));
      const b = new ScalarChain(engineInput({ ...o, seed: seed + 1 }));
      const t0 = cpuMs();
      floorTwoChains(a, b, steps / 2, 3 * o.gamma);
      const ms = cpuMs() - t0;
      if (!(Math.abs(a.m) <= 1 && Math.abs(b.m) <= 1)) throw new Error('floor: m left [−1, 1]');
      return (steps / ms) * 1000;
    };
  }
  const sweep = compileSweep(sweepConfig(kind));
  return (d, steps, seed) => {
    const o = options(sweep, d, steps / 2, seed);
    const inputs = [engineInput(o), engineInput({ ...o, seed: seed + 1 })];
    const t0 = cpuMs();
    const results = runChains(inputs);
    const ms = cpuMs() - t0;
    if (results.some((r) => r.steps !== steps / 2)) throw new Error(`floor bench: a ${kind} seed stopped early`);
    return (steps / ms) * 1000;
  };
}

function options(sweep: ReturnType<typeof compileSweep>, d: number, maxSteps: number, seed: number): RunOptions {
  return {
    d,
    algorithm: sweep.algorithmAt(1 / d, d),
    target: sweep.target,
    student: sweep.student,
    studentDerivative: sweep.studentDerivative,
    noise: 0,
    gamma: autoGamma(d),
    threshold: 2,
    maxSteps,
    init: 'positive',
    engine: 'reduced',
    seed,
  };
}

/** A request to a case's worker, and its answer (sample-steps/s). */
interface Request {
  readonly d: number;
  readonly steps: number;
  readonly seed: number;
}

/** One worker per case: a persistent isolate that answers each Request with a rate. */
class CaseWorker {
  private readonly worker: Worker;
  /** settles once the worker has compiled its case (it posts 'ready') */
  readonly ready: Promise<void>;
  constructor(readonly kind: FloorCase) {
    // register tsx inside the worker, then load this file (as cli/pool.ts does from source)
    const load = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    this.worker = new Worker(load, { eval: true, workerData: { kind } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('message', () => {
        this.worker.off('error', reject);
        resolve();
      });
    });
  }
  /** The case's rate for r (sample-steps/s), measured in its worker. */
  post(r: Request): Promise<number> {
    return new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('message', (rate: number) => {
        this.worker.off('error', reject);
        resolve(rate);
      });
      this.worker.postMessage(r);
    });
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Where the numpy chain is: `--numpy PATH`, else SINDEX_NUMPY_CHAIN, else ../shared/bench/reduced_numpy.py beside this checkout; null if none exists. */
export function numpyScript(path: string | undefined = process.env.SINDEX_NUMPY_CHAIN): string | null {
  const candidate = path ?? fileURLToPath(new URL('../../shared/bench/reduced_numpy.py', import.meta.url));
  return existsSync(candidate) ? candidate : null;
}

/** Sample-steps/s of reduced_numpy.py at d (16 384 seeds, float32, `steps` sample-steps in all), per CPU second by its own clock (cpu_rate); an Error if it fails. */
function numpyRate(script: string, d: number, steps: number, seed: number): number | Error {
  const maxSteps = Math.max(1, Math.round(steps / 16384));
  const args = [script, '--d', String(d), '--seeds', '16384', '--dtype', 'float32', '--max-steps', String(maxSteps), '--seed', String(seed)];
  const r = spawnSync('python3', args, { encoding: 'utf8' });
  if (r.error) return r.error;
  if (r.status !== 0) return new Error(r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { cpu_rate: number }).cpu_rate;
}

/** What benchFloor measures; every field has the default of `npm run bench`. */
export interface FloorOptions {
  /** the numpy chain's path (default: numpyScript()) */
  readonly numpy?: string | null;
  /** timed rounds per d (default 5; one or two more, untimed, warm up) */
  readonly rounds?: number;
  readonly ds?: readonly number[];
  readonly algorithms?: readonly Exclude<FloorCase, 'floor'>[];
  /** sample-steps per measurement (default 10⁷) */
  readonly steps?: number;
}

/** One row per (d, algorithm), and one per d for the floor and numpy themselves. */
export interface FloorRow {
  readonly name: string;
  readonly target: string;
}

const e6 = (x: number): string => `${(x / 1e6).toFixed(1)}·10⁶`;
const range = (xs: readonly number[], digits: number): string =>
  `${median(xs).toFixed(digits)} (rounds ${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

/**
 * The section: for each d, rounds of paired measurements (numpy, floor, each algorithm; the order
 * reversed every other round), then the medians of the rates and of the paired ratios.
 */
export async function benchFloor(o: FloorOptions = {}): Promise<FloorRow[]> {
  const script = o.numpy === undefined ? numpyScript() : o.numpy;
  const rounds = o.rounds ?? 5;
  const ds = o.ds ?? [256, 1024, 16384];
  const algorithms = o.algorithms ?? ALGORITHMS;
  const steps = o.steps ?? 10_000_000;
  const rows: FloorRow[] = [];
  let numpyMissing: string | null = script === null ? 'not found (give --numpy PATH or SINDEX_NUMPY_CHAIN)' : null;
  const workers = (['floor', ...algorithms] as FloorCase[]).map((k) => new CaseWorker(k));
  try {
    for (const w of workers) await w.ready;
    for (const d of ds) {
      const rates = new Map<string, number[]>();
      const push = (k: string, x: number) => rates.set(k, [...(rates.get(k) ?? []), x]);
      // rounds < 0 warm up (two before the first d, while V8 settles each worker's code; one after a change of d)
      for (let round = d === ds[0] ? -2 : -1; round < rounds; round++) {
        const order: (CaseWorker | 'numpy')[] = ['numpy', ...workers];
        if (round % 2 !== 0) order.reverse();
        const seed = 1000 + 4 * round;
        const got = new Map<string, number>();
        for (const w of order) {
          if (w === 'numpy') {
            if (numpyMissing !== null) continue;
            const r = numpyRate(script!, d, 1.6 * steps, seed);
            if (r instanceof Error) numpyMissing = `failed (${r.message})`;
            else got.set('numpy', r);
          } else got.set(w.kind, await w.post({ d, steps, seed }));
        }
        if (round < 0) continue;
        for (const [k, x] of got) push(k, x);
      }
      const floor = rates.get('floor')!;
      const numpy = rates.get('numpy');
      rows.push({
        name: `floor (fused two-chain step, He3 online), d = ${d}: ${e6(median(floor))} steps/s; numpy chain: ${numpy && numpyMissing === null ? `${e6(median(numpy))} sample-steps/s` : `skipped, reduced_numpy.py ${numpyMissing}`}`,
        target: '',
      });
      for (const a of algorithms) {
        const mine = rates.get(a)!;
        const vsFloor = mine.map((x, i) => x / floor[i]!);
        const vsNumpy =
          numpy && numpyMissing === null
            ? `to numpy ${range(
                mine.map((x, i) => x / numpy[i]!),
                2,
              )}`
            : 'numpy skipped';
        rows.push({
          name: `verifier ${a}, d = ${d}, one thread: ${e6(median(mine))} sample-steps/s; ${vsNumpy}; to the floor ${range(vsFloor, 2)}`,
          target: '≥ 3× numpy, ≥ 0.85 of the floor',
        });
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  return rows;
}

if (!isMainThread) {
  const measure = measurer((workerData as { kind: FloorCase }).kind);
  parentPort!.on('message', (r: Request) => parentPort!.postMessage(measure(r.d, r.steps, r.seed)));
  parentPort!.postMessage('ready');
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const numpy = arg('--numpy');
  if (numpy !== undefined && !existsSync(numpy)) console.log(`reduced_numpy.py: no file ${numpy}; the numpy column is skipped`);
  const rows = await benchFloor({
    numpy: numpy === undefined ? numpyScript() : existsSync(numpy) ? numpy : null,
    rounds: Number(arg('--rounds') ?? 5),
    ds: arg('--d')?.split(',').map(Number) ?? [256, 1024, 16384],
    algorithms: (arg('--algorithms')?.split(',') as Exclude<FloorCase, 'floor'>[] | undefined) ?? ALGORITHMS,
    steps: Number(arg('--steps') ?? 10_000_000),
  });
  for (const r of rows) console.log(`${r.name}${r.target ? `  (target ${r.target})` : ''}`);
}
