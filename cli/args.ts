/**
 * Flag values validated once, at the boundary, into typed values. Every failure is an
 * `OutOfRangeError` naming the flag and the value, which the CLI turns into exit code 2.
 */
import { checkedRational } from '../src/limits.js';
import { OutOfRangeError } from '../src/errors.js';
import type { Rational } from '../src/exact/rational.js';
import { isParameterName } from '../src/expr/parse.js';
import { CONVENTIONS, type Convention } from '../src/analysis/conventions.js';

export function integerFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new OutOfRangeError(`${flag} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return Number(value);
}

/** An exact rational from "0.1", "-2.5e-3" or "1/3", within the limits on digits and magnitude. */
export const rationalValue = checkedRational;

/** One of `choices` (the first when the flag is absent, unless a fallback is given). */
export function choiceFlag<T extends string>(flag: string, value: string | undefined, choices: readonly T[], fallback: T = choices[0]!): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new OutOfRangeError(`${flag} must be one of ${choices.join(', ')}, got '${value}'`);
  return value as T;
}

export function conventionFlag(value: string | undefined): Convention | undefined {
  return value === undefined ? undefined : choiceFlag('--convention', value, CONVENTIONS);
}

/** --psi: required by --algo custom, refused with any other algorithm. */
export function psiFlag(algorithm: string, value: string | undefined): string | undefined {
  if (algorithm === 'custom' && value === undefined) throw new OutOfRangeError("--algo custom needs the oracle: --psi 'y*...(z)' (may use eta and d)");
  if (algorithm !== 'custom' && value !== undefined) throw new OutOfRangeError('--psi goes with --algo custom');
  return value;
}

/** The second-layer weight a ≥ 0 of --algo alternating, exact. */
export function secondLayerWeightFlag(value: string | undefined): Rational | undefined {
  if (value === undefined) return undefined;
  const a = rationalValue('--a', value);
  if (a.sign() < 0) throw new OutOfRangeError(`--a is the second-layer weight a ≥ 0, got '${value}'`);
  return a;
}

export function noiseFlag(value: string | undefined): Rational | undefined {
  if (value === undefined) return undefined;
  const q = rationalValue('--noise', value);
  if (q.sign() < 0) throw new OutOfRangeError(`--noise is the label-noise variance Δ ≥ 0, got '${value}'`);
  return q;
}

export function toleranceFlag(value: string | undefined, flag = '--tolerance'): number | undefined {
  if (value === undefined) return undefined;
  const t = Number(value);
  if (!/^[0-9.eE+-]+$/.test(value) || !(t > 0 && t < 1)) throw new OutOfRangeError(`${flag} must be a number in (0, 1), got '${value}'`);
  return t;
}

/** `--set a=2 --set b=1/3` → {a: 2, b: 1/3}. */
export function parameterFlags(values: readonly string[] | undefined): Map<string, Rational> {
  const out = new Map<string, Rational>();
  for (const v of values ?? []) {
    const m = /^\s*([^=\s]+)\s*=\s*(.+)$/.exec(v);
    if (!m) throw new OutOfRangeError(`--set needs name=value, as in --set a=2, got '${v}'`);
    const name = m[1]!;
    if (!isParameterName(name)) {
      throw new OutOfRangeError(`--set: '${name}' cannot be a parameter name (it is reserved or not an identifier)`);
    }
    out.set(name, rationalValue(`--set ${name}`, m[2]!));
  }
  return out;
}

/** A comma-separated list of numbers, each passing `check`; sorted, without repeats. */
export function numberList(flag: string, value: string | undefined, fallback: number[], check: (x: number) => boolean, what: string): number[] {
  if (value === undefined) return fallback;
  const xs = value.split(',').map((s) => s.trim());
  const out = xs.map(Number);
  if (xs.length === 0 || out.some((x, i) => xs[i] === '' || !Number.isFinite(x) || !check(x))) {
    throw new OutOfRangeError(`${flag} needs a comma-separated list of ${what}, got '${value}'`);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** One number passing `check`, or the fallback when the flag is absent. */
export function positiveNumber(flag: string, value: string | undefined, fallback: number, check: (x: number) => boolean, what: string): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !check(x)) throw new OutOfRangeError(`${flag} must be ${what}, got '${value}'`);
  return x;
}

export function parseShard(value: string | undefined): { index: number; count: number } | null {
  if (value === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
    throw new OutOfRangeError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 3/8), got '${value}'`);
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}
