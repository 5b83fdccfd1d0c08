/**
 * The verifier's reduced chain against its physical floor and against numpy (issue 17):
 *
 *   node --import tsx bench/floor.ts [--numpy PATH] [--rounds N] [--d 256,1024,16384] [--algorithms online,batch-reuse,alternating,custom]
 *     [--steps N] [--against OTHER_CHECKOUT]
 *
 * For each d it prints the verifier's figure (sample-steps/s of the width-1 reduced chain, one
 * thread, eight seeds through runChains — one wide SIMD group of eight, as a sweep runs them —
 * the links and oracle compiled as `sindex verify` compiles them: compileSweep) for each
 * algorithm, beside
 * - its ratio to the numpy chain (reduced_numpy.py `--seeds 16384 --dtype float32`, He₃ online,
 *   by its own in-script CPU clock, so Python’s start is not counted), and
 * - its fraction of the floor: the SIMD floor (floorSimd.generated.ts, from the SIMD step's
 *   generator src/sgd/generate/simdChain.gen.ts): eight He₃ online chains in lockstep in
 *   WebAssembly SIMD (two sets of four lanes in one loop, as the verifier's wide step), each step
 *   two normals and a χ²_{d−2} variate per lane by the engine's exact samplers and about twenty
 *   flops, nothing else, in calls of 1024 steps with the lanes copied in and out as the engine does
 *   (simdFloor). The same floor in four lanes, and the JavaScript floor, floorTwoChains
 *   (floor.generated.ts: two chains in turn, the same draws, called per segment after a priming,
 *   primeFloor), are printed beside it;
 * - for batch reuse and alternating, whose chains do more per sample than the online one, the
 *   same two figures against their own chain: the numpy version of that chain
 *   (bench/reduced_chains.py --algorithm, written like reduced_numpy.py, whose online chain it
 *   repeats bit for bit) and that chain's SIMD floor (floor-batch-reuse: both sub-steps with one
 *   reciprocal root each; floor-alternating: the online floor's step with a·(1 + η·y·He₃(z))).
 *   Custom ψ = y·He₃'(z) is the online chain. The rates are the verifier's: γ = `--gamma auto`,
 *   η = 1/d, a = 1.
 * The machines here drift ±30 % within minutes, so each round measures numpy, the floor and every
 * algorithm back to back (the order reversed every other round) and a row gives the median over
 * rounds of the paired ratios. Each measurement runs in a fresh worker thread (its own V8
 * isolate: one algorithm's closures do not make another's call sites polymorphic, as in a
 * `sindex verify` worker; and V8's code for these loops differs from isolate to isolate, so each
 * round draws it anew: measureFresh); one measurement runs at a time.
 *
 * reduced_numpy.py, the issue's yardstick, is not part of sindex: it is found by `--numpy PATH`,
 * else the environment variable SINDEX_NUMPY_CHAIN, else ../shared/bench/reduced_numpy.py beside
 * this checkout; when none exists (or python3 with numpy cannot run it) the numpy column is
 * skipped with a message (and likewise each chain's column when reduced_chains.py cannot run).
 * With `--against ROOT` every case also runs in a worker of that checkout (its own
 * bench/floor.ts), in the same rounds: rows `A/B` give the paired ratio this/base.
 * Multi-worker scaling is not measured (2-core machines shared with other work): every figure is
 * throughput per thread.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { engineInput } from '../src/sgd/engineInput.js';
import { runChains } from '../src/sgd/chainScheduler.js';
import { ScalarChain } from '../src/sgd/scalarChain.js';
import type { RunOptions } from '../src/sgd/types.js';
import { compileSweep } from '../src/verify/runTask.js';
import { floorTwoChains } from './floor.generated.js';
import { FLOOR_SIMD_WASM } from './floorSimd.generated.js';
import { instantiateSimd, stepLanes, writeGammaZiggurat } from '../src/sgd/simdChains.js';
import { SIMD_LAYOUT as L } from '../src/sgd/simdChain.generated.js';
import { simdExport, type SimdFloor } from '../src/sgd/simdExports.js';
import { autoGamma, type BenchAlgorithm, he3Options, he3Sweep } from './he3Chain.js';
import { median } from './median.js';

/** Linux's run time of the calling thread (ns, the first field of /proc/thread-self/schedstat). */
const THREAD_CLOCK = '/proc/thread-self/schedstat';
const threadClock = existsSync(THREAD_CLOCK);

/**
 * CPU time of the measuring thread (ms) where Linux tells it, else of the process (user + system):
 * a shared machine's other work does not count (wall time here moves ±30 % with the load), nor
 * does V8's compiling and collecting on its own threads (a recompilation of a generated loop
 * takes 50–250 ms of CPU, as much as a measurement, and a real worker pays it once).
 */
function cpuMs(): number {
  if (threadClock) return Number(readFileSync(THREAD_CLOCK, 'utf8').split(' ')[0]) / 1e6;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Seeds of a verifier measurement: runChains steps eight together (chainScheduler.ts), as in a sweep of many seeds. */
const VERIFIER_SEEDS = 8;

/** Steps per call of the floor's kernel: the engine's segment (scalarChain.ts' SEGMENT). */
const FLOOR_SEGMENT = 1024;

/**
 * The verifier's algorithms, and the floor's kernels: 'floor' (two chains in JavaScript),
 * 'floor-simd' (four lanes in WebAssembly SIMD), 'floor-simd-8' (eight lanes: two sets of four in
 * one loop, as the verifier's wide groups run).
 */
export type FloorCase =
  | 'floor'
  | 'floor-simd'
  | 'floor-simd-8'
  | 'floor-batch-reuse-8'
  | 'floor-alternating-8'
  | 'online'
  | 'batch-reuse'
  | 'alternating'
  | 'custom';
const ALGORITHMS: readonly BenchAlgorithm[] = ['online', 'batch-reuse', 'alternating', 'custom'];

/**
 * The algorithms whose chain does more per sample than the online one, and the floor of their own
 * chain (eight lanes); each is also run as its own numpy chain (bench/reduced_chains.py
 * --algorithm <it>). Online and custom ψ = y·He₃'(z) are the online chain (floor-simd-8, reduced_numpy.py).
 */
const OWN_CHAIN_FLOOR: Partial<Record<BenchAlgorithm, FloorCase>> = { 'batch-reuse': 'floor-batch-reuse-8', alternating: 'floor-alternating-8' };

/** The floor kernel of a SIMD floor case, and its rates (r₀, r₁, r₂) at d: the verifier's γ, η = 1/d, a = 1, He₃' = 3(z² − 1). */
const FLOOR_KERNELS = {
  'floor-simd': { kernel: 'floor', lanes: 4, rates: (d: number) => [3 * autoGamma(d), 0, 0] },
  'floor-simd-8': { kernel: 'floor', lanes: 8, rates: (d: number) => [3 * autoGamma(d), 0, 0] },
  'floor-batch-reuse-8': { kernel: 'floor-batch-reuse', lanes: 8, rates: (d: number) => [3 / d, 3 * autoGamma(d), 0] },
  'floor-alternating-8': { kernel: 'floor-alternating', lanes: 8, rates: (d: number) => [3 * autoGamma(d), 1, 1 / d] },
} as const satisfies Partial<Record<FloorCase, { kernel: SimdFloor; lanes: 4 | 8; rates: (d: number) => number[] }>>;
type SimdFloorCase = keyof typeof FLOOR_KERNELS;
const isSimdFloor = (kind: FloorCase): kind is SimdFloorCase => kind in FLOOR_KERNELS;

/**
 * Runs the floor's kernel in short calls (3 steps each, 2000 steps in all) on throwaway chains,
 * before V8 optimises it: every path of its loop (the top-ups, the end of a call) then has type
 * feedback when it is compiled. Without this, the first optimised code lacks one and deoptimises,
 * and in some workers the kernel then ran in on-stack-replaced code for the whole bench (0.6× the
 * speed, seen as a floor below the verifier).
 */
function primeFloor(o: RunOptions): void {
  const a = new ScalarChain(engineInput({ ...o, algorithm: { kind: 'online' }, maxSteps: 2000 }));
  const b = new ScalarChain(engineInput({ ...o, algorithm: { kind: 'online' }, maxSteps: 2000, seed: o.seed + 1 }));
  for (let done = 0; done < 2000; done += 3) floorTwoChains(a, b, 3, 3 * o.gamma);
}

/**
 * A floor in WebAssembly SIMD (floorSimd.generated.ts, from src/sgd/generate/simdChain.gen.ts):
 * four or eight He₃ chains of one kind (online, batch reuse, alternating) in lockstep with the
 * SIMD kernel's draws and a minimal step and nothing else (no threshold, no tracker), called per
 * segment of 1024 steps through stepLanes (src/sgd/simdChains.ts) as stepSimdGroup calls it: the
 * lanes written in and read back once a segment, a lane topped up between calls when it ran low.
 */
export function simdFloor(kernel: SimdFloor, lanes: 4 | 8): { run(chains: ScalarChain[], steps: number, rates: readonly number[]): void } {
  const memory = { ...instantiateSimd(FLOOR_SIMD_WASM), laneChain: [], laneRefills: [] };
  const { f64 } = memory;
  const floor = memory.exports[simdExport(kernel, false, lanes === 8)] as (
    k: number,
    r0: number,
    r1: number,
    r2: number,
    tau: number,
    noise: number,
    off: number,
    scale: number,
  ) => number;
  return {
    run(chains, steps, [r0, r1, r2]) {
      const zig = chains[0]!.zig!;
      writeGammaZiggurat(f64, zig);
      const call = (k: number) => floor(k, r0!, r1!, r2!, 2, 0, 2 * zig.mode, 2 * zig.sigma);
      for (let done = 0; done < steps; ) {
        done += stepLanes(memory, chains, lanes, Math.min(FLOOR_SEGMENT, steps - done), call, () => false);
        chains.forEach((c, l) => {
          c.state[0] = f64[L.m / 8 + l]!;
          c.state[1] = f64[L.root / 8 + l]!;
        });
      }
    },
  };
}

/**
 * The measurement of one case in this thread: `steps` sample-steps at dimension d (the JavaScript
 * floor: two seeds in turn; the SIMD floors: four or eight lanes; an algorithm: VERIFIER_SEEDS
 * seeds through runChains), γ = `--gamma auto`'s, η = 1/d, τ = 2 (never reached, so every seed does all its
 * steps); returns sample-steps per CPU second (cpuMs).
 */
function measurer(kind: FloorCase): (d: number, steps: number, seed: number) => number {
  if (isSimdFloor(kind)) {
    const { kernel, lanes, rates } = FLOOR_KERNELS[kind];
    const sweep = compileSweep(he3Sweep('online'));
    const floor = simdFloor(kernel, lanes);
    floor.run(
      Array.from({ length: lanes }, (_, i) => new ScalarChain(engineInput({ ...he3Options(sweep, 256, 3000, 7 + i), algorithm: { kind: 'online' } }))),
      2000,
      rates(256),
    );
    return (d, steps, seed) => {
      const o: RunOptions = { ...he3Options(sweep, d, steps / lanes, seed), algorithm: { kind: 'online' } };
      const chains = Array.from({ length: lanes }, (_, i) => new ScalarChain(engineInput({ ...o, seed: seed + i })));
      const t0 = cpuMs();
      floor.run(chains, steps / lanes, rates(d));
      const ms = cpuMs() - t0;
      if (!chains.every((c) => Math.abs(c.m) <= 1)) throw new Error('floor: m left [−1, 1]');
      return (steps / ms) * 1000;
    };
  }
  if (kind === 'floor') {
    const sweep = compileSweep(he3Sweep('online'));
    primeFloor(he3Options(sweep, 256, 1, 0));
    return (d, steps, seed) => {
      const o: RunOptions = { ...he3Options(sweep, d, steps / 2, seed), algorithm: { kind: 'online' } };
      const a = new ScalarChain(engineInput(o));
      const b = new ScalarChain(engineInput({ ...o, seed: seed + 1 }));
      const t0 = cpuMs();
      // in segments of the engine's length, as runChains steps: one call of all the steps would run
      // in on-stack-replaced code, which V8 compiles worse here (measured 0.7× of this)
      for (let done = 0; done < steps / 2; done += FLOOR_SEGMENT) floorTwoChains(a, b, Math.min(FLOOR_SEGMENT, steps / 2 - done), 3 * o.gamma);
      const ms = cpuMs() - t0;
      if (!(Math.abs(a.m) <= 1 && Math.abs(b.m) <= 1)) throw new Error('floor: m left [−1, 1]');
      return (steps / ms) * 1000;
    };
  }
  const sweep = compileSweep(he3Sweep(kind));
  return (d, steps, seed) => {
    const o = he3Options(sweep, d, steps / VERIFIER_SEEDS, seed);
    const inputs = Array.from({ length: VERIFIER_SEEDS }, (_, i) => engineInput({ ...o, seed: seed + i }));
    const t0 = cpuMs();
    const results = runChains(inputs);
    const ms = cpuMs() - t0;
    if (results.some((r) => r.steps !== steps / VERIFIER_SEEDS)) throw new Error(`floor bench: a ${kind} seed stopped early`);
    return (steps / ms) * 1000;
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
  /** `build`: '' for this checkout, 'base' for the checkout given by --against (its bench/floor.ts answers the same requests) */
  constructor(
    readonly kind: FloorCase,
    readonly build: '' | 'base' = '',
    url: string = import.meta.url,
  ) {
    // register tsx inside the worker, then load this file (as cli/pool.ts does from source)
    const load = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
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

/** A case in a build: what a fresh worker measures. */
interface CaseRun {
  readonly kind: FloorCase;
  readonly build: '' | 'base';
  /** the bench/floor.ts that the worker loads */
  readonly url: string;
}

/**
 * Untimed runs before a fresh worker's measurement: V8 optimises the chain's loops late (a first
 * run of 2.5·10⁶ steps ran at about half the steady rate), so two full ones.
 */
const WARM_UPS = 2;

/**
 * One measurement in a fresh worker: WARM_UPS runs of the same size on other seeds, then the
 * measured one. V8 compiles these loops differently from one isolate to the next (the same
 * code measured 0.6× or 1× the speed in different workers, and kept that speed for the worker's
 * life), so a figure from one long-lived worker is one draw of that lottery: here every round
 * draws again, and the medians are over workers.
 */
async function measureFresh(r: CaseRun, q: Request): Promise<number> {
  const w = new CaseWorker(r.kind, r.build, r.url);
  try {
    await w.ready;
    for (let i = 1; i <= WARM_UPS; i++) await w.post({ ...q, seed: q.seed + 4 * i });
    return await w.post(q);
  } finally {
    await w.close();
  }
}

/** Where the numpy chain is: `--numpy PATH`, else SINDEX_NUMPY_CHAIN, else ../shared/bench/reduced_numpy.py beside this checkout; null if none exists. */
export function numpyScript(path: string | undefined = process.env.SINDEX_NUMPY_CHAIN): string | null {
  const candidate = path ?? fileURLToPath(new URL('../../shared/bench/reduced_numpy.py', import.meta.url));
  return existsSync(candidate) ? candidate : null;
}

/** This checkout's numpy versions of every algorithm's chain (`--algorithm`). */
const CHAINS_SCRIPT = fileURLToPath(new URL('./reduced_chains.py', import.meta.url));

/**
 * Sample-steps/s of a numpy chain at d (16 384 seeds, float32, `steps` sample-steps in all), per
 * CPU second by its own clock (cpu_rate): reduced_numpy.py, or reduced_chains.py with `algorithm`;
 * an Error if it fails.
 */
function numpyRate(script: string, d: number, steps: number, seed: number, algorithm?: string): number | Error {
  const maxSteps = Math.max(1, Math.round(steps / 16384));
  const args = [script, '--d', String(d), '--seeds', '16384', '--dtype', 'float32', '--max-steps', String(maxSteps), '--seed', String(seed)];
  if (algorithm !== undefined) args.push('--algorithm', algorithm);
  const r = spawnSync('python3', args, { encoding: 'utf8' });
  if (r.error) return r.error;
  if (r.status !== 0) return new Error(r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { cpu_rate: number }).cpu_rate;
}

/** Whether the checkout at `root` has a floor case (older ones lack the SIMD floors). */
function baseHasCase(root: string, kind: FloorCase): boolean {
  if (kind === 'floor-simd') return existsSync(join(root, 'bench/floorSimd.generated.ts'));
  if (kind.startsWith('floor-')) return readFileSync(join(root, 'bench/floor.ts'), 'utf8').includes(`'${kind}'`);
  return true;
}

/** What benchFloor measures; every field has the default of `npm run bench`. */
export interface FloorOptions {
  /** the numpy chain's path (default: numpyScript()) */
  readonly numpy?: string | null;
  /** rounds per d (default 5), each case in each round in a fresh worker that warms up first */
  readonly rounds?: number;
  readonly ds?: readonly number[];
  readonly algorithms?: readonly BenchAlgorithm[];
  /** sample-steps per measurement (default 5·10⁶) */
  readonly steps?: number;
  /**
   * Another checkout of sindex (its root): each case also runs in a worker of that build, in the
   * same rounds, and a row gives the paired ratio this/base (A/B of a change to the chain).
   */
  readonly against?: string;
}

/** One row per (d, algorithm), and one per d for the floor and numpy themselves. */
export interface FloorRow {
  readonly name: string;
  readonly target: string;
}

const e6 = (x: number): string => `${(x / 1e6).toFixed(1)}·10⁶`;
const range = (xs: readonly number[], digits: number): string =>
  `${median(xs).toFixed(digits)} (rounds ${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
/** The ratios xs[i]/ys[i] of the same rounds: their median and range. */
const paired = (xs: readonly number[], ys: readonly number[], digits = 2): string =>
  range(
    xs.map((x, i) => x / ys[i]!),
    digits,
  );

/**
 * The section: for each d, rounds of paired measurements (numpy, floor, each algorithm; the order
 * reversed every other round), then the medians of the rates and of the paired ratios.
 */
export async function benchFloor(o: FloorOptions = {}): Promise<FloorRow[]> {
  const script = o.numpy === undefined ? numpyScript() : o.numpy;
  const rounds = o.rounds ?? 5;
  const ds = o.ds ?? [256, 1024, 16384];
  const algorithms = o.algorithms ?? ALGORITHMS;
  const steps = o.steps ?? 5_000_000;
  const rows: FloorRow[] = [];
  let numpyMissing: string | null = script === null ? 'not found (give --numpy PATH or SINDEX_NUMPY_CHAIN)' : null;
  /** the algorithms measured also against their own chain, and why a chain's numpy column is skipped */
  const owners = algorithms.filter((a) => OWN_CHAIN_FLOOR[a] !== undefined);
  const ownNumpyMissing = new Map<BenchAlgorithm, string>();
  const cases = ['floor', 'floor-simd', 'floor-simd-8', ...owners.map((a) => OWN_CHAIN_FLOOR[a]!), ...algorithms] as FloorCase[];
  const baseUrl = o.against === undefined ? null : pathToFileURL(join(o.against, 'bench/floor.ts')).href;
  /** every case of every build: each measurement runs in a fresh worker (see measureFresh) */
  const runs: CaseRun[] = [
    ...cases.map((kind) => ({ kind, build: '' as const, url: import.meta.url })),
    // the base build's cases (older checkouts lack the SIMD floors)
    ...(baseUrl === null ? [] : cases.filter((kind) => baseHasCase(o.against!, kind)).map((kind) => ({ kind, build: 'base' as const, url: baseUrl }))),
  ];
  const key = (r: CaseRun): string => (r.build ? `${r.build}:${r.kind}` : r.kind);
  for (const d of ds) {
    const rates = new Map<string, number[]>();
    const push = (k: string, x: number) => rates.set(k, [...(rates.get(k) ?? []), x]);
    for (let round = 0; round < rounds; round++) {
      const order: (CaseRun | 'numpy' | { readonly numpyOf: BenchAlgorithm })[] = ['numpy', ...owners.map((a) => ({ numpyOf: a })), ...runs];
      if (round % 2 !== 0) order.reverse();
      const seed = 1000 + 8 * round;
      for (const r of order) {
        if (r === 'numpy') {
          if (numpyMissing !== null) continue;
          const x = numpyRate(script!, d, 3.2 * steps, seed); // 1.6·10⁷ by default: about 1000 steps per numpy seed
          if (x instanceof Error) numpyMissing = `failed (${x.message})`;
          else push('numpy', x);
        } else if ('numpyOf' in r) {
          if (ownNumpyMissing.has(r.numpyOf)) continue;
          const x = numpyRate(CHAINS_SCRIPT, d, 3.2 * steps, seed, r.numpyOf);
          if (x instanceof Error) ownNumpyMissing.set(r.numpyOf, `failed (${x.message})`);
          else push(`numpy:${r.numpyOf}`, x);
        } else push(key(r), await measureFresh(r, { d, steps, seed }));
      }
    }
    const scalarFloor = rates.get('floor')!;
    const fourLanes = rates.get('floor-simd')!;
    const floor = rates.get('floor-simd-8')!;
    const numpy = numpyMissing === null ? rates.get('numpy') : undefined;
    rows.push({
      name: `floor (fused step, He3 online, eight lanes in WebAssembly SIMD), d = ${d}: ${e6(median(floor))} steps/s; numpy chain: ${
        numpy
          ? `${e6(median(numpy))} sample-steps/s; floor to numpy ${paired(floor, numpy)} (a minimal fused step with these draws, measured like the rest)`
          : `skipped, reduced_numpy.py ${numpyMissing}`
      }`,
      target: '',
    });
    rows.push({
      name: `floor in four lanes (one set), d = ${d}: ${e6(median(fourLanes))} steps/s; to the floor ${paired(fourLanes, floor)}${
        numpy ? `; to numpy ${paired(fourLanes, numpy)}` : ''
      }`,
      target: '',
    });
    rows.push({
      name: `floor in JavaScript (fused two-chain step), d = ${d}: ${e6(median(scalarFloor))} steps/s; to the SIMD floor ${paired(scalarFloor, floor)}${
        numpy ? `; to numpy ${paired(scalarFloor, numpy)}` : ''
      }`,
      target: '',
    });
    /** an algorithm's own chain's numpy rates (reduced_chains.py), undefined when skipped */
    const ownNumpy = (a: BenchAlgorithm): number[] | undefined => (ownNumpyMissing.has(a) ? undefined : rates.get(`numpy:${a}`));
    for (const a of owners) {
      const mine = rates.get(OWN_CHAIN_FLOOR[a]!)!;
      const n = ownNumpy(a);
      rows.push({
        name: `floor of the ${a} chain (fused step, He3, eight lanes), d = ${d}: ${e6(median(mine))} steps/s; to the online floor ${paired(mine, floor)}; numpy of that chain (reduced_chains.py): ${
          n ? `${e6(median(n))} sample-steps/s; floor to it ${paired(mine, n)}` : `skipped, ${ownNumpyMissing.get(a)}`
        }`,
        target: '',
      });
    }
    for (const a of algorithms) {
      const mine = rates.get(a)!;
      const ownFloor = OWN_CHAIN_FLOOR[a];
      const n = ownNumpy(a);
      const ownChain =
        ownFloor === undefined
          ? ''
          : `; against its own chain: to its numpy ${n ? paired(mine, n) : 'skipped'}, to its floor ${paired(mine, rates.get(ownFloor)!)}`;
      rows.push({
        name: `verifier ${a}, d = ${d}, one thread: ${e6(median(mine))} sample-steps/s; ${numpy ? `to numpy ${paired(mine, numpy)}` : 'numpy skipped'}; to the floor ${paired(mine, floor)}${ownChain}`,
        target: '≥ 3× numpy, ≥ 0.85 of the floor',
      });
    }
    if (baseUrl !== null) {
      for (const k of cases) {
        const mine = rates.get(k)!;
        const base = rates.get(`base:${k}`);
        if (base === undefined) continue;
        // the base build's figures against this build's floor and the same numpy rounds
        const baseVs = k.startsWith('floor') ? '' : `; base to the floor ${paired(base, floor)}${numpy ? `, base to numpy ${paired(base, numpy)}` : ''}`;
        rows.push({
          name: `A/B ${k}, d = ${d}: this ${e6(median(mine))}, base ${e6(median(base))} steps/s; this/base ${paired(mine, base, 3)}${baseVs}`,
          target: '',
        });
      }
    }
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
    algorithms: (arg('--algorithms')?.split(',') as BenchAlgorithm[] | undefined) ?? ALGORITHMS,
    steps: Number(arg('--steps') ?? 5_000_000),
    ...(arg('--against') === undefined ? {} : { against: arg('--against')! }),
  });
  for (const r of rows) console.log(`${r.name}${r.target ? `  (target ${r.target})` : ''}`);
}
