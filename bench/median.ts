/** The median of a sample (the mean of the middle two for an even size): every bench row reports it. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2]! : 0.5 * (s[n / 2 - 1]! + s[n / 2]!);
}

/** A bench row: its median wall time and the range of the timed runs (ms). */
export interface Timing {
  readonly ms: number;
  readonly min: number;
  readonly max: number;
}

/** Median and range of a sample. */
export function spread(xs: readonly number[]): { median: number; min: number; max: number } {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/** Median and range of a sample of times (ms). */
export function timing(times: readonly number[]): Timing {
  const s = spread(times);
  return { ms: s.median, min: s.min, max: s.max };
}

/** Wall time (ms) of `runs` calls of fn after `warmup` untimed ones. */
export function timeCalls(fn: () => unknown, runs: number, warmup = 1): Timing {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += fn() === undefined ? 0 : 1;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink += fn() === undefined ? 0 : 1;
    times.push(performance.now() - t0);
  }
  if (sink < 0) throw new Error('unreachable'); // keeps the results alive
  return timing(times);
}
