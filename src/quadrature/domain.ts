/**
 * Is f in L²(N(0, 1)) and defined almost everywhere? A numerical, heuristic check.
 *
 * 1. 'undefined' — f is NaN on a set of positive length. f is sampled on a uniform grid over
 *    [−40, 40] (step 0.05), at several interior points of every piece between consecutive special
 *    points, and at growing distances in both tails (up to 40; beyond, the Gaussian measure is
 *    < 1e-300 and NaNs there are treated as overflow artefacts). A NaN sample whose neighbours at
 *    ±1e-7 are not NaN is an isolated point and is ignored; runs of NaN samples are delimited by
 *    bisection and reported with their Gaussian probability.
 *    Limit: a NaN set narrower than the sampling step (0.05, or finer near special points) is missed.
 * 2. 'not-square-integrable' (tails) — with q(z) = 2 log|f(z)| − z²/2 (so E[f²] = ∫ e^q dz/√(2π)),
 *    q is evaluated in log space at |z| = 4, 6, 9, …, ~1200 (max over a 3-point cluster per radius,
 *    to see through zeros of oscillating f) until f overflows or is NaN. Not L² if:
 *    f overflows at |z| = r with 2·log(DBL_MAX) − r²/2 > 0 (so q > 0 there: e.g. exp(z²) overflows at
 *    |z| ≈ 26.6); or the last finite probe has q > 50; or q > −30 there and its slope in log|z| is
 *    ≥ −1 (e^q decays no faster than 1/|z|: e.g. exp(z²/4) has q ≡ 0). exp(0.2 z²) has q = −0.1 z²: ok.
 *    Limits: the verdict is read from |z| ≤ ~53 for functions that overflow there, so
 *    exp(c z²)·z^{-p} with c = 1/4 exactly is judged by a finite-difference slope; growth that
 *    only starts beyond |z| ≈ 1200 is not seen.
 * 3. 'not-square-integrable' (singularities) — at each special point z0 (plus isolated non-finite
 *    samples from step 1), on each side, v(δ) = f(z0 ± δ)²·δ for δ = 1e-6, 1e-9, 1e-12 (×max(1,|z0|)).
 *    For f² ~ δ^{-p}, v ~ δ^{1−p} and ∫ f² < ∞ iff p < 1; we declare "not L²" when the log-log slope
 *    of v is ≤ 1e-3 (v not going to 0), or f is ±∞ at one of those points. 1/z (slope −1) and
 *    1/√|z| (slope 0) fail; |z|^{-1/4} (slope ½), log|z| (≈ 0.9) and sin(z)/z (1) pass.
 *    Limits: only the listed special points are examined; |z − z0|^{-p} with p in (0.999, 1) is
 *    misclassified as not L²; oscillating singularities (sin(1/z)/z) may fool the 3-point slope.
 */
import { normalCdf } from '../numeric/special.js';
import { closeTo, SAME_LOCATED_POINT } from '../numeric/tolerance.js';

export type DomainVerdict =
  | { ok: true }
  | { ok: false; kind: 'not-square-integrable'; where: string }
  | { ok: false; kind: 'undefined'; where: string; probability: number };

const LOG_MAX = Math.log(Number.MAX_VALUE); // ≈ 709.78
const SCAN_LIMIT = 40;

/** Short human-readable number: integers as is, otherwise ≤ 12 significant digits. */
function fmt(x: number): string {
  if (x === Infinity) return '+∞';
  if (x === -Infinity) return '-∞';
  if (Object.is(x, -0)) return '0';
  return String(Number(x.toPrecision(12)));
}

/** Boundary between a non-NaN sample xa and a NaN sample xb, by bisection; snapped to nice points. */
function nanBoundary(f: (z: number) => number, xa: number, xb: number, specials: readonly number[]): number {
  let a = xa;
  let b = xb;
  for (let it = 0; it < 200; it++) {
    const m = 0.5 * (a + b);
    if (m === a || m === b) break;
    if (Math.abs(b - a) <= 1e-15 * Math.max(1, Math.abs(a))) break;
    if (Number.isNaN(f(m))) b = m;
    else a = m;
  }
  const tol = 1e-9 * Math.max(1, Math.abs(a));
  for (const s of specials) if (Math.abs(s - a) <= tol) return s;
  for (let q = 1; q <= 64; q++) {
    const c = Math.round(a * q) / q;
    if (Math.abs(c - a) <= tol) return c + 0; // + 0 turns −0 into 0
  }
  return a;
}

function isolatedNaN(f: (z: number) => number, x: number): boolean {
  const d = 1e-7 * Math.max(1, Math.abs(x));
  return !Number.isNaN(f(x - d)) && !Number.isNaN(f(x + d));
}

interface NanScan {
  regions: { lo: number; hi: number }[];
  isolatedBad: number[];
}

function scanUndefined(f: (z: number) => number, specials: readonly number[]): NanScan {
  const xs = new Set<number>();
  for (let i = -800; i <= 800; i++) xs.add(i * 0.05);
  const inRange = specials.filter((s) => Math.abs(s) <= SCAN_LIMIT);
  const fr = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999];
  for (let i = 0; i + 1 < inRange.length; i++) {
    const a = inRange[i]!;
    const b = inRange[i + 1]!;
    for (const t of fr) xs.add(a + t * (b - a));
  }
  const first = inRange.length > 0 ? inRange[0]! : 0;
  const last = inRange.length > 0 ? inRange[inRange.length - 1]! : 0;
  for (const d of [1e-6, 1e-3, 0.01, 0.1, 0.5, 1, 2, 4, 8, 16, 32]) {
    if (first - d >= -SCAN_LIMIT) xs.add(first - d);
    if (last + d <= SCAN_LIMIT) xs.add(last + d);
  }
  xs.add(-SCAN_LIMIT);
  xs.add(SCAN_LIMIT);
  const sorted = [...xs].sort((p, q) => p - q);
  const vals = sorted.map((x) => f(x));
  const regions: { lo: number; hi: number }[] = [];
  const isolatedBad: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    const v = vals[i]!;
    if (!Number.isNaN(v)) {
      if (!Number.isFinite(v)) isolatedBad.push(sorted[i]!);
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < sorted.length && Number.isNaN(vals[j + 1]!)) j++;
    if (i === j && isolatedNaN(f, sorted[i]!)) {
      isolatedBad.push(sorted[i]!);
      i++;
      continue;
    }
    const lo = i === 0 ? -Infinity : nanBoundary(f, sorted[i - 1]!, sorted[i]!, specials);
    const hi = j === sorted.length - 1 ? Infinity : nanBoundary(f, sorted[j + 1]!, sorted[j]!, specials);
    regions.push({ lo, hi });
    i = j + 1;
  }
  return { regions, isolatedBad };
}

const TAIL_RADII = [4, 6, 9, 13, 19, 27, 38, 54, 76, 108, 152, 215, 304, 430, 608, 860, 1216];

/** Tail check on one side; returns a reason string when E[f²] looks infinite. */
function tailDiverges(f: (z: number) => number, dir: 1 | -1): boolean {
  const pts: { r: number; q: number }[] = [];
  for (const r of TAIL_RADII) {
    let q = -Infinity;
    let bad = false;
    for (const off of [0, 0.37, 0.71]) {
      const z = dir * (r + off);
      const v = f(z);
      if (!Number.isFinite(v)) {
        bad = true;
        break;
      }
      if (v !== 0) q = Math.max(q, 2 * Math.log(Math.abs(v)) - 0.5 * z * z);
    }
    if (bad) {
      // overflow (or NaN from ∞−∞ etc.) at |z| = r: |f| > DBL_MAX means q ≥ 2·log(DBL_MAX) − r²/2
      if (2 * LOG_MAX - 0.5 * (r + 0.71) * (r + 0.71) > 0) return true;
      break;
    }
    pts.push({ r, q });
  }
  const n = pts.length;
  if (n === 0) return false;
  const lastP = pts[n - 1]!;
  if (lastP.q > 50) return true;
  if (n >= 2 && lastP.q > -30) {
    const prev = pts[n - 2]!;
    if (prev.q === -Infinity) return false;
    const slope = (lastP.q - prev.q) / (Math.log(lastP.r) - Math.log(prev.r));
    if (slope >= -1) return true;
  }
  return false;
}

/** Does E[f²] diverge near z0? (see module comment, item 3) */
function singularAt(f: (z: number) => number, z0: number): boolean {
  const s = Math.max(1, Math.abs(z0));
  for (const dir of [-1, 1]) {
    const v: number[] = [];
    const ds: number[] = [];
    let skip = false;
    for (const d0 of [1e-6, 1e-9, 1e-12]) {
      const x = z0 + dir * d0 * s;
      const d = Math.abs(x - z0);
      const fx = f(x);
      if (Number.isNaN(fx) || d === 0) {
        skip = true;
        break;
      }
      if (!Number.isFinite(fx)) return true;
      v.push(fx * fx * d);
      ds.push(d);
    }
    if (skip) continue;
    const v0 = v[0]!;
    const v2 = v[2]!;
    if (!(v2 > 0)) continue;
    if (!Number.isFinite(v2)) return true;
    // f²·d ~ d^{1+2s} for f ~ |z − z0|^s: in L² iff 1 + 2s > 0 (|z|^{−0.48} is, |z|^{−1/2} is not);
    // over d from 1e-6 to 1e-12 the slope of a power law is resolved far below this margin
    const slope = Math.log(v2 / v0) / Math.log(ds[2]! / ds[0]!);
    if (!(slope > 1e-3)) return true;
  }
  return false;
}

/** Heuristic domain check of a link f for z ~ N(0, 1); see the module comment for what is tested. */
export function checkGaussianDomain(f: (z: number) => number, specialPoints: readonly number[]): DomainVerdict {
  const specials = [...new Set(specialPoints.filter((x) => Number.isFinite(x)))].sort((p, q) => p - q);

  // 1. undefined on a set of positive measure
  const scan = scanUndefined(f, specials);
  if (scan.regions.length > 0) {
    let probability = 0;
    const parts: string[] = [];
    for (const { lo, hi } of scan.regions) {
      probability += Math.max(0, normalCdf(hi) - normalCdf(lo));
      if (lo === -Infinity && hi === Infinity) parts.push('all z');
      else if (lo === -Infinity) parts.push(`z < ${fmt(hi)}`);
      else if (hi === Infinity) parts.push(`z > ${fmt(lo)}`);
      else parts.push(`${fmt(lo)} < z < ${fmt(hi)}`);
    }
    const shown = parts.length > 4 ? [...parts.slice(0, 3), `… (${parts.length} intervals in all)`] : parts;
    return { ok: false, kind: 'undefined', where: shown.join(' or '), probability: Math.min(1, probability) };
  }

  // 2. tails
  if (tailDiverges(f, 1)) return { ok: false, kind: 'not-square-integrable', where: 'tail z → +∞' };
  if (tailDiverges(f, -1)) return { ok: false, kind: 'not-square-integrable', where: 'tail z → -∞' };

  // 3. singularities at special points (and isolated non-finite samples)
  const cand = [...specials];
  for (const x of scan.isolatedBad) if (!cand.some((s) => closeTo(x, s, SAME_LOCATED_POINT))) cand.push(x);
  for (const z0 of cand) {
    if (singularAt(f, z0)) return { ok: false, kind: 'not-square-integrable', where: `near z = ${fmt(z0)}` };
  }
  return { ok: true };
}
