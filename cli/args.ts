/**
 * Flag values validated once, at the boundary, into typed values. Every failure is an
 * `OutOfRangeError` naming the flag and the value, which the CLI turns into exit code 2.
 */
import { OutOfRangeError } from '../src/errors.js';
import { Rational } from '../src/exact/rational.js';
import { isParameterName } from '../src/expr/parse.js';
import { CONVENTIONS, type Convention } from '../src/analysis/conventions.js';

export function integerFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new OutOfRangeError(`${flag} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return Number(value);
}

/** An exact rational from "0.1", "-2.5e-3" or "1/3". */
export function rationalValue(flag: string, value: string): Rational {
  try {
    return Rational.parse(value);
  } catch {
    throw new OutOfRangeError(`${flag} needs a number such as 0.1, 2.5e-3 or 1/3, got '${value}'`);
  }
}

export function conventionFlag(value: string | undefined): Convention | undefined {
  if (value === undefined) return undefined;
  if (!(CONVENTIONS as readonly string[]).includes(value)) {
    throw new OutOfRangeError(`--convention must be one of ${CONVENTIONS.join(', ')}, got '${value}'`);
  }
  return value as Convention;
}

export function noiseFlag(value: string | undefined): Rational | undefined {
  if (value === undefined) return undefined;
  const q = rationalValue('--noise', value);
  if (q.sign() < 0) throw new OutOfRangeError(`--noise is the label-noise variance Δ ≥ 0, got '${value}'`);
  return q;
}

export function toleranceFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Number(value);
  if (!/^[0-9.eE+-]+$/.test(value) || !(t > 0 && t < 1)) throw new OutOfRangeError(`--tolerance must be a number in (0, 1), got '${value}'`);
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
