/**
 * The closed forms of docs/theory.md §2 as the engine computes them exactly
 * (`atomRawCoefficients`) against
 *   1. the engine's own numeric integrator (`projectOnHermite`, split at the kink), and
 *   2. the independent mpmath reference in test/fixtures/cases/closed-forms.json
 *      (written by cases/generate.py: 40-digit quadrature, also checked there against the
 *      docs/theory.md formulas),
 * for k ≤ 30 and scales a ∈ {1/2, 1, 2}, in the orthonormal convention α_k = c_k/√k!.
 * Polynomial atoms are checked exactly against docs/theory.md's monomial expansion
 * z^n = Σ_j n!/(j!·2^{(n−j)/2}·((n−j)/2)!)·He_j, i.e. c_j = E[z^n He_j] = n!/(2^{(n−j)/2}((n−j)/2)!).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { atomRawCoefficients, type Atom } from '../src/closedForm/families.js';
import { Rational } from '../src/exact/rational.js';
import { erf } from '../src/numeric/special.js';
import { projectOnHermite } from '../src/quadrature/hermiteProjection.js';

const K = 30;
/** closed form vs numeric integrator: |Δα_k| ≤ 1e-10·max(1, ‖f‖). */
const RELATIVE = 1e-10;
/** closed form (evaluated in double) vs the 40-digit reference: |Δα_k| ≤ 1e-12·max(1, ‖f‖). */
const RELATIVE_REFERENCE = 1e-12;

interface FixtureAtom {
  readonly family: 'exp' | 'sin' | 'cos' | 'erf' | 'sign' | 'relu' | 'abs';
  readonly scale: string | null;
  readonly norm: string;
  readonly orthonormal: readonly string[];
}

const fixturePath = fileURLToPath(new URL('./fixtures/cases/closed-forms.json', import.meta.url));
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as { atoms: FixtureAtom[]; _meta: { maxDegree: number } };

/** √k! in double precision, k ≤ 170. */
function sqrtFactorial(k: number): number {
  let s = 1;
  for (let i = 2; i <= k; i++) s *= Math.sqrt(i);
  return s;
}

const fmt = (x: number): string => x.toPrecision(17);

interface AtomCase {
  readonly name: string;
  readonly atom: Atom;
  readonly f: (z: number) => number;
  readonly breakpoints: number[];
  readonly reference: FixtureAtom;
}

function closure(family: FixtureAtom['family'], a: number): (z: number) => number {
  switch (family) {
    case 'exp':
      return (z) => Math.exp(a * z);
    case 'sin':
      return (z) => Math.sin(a * z);
    case 'cos':
      return (z) => Math.cos(a * z);
    case 'erf':
      return (z) => erf(a * z);
    case 'sign':
      return (z) => Math.sign(z);
    case 'relu':
      return (z) => (z > 0 ? z : 0);
    case 'abs':
      return (z) => Math.abs(z);
  }
}

const atomCases: AtomCase[] = fixture.atoms.map((reference) => {
  const { family, scale } = reference;
  const atom: Atom =
    family === 'exp' || family === 'sin' || family === 'cos' || family === 'erf' ? { family, scale: Rational.fromDecimalString(scale!) } : { family };
  const a = scale === null ? 1 : Number(scale);
  const kinked = family === 'sign' || family === 'relu' || family === 'abs';
  return {
    name: scale === null ? `${family}(z)` : `${family}(${scale}·z)`,
    atom,
    f: closure(family, a),
    breakpoints: kinked ? [0] : [],
    reference,
  };
});

describe('closed-form atoms (docs/theory.md §2), k ≤ 30', () => {
  it('the fixture covers exp, sin, cos, erf at a ∈ {0.5, 1, 2} and sign, relu, abs, up to k = 30', () => {
    const names = atomCases.map((c) => c.name).sort();
    const expected = ['abs(z)', 'relu(z)', 'sign(z)'];
    for (const fam of ['exp', 'sin', 'cos', 'erf']) for (const s of ['0.5', '1', '2']) expected.push(`${fam}(${s}·z)`);
    expect(names).toEqual(expected.sort());
    expect(fixture._meta.maxDegree).toBeGreaterThanOrEqual(K);
    for (const c of atomCases) expect(c.reference.orthonormal.length).toBeGreaterThanOrEqual(K + 1);
  });

  it.each(atomCases.map((c) => [c.name, c] as const))(
    '%s: exact closed form = numeric integrator = mpmath reference',
    (_title, { name, atom, f, breakpoints, reference }) => {
      const norm = Number(reference.norm);
      const scale = Math.max(1, norm);
      const closed = atomRawCoefficients(atom, K).map((c, k) => c.toNumber() / sqrtFactorial(k));
      const numeric = projectOnHermite(f, { maxDegree: K, breakpoints });
      const failures: string[] = [];
      if (closed.length !== K + 1) failures.push(`atomRawCoefficients returned ${closed.length} values, expected ${K + 1}`);
      for (let k = 0; k <= K; k++) {
        const exact = closed[k]!;
        const quad = numeric.orthonormal[k]!;
        const ref = Number(reference.orthonormal[k]);
        const d1 = exact - quad;
        if (!(Math.abs(d1) <= RELATIVE * scale)) {
          failures.push(
            `${name} k=${k}: closed form ${fmt(exact)} vs numeric ${fmt(quad)} (±${numeric.error[k]!.toExponential(2)}), difference ${fmt(d1)} > ${(RELATIVE * scale).toExponential(1)}`,
          );
        }
        const d2 = exact - ref;
        if (!(Math.abs(d2) <= RELATIVE_REFERENCE * scale)) {
          failures.push(
            `${name} k=${k}: closed form ${fmt(exact)} vs mpmath ${reference.orthonormal[k]}, difference ${fmt(d2)} > ${(RELATIVE_REFERENCE * scale).toExponential(1)}`,
          );
        }
        const d3 = quad - ref;
        if (!(Math.abs(d3) <= RELATIVE * scale)) {
          failures.push(
            `${name} k=${k}: numeric ${fmt(quad)} vs mpmath ${reference.orthonormal[k]}, difference ${fmt(d3)} > ${(RELATIVE * scale).toExponential(1)}`,
          );
        }
        if (ref === 0 && !atomRawCoefficients(atom, K)[k]!.isZero()) failures.push(`${name} k=${k}: closed form is not exactly zero where the reference is 0`);
      }
      const normDiff = Math.sqrt(numeric.normSquared) - norm;
      if (!(Math.abs(normDiff) <= RELATIVE * scale)) failures.push(`${name}: numeric ‖f‖ = ${fmt(Math.sqrt(numeric.normSquared))} vs mpmath ${reference.norm}`);
      expect(failures).toEqual([]);
    },
  );

  it('sinh and cosh decompositions: (exp(a z) ∓ exp(−a z))/2 match the numeric integrator', () => {
    const failures: string[] = [];
    for (const s of ['0.5', '1', '2']) {
      const a = Number(s);
      const plus = atomRawCoefficients({ family: 'exp', scale: Rational.fromDecimalString(s) }, K);
      const minus = atomRawCoefficients({ family: 'exp', scale: Rational.fromDecimalString(s).neg() }, K);
      for (const [fn, f, sign] of [
        ['sinh', (z: number) => Math.sinh(a * z), -1],
        ['cosh', (z: number) => Math.cosh(a * z), 1],
      ] as const) {
        const numeric = projectOnHermite(f, { maxDegree: K });
        const tol = RELATIVE * Math.max(1, Math.sqrt(numeric.normSquared));
        for (let k = 0; k <= K; k++) {
          const combined = sign < 0 ? plus[k]!.sub(minus[k]!) : plus[k]!.add(minus[k]!);
          const exact = combined.toNumber() / 2 / sqrtFactorial(k);
          const d = exact - numeric.orthonormal[k]!;
          if (!(Math.abs(d) <= tol))
            failures.push(`${fn}(${s}z) k=${k}: closed ${fmt(exact)} vs numeric ${fmt(numeric.orthonormal[k]!)}, difference ${fmt(d)}`);
          const wrongParity = fn === 'sinh' ? k % 2 === 0 : k % 2 === 1;
          if (wrongParity && !combined.isZero()) failures.push(`${fn}(${s}z) k=${k}: wrong-parity coefficient not exactly zero`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('polynomial atoms (docs/theory.md §2 monomial expansion), exact', () => {
  /** c_j = E[z^n He_j] = n!/(2^{(n−j)/2}((n−j)/2)!) for j ≤ n, j ≡ n (mod 2); 0 otherwise. */
  function monomialRaw(n: number, j: number): bigint {
    if (j > n || (n - j) % 2 !== 0) return 0n;
    const m = (n - j) / 2;
    let nf = 1n;
    for (let i = 2n; i <= BigInt(n); i++) nf *= i;
    let mf = 1n;
    for (let i = 2n; i <= BigInt(m); i++) mf *= i;
    return nf / ((1n << BigInt(m)) * mf);
  }

  const monomial = (n: number): Rational[] => Array.from({ length: n + 1 }, (_, i) => (i === n ? Rational.ONE : Rational.ZERO));

  it.each([0, 1, 2, 3, 4, 7, 12, 20])('z^%i: raw coefficients are the exact integers of the expansion', (n) => {
    const c = atomRawCoefficients({ family: 'polynomial', polynomial: monomial(n) }, K);
    const failures: string[] = [];
    for (let j = 0; j <= K; j++) {
      const got = c[j]!.toRational();
      const want = Rational.of(monomialRaw(n, j));
      if (got === null || !got.equals(want)) failures.push(`z^${n} j=${j}: ${c[j]!.toString()} vs ${want.toString()}`);
    }
    expect(failures).toEqual([]);
  });

  it.each([
    { name: 'z^3 − 2z + 1/10', coefficients: [Rational.fromDecimalString('0.1'), Rational.of(-2), Rational.ZERO, Rational.ONE] },
    { name: 'z^5/7 − z^2/3', coefficients: [Rational.ZERO, Rational.ZERO, Rational.of(-1, 3), Rational.ZERO, Rational.ZERO, Rational.of(1, 7)] },
    { name: 'He_6 written in monomials', coefficients: [-15, 0, 45, 0, -15, 0, 1].map((n) => Rational.of(n)) },
  ])('$name: exact raw coefficients match the numeric integrator', ({ name, coefficients }) => {
    const poly = coefficients;
    const values = poly.map((q) => q.toNumber());
    const f = (z: number): number => values.reduceRight((acc, a) => acc * z + a, 0);
    const exact = atomRawCoefficients({ family: 'polynomial', polynomial: poly }, K);
    const numeric = projectOnHermite(f, { maxDegree: K });
    const tol = RELATIVE * Math.max(1, Math.sqrt(numeric.normSquared));
    const failures: string[] = [];
    for (let k = 0; k <= K; k++) {
      const a = exact[k]!.toNumber() / sqrtFactorial(k);
      const d = a - numeric.orthonormal[k]!;
      if (!(Math.abs(d) <= tol)) failures.push(`${name} k=${k}: closed ${fmt(a)} vs numeric ${fmt(numeric.orthonormal[k]!)}, difference ${fmt(d)}`);
      if (k >= coefficients.length && !exact[k]!.isZero()) failures.push(`${name} k=${k}: beyond the degree but not exactly zero`);
    }
    expect(failures).toEqual([]);
  });
});
