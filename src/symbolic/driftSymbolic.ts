/**
 * The drift coefficients of docs/theory.md §4.2 with free parameters θ (issue 15): for a target σ*
 * and a student σ that are polynomials in z with coefficients in ℚ[θ], and the oracle
 * ψ = Σ_k c_k(η, d)·y^k·g_k(z) of src/thresholds/oracle.ts (same c_k, same g_k),
 *
 *   μ_i(η, d, θ) = Σ_k c_k(η, d)·u_i(E[y^k | z])·u_{i−1}(g_k)                        (4.2)
 *   E[ψ²](η, d, θ) = Σ_{k,l} c_k c_l·u_0(E[y^{k+l} | z])·u_0(g_k g_l)                 (4.3)
 *
 * (u = probabilists' coefficients), each an exact polynomial over ℚ in η, d and θ (MPoly in the
 * variables `eta`, `d` and the parameters): the Hermite expansions of σ*^k (+ noise) and of g_k
 * are done over ℚ[θ] (src/symbolic/zpoly.ts).
 */
import { conditionalLabelMoment } from '../analysis/labelPowers.js';
import { Rational, factorial } from '../exact/rational.js';
import { parseLink } from '../expr/parse.js';
import type { Expr } from '../expr/tree.js';
import { freeParametersOf } from './freeParameters.js';
import { DEFAULT_BATCH_ORDER } from '../thresholds/oracle.js';
import { MPoly } from './mpoly.js';
import { probabilistsCoefficients, type ZPoly, zMul, zPolynomialOf } from './zpoly.js';

/** A monomial η^eta·d^d with its coefficient in ℚ[θ]. */
export interface EtaDCoefficient {
  readonly eta: number;
  readonly d: number;
  readonly coefficient: MPoly;
}

/** One oracle term c·η^a·d^b·y^k·g_k(z) with g_k over ℚ[θ]. */
export interface SymbolicOracleTerm {
  readonly power: number;
  readonly coefficient: Rational;
  readonly etaPower: number;
  readonly dPower: number;
  readonly g: ZPoly;
}

export interface SymbolicDriftExpansion {
  /** μ_1..μ_I as polynomials in eta, d and the parameters. */
  readonly mu: readonly MPoly[];
  readonly psiSecondMoment: MPoly;
  /** Batch reuse: the Taylor series was cut after this many terms (student degree > order + 1). */
  readonly truncatedAt: number | null;
}

/** The variables of the drift polynomials that are not parameters. */
const ETA_D: readonly string[] = ['eta', 'd'];

/**
 * p′ for p = Σ_n P_n z^n: [P_1, 2P_2, 3P_3, …].
 */
function zDerivative(p: ZPoly): MPoly[] {
  return p.slice(1).map((c, n) => c.scale(Rational.of(n + 1)));
}

/**
 * The oracle terms of online, batch-reuse (cut after `order` terms) or alternating SGD (second-layer weight w) for the student σ = Σ P_n z^n:
 * the table of docs/theory.md §4.1 (batch reuse: c_k = (ηd)^{k−1}/(k−1)!, g_k = σ^{(k)}·(σ′)^{k−1}, up to deg σ).
 */
function symbolicOracle(
  algorithm: 'online' | 'batch-reuse' | 'alternating',
  student: ZPoly,
  options: { weight?: Rational; order?: number } = {},
): { terms: SymbolicOracleTerm[]; truncatedAt: number | null } {
  const dSigma = zDerivative(student);
  if (algorithm === 'online') return { terms: [{ power: 1, coefficient: Rational.ONE, etaPower: 0, dPower: 0, g: dSigma }], truncatedAt: null };
  if (algorithm === 'alternating') {
    return {
      terms: [
        { power: 1, coefficient: options.weight ?? Rational.ONE, etaPower: 0, dPower: 0, g: dSigma },
        { power: 2, coefficient: Rational.ONE, etaPower: 1, dPower: 0, g: zMul(student, dSigma) },
      ],
      truncatedAt: null,
    };
  }
  const order = options.order ?? DEFAULT_BATCH_ORDER;
  const terms: SymbolicOracleTerm[] = [];
  let derivative: MPoly[] = dSigma; // σ^{(k)}
  let power: MPoly[] | null = null; // (σ')^{k−1}
  for (let k = 1; derivative.length > 0; k++) {
    if (k > order) return { terms, truncatedAt: order };
    terms.push({
      power: k,
      coefficient: Rational.of(1n, factorial(k - 1)),
      etaPower: k - 1,
      dPower: k - 1,
      g: power === null ? derivative : zMul(derivative, power),
    });
    power = power === null ? dSigma : zMul(power, dSigma);
    derivative = zDerivative(derivative);
  }
  return { terms, truncatedAt: null };
}

const monomial = (eta: number, d: number): MPoly => MPoly.variable('eta').pow(eta).mul(MPoly.variable('d').pow(d));

/**
 * μ_1..μ_maxIndex and E[ψ²] of (4.2), (4.3) for the target σ* (a tree parsed with free parameters,
 * label noise Δ) and the oracle terms; null when σ* is not a polynomial in z and the parameters.
 * He3 online: μ_3 = u_3(He3)·u_2(3He2) = 3.
 */
function symbolicDrift(
  target: Expr,
  terms: readonly SymbolicOracleTerm[],
  noise: Rational,
  maxIndex: number,
): Omit<SymbolicDriftExpansion, 'truncatedAt'> | null {
  const labelU = new Map<number, MPoly[] | null>();
  const labelOf = (k: number): MPoly[] | null => {
    if (!labelU.has(k)) {
      const m = zPolynomialOf(conditionalLabelMoment(target, k, noise));
      labelU.set(k, m === null ? null : probabilistsCoefficients(m));
    }
    return labelU.get(k)!;
  };
  for (const t of terms) if (labelOf(t.power) === null) return null;
  const gU = terms.map((t) => probabilistsCoefficients(t.g));
  const mu: MPoly[] = [];
  for (let i = 1; i <= maxIndex; i++) {
    let sum = MPoly.ZERO;
    terms.forEach((t, j) => {
      const ui = labelOf(t.power)![i] ?? MPoly.ZERO;
      const gi = gU[j]![i - 1] ?? MPoly.ZERO;
      if (!ui.isZero() && !gi.isZero()) sum = sum.add(ui.mul(gi).mul(monomial(t.etaPower, t.dPower)).scale(t.coefficient));
    });
    mu.push(sum);
  }
  let psi = MPoly.ZERO;
  terms.forEach((a, ia) =>
    terms.forEach((b, ib) => {
      if (ib < ia) return;
      const moment = labelOf(a.power + b.power)?.[0] ?? MPoly.ZERO;
      const cross = probabilistsCoefficients(zMul(a.g, b.g))[0] ?? MPoly.ZERO;
      const symmetry = Rational.of(ia === ib ? 1 : 2);
      psi = psi.add(
        moment
          .mul(cross)
          .mul(monomial(a.etaPower + b.etaPower, a.dPower + b.dPower))
          .scale(a.coefficient.mul(b.coefficient).mul(symmetry)),
      );
    }),
  );
  return { mu, psiSecondMoment: psi };
}

/**
 * A drift polynomial as Σ coefficient(θ)·η^a·d^b, sorted by a then b (zero coefficients absent).
 * @example etaDCoefficients(symbolicDriftOf({ target: 'z^3 + a*z', algorithm: 'batch-reuse', maxIndex: 2 }).mu[1]).map((t) => [t.eta, t.d, t.coefficient.toString()]) // [[1, 1, '6*a^3 + 126*a^2 + 918*a + 2430']]
 */
export function etaDCoefficients(p: MPoly): EtaDCoefficient[] {
  const out: EtaDCoefficient[] = [];
  p.coefficientsIn('eta').forEach((inD, eta) =>
    inD.coefficientsIn('d').forEach((coefficient, d) => {
      if (!coefficient.isZero()) out.push({ eta, d, coefficient });
    }),
  );
  return out;
}

/**
 * Σ coefficient(θ)·η^a·d^b as text, each parameter coefficient in parentheses when it has several terms: "(a^2 + 6*a + 9) + 2*eta*d".
 * @example etaDText(symbolicDriftOf({ target: 'z^3 + a*z', algorithm: 'batch-reuse', maxIndex: 3 }).mu[2]) // '3 + (18*a^4 + 702*a^3 + 10530*a^2 + 73710*a + 204120)*eta^2*d^2'
 */
export function etaDText(p: MPoly): string {
  const parts = etaDCoefficients(p).map((t) => {
    const factors = [t.eta > 0 ? (t.eta === 1 ? 'eta' : `eta^${t.eta}`) : '', t.d > 0 ? (t.d === 1 ? 'd' : `d^${t.d}`) : ''].filter(Boolean).join('*');
    const c = t.coefficient.toString();
    if (!factors) return c;
    if (t.coefficient.termList().length > 1) return `(${c})*${factors}`;
    return c === '1' ? factors : c === '-1' ? `-${factors}` : `${c}*${factors}`;
  });
  return parts.length === 0 ? '0' : parts.join(' + ').replace(/\+ -/g, '- ');
}

export interface SymbolicDriftOptions {
  readonly target: string;
  /** Default: the target. */
  readonly student?: string;
  readonly algorithm: 'online' | 'batch-reuse' | 'alternating';
  /** Parameters fixed to numbers (`--set`); the others stay free. */
  readonly parameters?: ReadonlyMap<string, Rational>;
  readonly noise?: Rational;
  /** Alternating: the second-layer weight w (`--a`, default 1). */
  readonly weight?: Rational;
  /** Batch reuse: the Taylor series' length (`--order`, default 6). */
  readonly order?: number;
  readonly maxIndex: number;
}

/**
 * μ_1..μ_maxIndex(η, d, θ) and E[ψ²](η, d, θ) of target and student given as text with free
 * parameters; null when either is not a polynomial in z and the parameters, or a parameter is named eta or d.
 * Online SGD on z³ + a·z: μ_1 = u_1(σ)·u_0(σ′) = (a + 3)², μ_3 = u_3(σ)·u_2(σ′) = 1·3.
 * @example symbolicDriftOf({ target: 'z^3 + a*z', algorithm: 'online', maxIndex: 3 }).mu.map(String) // ['a^2 + 6*a + 9', '0', '3']
 */
export function symbolicDriftOf(o: SymbolicDriftOptions): (SymbolicDriftExpansion & { readonly parameters: readonly string[] }) | null {
  const bound = o.parameters ?? new Map<string, Rational>();
  const target = parseLink(o.target, { parameters: bound, freeParameters: true });
  const studentTree = o.student === undefined ? target : parseLink(o.student, { parameters: bound, freeParameters: true });
  const parameters = [...new Set([...freeParametersOf(target), ...freeParametersOf(studentTree)])].sort();
  if (parameters.some((v) => ETA_D.includes(v))) return null;
  const student = zPolynomialOf(studentTree);
  if (student === null || zPolynomialOf(target) === null) return null;
  const oracle = symbolicOracle(o.algorithm, student, { weight: o.weight, order: o.order });
  const drift = symbolicDrift(target, oracle.terms, o.noise ?? Rational.ZERO, o.maxIndex);
  return drift === null ? null : { ...drift, truncatedAt: oracle.truncatedAt, parameters };
}
