/**
 * The link catalog (cases/links.yaml) against the engine's `analyze`.
 *
 * Expected values come from cases/generate.py (sympy exact algebra for polynomials and closed
 * forms, mpmath quadrature at 40 digits otherwise); this file never recomputes them. For every
 * entry: the class, the information exponent, the label powers p_1..p_4, every orthonormal
 * α_k (k = 0..12) within 1e-10·max(1, ‖σ‖), the reported error bound of numeric values is
 * honest, zero flags match the expected zeros, polynomials are decided exactly, and the
 * wrong-parity zeros of odd/even links are certified (parity or stronger).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';

const MAX_DEGREE = 12;
const POWERS = 4;
/** |α_k(engine) − α_k(expected)| ≤ RELATIVE·max(1, ‖σ‖). */
const RELATIVE = 1e-10;
/** Numeric values: |α_k(engine) − α_k(expected)| ≤ reported error + SLACK. */
const SLACK = 1e-14;
/** The catalog writes a coefficient as "0" exactly when it is structurally zero and |α_k| < 1e-25. */
const ZERO_BELOW = 1e-25;
const CLASSES = ['polynomial', 'closed-form', 'piecewise', 'smooth'] as const;
const PARITIES = ['odd', 'even', 'none'] as const;
/** Decisions that certify a zero structurally (stronger than a numeric tolerance). */
const CERTIFIED = new Set(['exact', 'parity', 'closed-form']);

type LinkClass = (typeof CLASSES)[number];
type Parity = (typeof PARITIES)[number];

interface LinkCase {
  readonly name: string;
  readonly expr: string;
  readonly class: LinkClass;
  readonly parity: Parity;
  readonly informationExponent: number | null;
  readonly labelPowers: readonly (number | null)[];
  readonly norm: number;
  /** α_0..α_12 as written in the catalog (strings) and as numbers. */
  readonly coefficientText: readonly string[];
  readonly coefficients: readonly number[];
  readonly source: string;
  readonly note: string;
}

const catalogPath = fileURLToPath(new URL('../cases/links.yaml', import.meta.url));

function fail(message: string): never {
  throw new Error(`cases/links.yaml: ${message}`);
}

function isIntOrNull(x: unknown): x is number | null {
  return x === null || (typeof x === 'number' && Number.isInteger(x) && x >= 1);
}

/** Parse and validate one raw YAML entry; malformed entries fail loudly instead of passing vacuously. */
function toCase(raw: unknown, index: number): LinkCase {
  if (typeof raw !== 'object' || raw === null) fail(`entry ${index} is not a mapping`);
  const r = raw as Record<string, unknown>;
  const where = `entry ${index} (${String(r['name'])})`;
  for (const key of ['name', 'expr', 'source', 'note']) {
    if (typeof r[key] !== 'string' || (r[key] as string).length === 0) fail(`${where}: '${key}' must be a non-empty string`);
  }
  const cls = r['class'];
  if (!CLASSES.includes(cls as LinkClass)) fail(`${where}: class ${String(cls)} is not one of ${CLASSES.join(', ')}`);
  const parity = r['parity'];
  if (!PARITIES.includes(parity as Parity)) fail(`${where}: parity ${String(parity)} is not one of ${PARITIES.join(', ')}`);
  if (!isIntOrNull(r['informationExponent'])) fail(`${where}: informationExponent must be an integer ≥ 1 or null`);
  const labelPowers = r['labelPowers'];
  if (!Array.isArray(labelPowers) || labelPowers.length !== POWERS || !labelPowers.every(isIntOrNull)) {
    fail(`${where}: labelPowers must list p_1..p_${POWERS} (integers or null)`);
  }
  const norm = Number(r['norm']);
  if (!(typeof r['norm'] === 'string' && Number.isFinite(norm) && norm >= 0)) fail(`${where}: norm must be a decimal string`);
  const table = r['coefficients'];
  if (typeof table !== 'object' || table === null) fail(`${where}: coefficients must be a map k → string`);
  const coefficientText: string[] = [];
  for (let k = 0; k <= MAX_DEGREE; k++) {
    const v = (table as Record<string, unknown>)[String(k)];
    if (typeof v !== 'string' || !Number.isFinite(Number(v))) fail(`${where}: coefficient ${k} must be a decimal string, got ${String(v)}`);
    coefficientText.push(v);
  }
  return {
    name: r['name'] as string,
    expr: r['expr'] as string,
    class: cls as LinkClass,
    parity: parity as Parity,
    informationExponent: r['informationExponent'] as number | null,
    labelPowers: labelPowers as (number | null)[],
    norm,
    coefficientText,
    coefficients: coefficientText.map(Number),
    source: r['source'] as string,
    note: r['note'] as string,
  };
}

function loadCatalog(): LinkCase[] {
  const doc: unknown = parse(readFileSync(catalogPath, 'utf8'));
  if (!Array.isArray(doc)) fail('the document must be a list of entries');
  return doc.map(toCase);
}

const cases = loadCatalog();

/** Significant digits of a decimal string ("0.0012300" → 5). */
function significantDigits(text: string): number {
  const mantissa = text
    .replace(/^[+-]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  return mantissa.replace(/^0+/, '').length;
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(17) : String(x));

describe('cases/links.yaml', () => {
  it('has at least 24 entries with unique names and inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(24);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.expr)).size).toBe(cases.length);
  });

  it('contains the links the catalog promises', () => {
    const inputs = new Set(cases.map((c) => c.expr.replace(/\s+/g, '')));
    const required = [
      'He1(z)',
      'He2(z)',
      'He3(z)',
      'He4(z)',
      'He5(z)',
      'He6(z)',
      'z^2',
      'z^3',
      'z^2+0.1*z^3',
      'relu(z)',
      'abs(z)',
      'sign(z)',
      'step(z)',
      'tanh(z)',
      'erf(z)',
      'erf(2*z)',
      'sigmoid(z)',
      'softplus(z)',
      'gelu(z)',
      'silu(z)',
      'cos(z)',
      'sin(z)',
      'exp(z)',
      'exp(0.5*z)',
      'relu(z-1)',
      'max(z,0.5*z)',
      'z*tanh(z)',
      'tanh(z)^2',
      'abs(z)^3',
    ];
    expect(required.filter((r) => !inputs.has(r))).toEqual([]);
  });

  it('writes every nonzero coefficient with at least 16 significant digits and zeros as exact "0"', () => {
    const bad: string[] = [];
    for (const c of cases) {
      c.coefficientText.forEach((text, k) => {
        const value = Number(text);
        if (value === 0 && text !== '0') bad.push(`${c.name} k=${k}: zero written as ${JSON.stringify(text)}`);
        if (value !== 0 && significantDigits(text) < 16) bad.push(`${c.name} k=${k}: ${text} has < 16 significant digits`);
        if (value !== 0 && Math.abs(value) < ZERO_BELOW) bad.push(`${c.name} k=${k}: ${text} is below 1e-25 but not written as 0`);
      });
    }
    expect(bad).toEqual([]);
  });

  it('is internally consistent: IE is the first nonzero α_k (k ≥ 1), p_1 = IE, parity zeros are 0', () => {
    const bad: string[] = [];
    for (const c of cases) {
      const first = c.coefficients.findIndex((a, k) => k >= 1 && a !== 0);
      const ie = first < 0 ? null : first;
      if (ie !== c.informationExponent) bad.push(`${c.name}: informationExponent ${c.informationExponent} but first nonzero α_k is ${ie}`);
      if (c.labelPowers[0] !== c.informationExponent) bad.push(`${c.name}: p_1 = ${c.labelPowers[0]} ≠ IE`);
      c.coefficients.forEach((a, k) => {
        if (wrongParity(c.parity, k) && a !== 0) bad.push(`${c.name}: ${c.parity} link with α_${k} = ${a}`);
      });
      // Parseval: Σ_{k ≤ 12} α_k² ≤ ‖σ‖²
      const partial = c.coefficients.reduce((s, a) => s + a * a, 0);
      if (partial > c.norm * c.norm * (1 + 1e-12)) bad.push(`${c.name}: Σα_k² = ${partial} exceeds ‖σ‖² = ${c.norm ** 2}`);
    }
    expect(bad).toEqual([]);
  });
});

function wrongParity(parity: Parity, k: number): boolean {
  return (parity === 'odd' && k % 2 === 0) || (parity === 'even' && k % 2 === 1);
}

describe('analyze() on the catalog', () => {
  it.each(cases.map((c) => [`${c.name}: ${c.expr}`, c] as const))('%s', (_title, c) => {
    const failures: string[] = [];
    const report = (what: string) => failures.push(`input ${JSON.stringify(c.expr)}: ${what}`);
    let result: ReturnType<typeof analyze>;
    try {
      result = analyze(c.expr, { maxDegree: MAX_DEGREE });
    } catch (err) {
      throw new Error(`input ${JSON.stringify(c.expr)}: analyze threw ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }

    if (result.class !== c.class) report(`class ${result.class}, expected ${c.class}`);
    if (result.informationExponent !== c.informationExponent) {
      report(`information exponent ${result.informationExponent} (decided by ${result.informationExponentDecidedBy}), expected ${c.informationExponent}`);
    }
    if (c.class === 'polynomial' && c.informationExponent !== null && result.informationExponentDecidedBy !== 'exact') {
      report(`information exponent of a polynomial decided by ${result.informationExponentDecidedBy}, expected exact`);
    }

    // label powers p_1..p_4
    for (let i = 1; i <= POWERS; i++) {
      const lp = result.labelPowers.find((p) => p.power === i);
      const expected = c.labelPowers[i - 1] ?? null;
      if (!lp) report(`label power p_${i} missing`);
      else if (lp.informationExponent !== expected) report(`label power p_${i} = ${lp.informationExponent} (decided by ${lp.decidedBy}), expected ${expected}`);
      else if (c.class === 'polynomial' && expected !== null && lp.decidedBy !== 'exact')
        report(`label power p_${i} of a polynomial decided by ${lp.decidedBy}, expected exact`);
    }

    // ‖σ‖
    const tolerance = RELATIVE * Math.max(1, c.norm);
    if (!(Math.abs(result.norm - c.norm) <= tolerance)) {
      report(`norm ${fmt(result.norm)}, expected ${fmt(c.norm)}, difference ${fmt(result.norm - c.norm)} (tolerance ${tolerance.toExponential(1)})`);
    }

    // coefficients k = 0..12
    for (let k = 0; k <= MAX_DEGREE; k++) {
      const got = result.coefficients.find((x) => x.k === k);
      const expected = c.coefficients[k]!;
      if (!got) {
        report(`k=${k}: coefficient missing`);
        continue;
      }
      const value = got.orthonormal;
      const diff = value - expected;
      const line = `k=${k}: value ${fmt(value)}, expected ${c.coefficientText[k]}, difference ${fmt(diff)}`;
      if (!(Math.abs(diff) <= tolerance)) report(`${line} exceeds ${tolerance.toExponential(1)} (decided by ${got.decidedBy})`);
      if (got.decidedBy === 'numeric' && !(Math.abs(diff) <= got.error + SLACK)) {
        report(`${line} exceeds the reported error bound ${got.error.toExponential(3)} + ${SLACK}`);
      }
      // the other conventions: u_k = α_k/√k!, c_k = α_k·√k!
      const sqrtFactorial = Math.sqrt(factorial(k));
      if (!(Math.abs(got.probabilists - expected / sqrtFactorial) <= tolerance / sqrtFactorial + 4 * Number.EPSILON * Math.abs(got.probabilists))) {
        report(`k=${k}: probabilists' u_k ${fmt(got.probabilists)}, expected ${fmt(expected / sqrtFactorial)}`);
      }
      if (!(Math.abs(got.raw - expected * sqrtFactorial) <= tolerance * sqrtFactorial + 4 * Number.EPSILON * Math.abs(got.raw))) {
        report(`k=${k}: raw c_k ${fmt(got.raw)}, expected ${fmt(expected * sqrtFactorial)}`);
      }
      const expectedZero = Math.abs(expected) < ZERO_BELOW;
      if (got.zero !== expectedZero) report(`${line}: zero flag ${got.zero}, expected ${expectedZero} (decided by ${got.decidedBy})`);
      if (c.class === 'polynomial' && got.decidedBy !== 'exact') report(`k=${k}: polynomial coefficient decided by ${got.decidedBy}, expected exact`);
      if (wrongParity(c.parity, k) && !CERTIFIED.has(got.decidedBy)) {
        report(`k=${k}: wrong-parity zero of a ${c.parity} link decided by ${got.decidedBy}, expected parity or stronger`);
      }
    }

    expect(failures, `${c.name} (${c.class}; ${c.source})`).toEqual([]);
  });
});

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}
