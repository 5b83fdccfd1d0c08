/**
 * Kaplan–Meier (product-limit) estimator for right-censored hitting times.
 *
 * With distinct event times t₁ < t₂ < …, e_j events at t_j and n_j observations at risk
 * (time ≥ t_j), the survival function is S(t) = Π_{t_j ≤ t} (1 − e_j/n_j).
 * Ties: at a shared time, events come before censorings, so an observation censored at
 * t_j is still at risk at t_j (the usual convention, as in R's survival::survfit).
 */
import { Rational } from '../exact/rational.js';

/** One run: `time` is the hitting time if `reached`, else the time it was right-censored at. */
export interface Observation {
  time: number;
  reached: boolean;
}

/** The KM curve: S(t) = survival[j] for times[j] ≤ t < times[j+1]; S(t) = 1 for t < times[0]. */
export interface KaplanMeierCurve {
  /** Distinct event times, ascending (censoring-only times are not listed: S does not change there). */
  times: number[];
  /** S just after each event time. */
  survival: number[];
}

interface Step {
  time: number;
  atRisk: number;
  events: number;
}

function steps(obs: readonly Observation[]): Step[] {
  for (const o of obs) {
    if (!Number.isFinite(o.time)) throw new RangeError(`kaplanMeier: time must be finite, got ${o.time}`);
  }
  const sorted = [...obs].sort((x, y) => x.time - y.time);
  const out: Step[] = [];
  let atRisk = sorted.length;
  for (let i = 0; i < sorted.length; ) {
    const time = sorted[i]!.time;
    let events = 0;
    let total = 0;
    for (; i < sorted.length && sorted[i]!.time === time; i++, total++) if (sorted[i]!.reached) events++;
    if (events > 0) out.push({ time, atRisk, events });
    atRisk -= total;
  }
  return out;
}

/** Product-limit estimate S(t) = Π_{t_j ≤ t} (n_j − e_j)/n_j at each distinct event time. */
export function kaplanMeier(obs: readonly Observation[]): KaplanMeierCurve {
  const times: number[] = [];
  const survival: number[] = [];
  let s = 1;
  for (const st of steps(obs)) {
    s *= (st.atRisk - st.events) / st.atRisk;
    times.push(st.time);
    survival.push(s);
  }
  return { times, survival };
}

/**
 * KM median: the smallest t with S(t) ≤ 1/2, or null when S never drops to 1/2 (more than
 * half the mass censored); kaplanMeierQuantile at q = 1/2, so S = 1/2 exactly counts as reached.
 * (R's survfit instead averages t_j and t_{j+1} when S = 1/2 on a whole interval.)
 */
export function kaplanMeierMedian(obs: readonly Observation[]): number | null {
  return kaplanMeierQuantile(obs, 0.5);
}

/**
 * KM quantile: the smallest event time t with S(t) ≤ 1 − q (q ∈ (0, 1), read as the decimal it
 * prints as: 0.3 is 3/10, not the double below it), or null when S stays above 1 − q (too much
 * mass censored). S = 1 − q exactly counts as reached: the comparison Π(n_j − e_j) ≤ (1 − q)·Π n_j
 * is decided in exact rational arithmetic whenever the floating product is within 1e-9 of 1 − q.
 * Without censoring it is the empirical quantile x_(⌈q·n⌉) of the sorted sample.
 * @example kaplanMeierQuantile([1, 2, 3, 4, 5, 6, 7, 8].map((time) => ({ time, reached: true })), 0.25) // 2
 * @example kaplanMeierQuantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((time) => ({ time, reached: true })), 0.3) // 3
 */
export function kaplanMeierQuantile(obs: readonly Observation[], q: number): number | null {
  if (!(q > 0 && q < 1)) throw new RangeError(`kaplanMeierQuantile: q must be in (0, 1), got ${q}`);
  const level = 1 - q;
  const st = steps(obs);
  let s = 1;
  for (let j = 0; j < st.length; j++) {
    const { atRisk, events, time } = st[j]!;
    s *= (atRisk - events) / atRisk;
    if (s < level - 1e-9) return time;
    if (s <= level + 1e-9 && exactAtMost(st, j, Rational.ONE.sub(Rational.parse(String(q))))) return time;
  }
  return null;
}

/** Whether Π_{k ≤ j} (n_k − e_k)/n_k ≤ level, exactly. */
function exactAtMost(st: readonly Step[], j: number, level: Rational): boolean {
  let num = 1n;
  let den = 1n;
  for (let k = 0; k <= j; k++) {
    num *= BigInt(st[k]!.atRisk - st[k]!.events);
    den *= BigInt(st[k]!.atRisk);
  }
  return level.den * num <= level.num * den;
}
