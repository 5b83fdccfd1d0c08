/**
 * The coefficient table of a link: α_k = E[σ h_k] for k = 0..K (and the other conventions),
 * each with how it was decided. Polynomials: exact rationals (BigInt basis change).
 * Closed forms: exact symbolic values. Everything else: piecewise Gauss–Kronrod quadrature
 * split at kinks, with an error bound, and zeros certified by parity where structure allows.
 */
import { DomainError } from '../errors.js';
import { formatRatioScientific } from '../format/numbers.js';
import { ExactScalar, scientificFromLog10 } from '../exact/scalar.js';
import { Rational, factorial } from '../exact/rational.js';
import { hermeFromMonomials } from '../poly/hermiteE.js';
import { closedFormOf, closedFormRawCoefficients } from '../closedForm/families.js';
import { closedFormNormSquared } from '../closedForm/norm.js';
import { sqrtScalarText } from '../exact/scalarSqrt.js';
import { compileExpr } from '../expr/compile.js';
import { parityModuloAffine, parityOf, type Parity } from '../expr/parity.js';
import { specialPointsOf } from '../expr/specialPoints.js';
import { exprToPolynomial } from '../expr/toPolynomial.js';
import { NONSMOOTH_FUNCTIONS, walk, type Expr } from '../expr/tree.js';
import { checkGaussianDomain } from '../quadrature/domain.js';
import { projectOnHermite } from '../quadrature/hermiteProjection.js';
import { structuralZeros } from './hermiteStructure.js';
import { exactInConvention, fromOrthonormal, physicistsFromOrthonormal, physicistsFromProbabilists, type Convention } from './conventions.js';

export type LinkClass = 'polynomial' | 'closed-form' | 'piecewise' | 'smooth';
/**
 * How a coefficient (and so a zero, and so an exponent) was decided: `exact` rational arithmetic,
 * `parity` of the tree, `closed-form` symbolic values, `structure` (the link is a function of
 * He_{k−1}(z)e^{−z²/2}, docs/theory.md §3.4), or `numeric` (quadrature with an error bound).
 */
export type Decision = 'exact' | 'parity' | 'closed-form' | 'structure' | 'numeric';

/**
 * What is known of a coefficient: `zero` (certified), `below-tolerance` (numeric, |value| + bound
 * < τ: counted as zero, and said so), `nonzero` (certified, or numeric with |value| − bound > 0),
 * `undecided` (numeric, neither).
 */
export type Status = 'zero' | 'below-tolerance' | 'nonzero' | 'undecided';

/** The status of a numeric magnitude with bound `error` against the tolerance τ. */
export function numericStatus(magnitude: number, error: number, tolerance: number): Exclude<Status, 'zero'> {
  if (!Number.isFinite(magnitude) || !Number.isFinite(error)) return 'undecided';
  if (magnitude + error < tolerance) return 'below-tolerance';
  if (magnitude - error > 0) return 'nonzero';
  return 'undecided';
}

export interface Coefficient {
  readonly k: number;
  readonly orthonormal: number;
  readonly probabilists: number;
  readonly raw: number;
  readonly physicists: number;
  /** Exact value in the table's convention (mathjs syntax), or null when numeric. */
  readonly exact: string | null;
  /** Its LaTeX, only when asked for (`tex: true`). */
  readonly exactTex?: string | null;
  /** Absolute error bound of the value in the table's convention (0 when exact). */
  readonly error: number;
  /** The exact value in scientific notation when a double cannot hold it (it overflows, or underflows to 0). */
  readonly scientific?: string;
  /** Counted as zero: certified, or numeric and below τ (see `status`). */
  readonly zero: boolean;
  readonly status: Status;
  readonly decidedBy: Decision;
  /** Numeric only: undecided, the value's error interval reaches both 0 and τ. */
  readonly nearTolerance: boolean;
}

export interface HermiteTable {
  readonly linkClass: LinkClass;
  readonly parity: Parity;
  readonly convention: Convention;
  /** ‖σ‖ = √E[σ²] and its error bound; `normExact` when known exactly. */
  readonly norm: number;
  readonly normError: number;
  readonly normExact: string | null;
  /** ‖σ‖ in scientific notation when a double cannot hold it (a huge polynomial); otherwise absent. */
  readonly normDecimal?: string;
  /** Absolute tolerance τ = relTol·‖σ‖ under which a numeric coefficient counts as zero. */
  readonly tolerance: number;
  /** k = 0..K. */
  readonly coefficients: readonly Coefficient[];
  /** Polynomials only: all u_k (beyond K too), for exponents past the table. */
  readonly exactProbabilists: readonly Rational[] | null;
  /** Numeric only: Var(σ) = E[σ²] − α_0² and its error, for deciding a constant link. */
  readonly variance: number;
  readonly varianceError: number;
  readonly kinks: readonly number[];
  readonly evaluations: number;
}

export interface CoefficientOptions {
  readonly maxDegree: number;
  readonly convention?: Convention;
  /** τ = relativeTolerance·‖σ‖; default 1e-9. */
  readonly relativeTolerance?: number;
  /** Also typeset the exact values (`exactTex`). */
  readonly tex?: boolean;
}

export const DEFAULT_RELATIVE_TOLERANCE = 1e-9;

/** The class of a link: polynomial, closed-form family, piecewise (has kinks), or smooth. */
export function classifyLink(e: Expr): LinkClass {
  if (exprToPolynomial(e)) return 'polynomial';
  if (closedFormOf(e)) return 'closed-form';
  let kinked = false;
  walk(e, (n) => {
    if (n.kind === 'call' && NONSMOOTH_FUNCTIONS.has(n.fn)) kinked = true;
  });
  return kinked ? 'piecewise' : 'smooth';
}

/**
 * @example hermiteCoefficients(parseLink('He3(z)'), { maxDegree: 4 }).coefficients[3].orthonormal // ≈ Math.sqrt(6)
 */
export function hermiteCoefficients(e: Expr, options: CoefficientOptions): HermiteTable {
  const linkClass = classifyLink(e);
  const convention = options.convention ?? 'orthonormal';
  const relTol = options.relativeTolerance ?? DEFAULT_RELATIVE_TOLERANCE;
  switch (linkClass) {
    case 'polynomial':
      return polynomialTable(e, options.maxDegree, convention, relTol, options.tex ?? false);
    case 'closed-form':
      return closedFormTable(e, options.maxDegree, convention, relTol, options.tex ?? false);
    case 'piecewise':
    case 'smooth':
      return numericTable(e, linkClass, options.maxDegree, convention, relTol);
  }
}

/** A physicists' coefficient b_k: exact (polynomials) or numeric with its error. */
interface Physicists {
  readonly value: number;
  readonly exact: Rational | null;
  readonly error: number;
}

function exactEntry(k: number, raw: ExactScalar, b: Physicists, convention: Convention, decidedBy: Decision, tex = false): Coefficient {
  const values = {
    orthonormal: exactInConvention(raw, 'orthonormal', k),
    probabilists: exactInConvention(raw, 'probabilists', k),
    raw,
  };
  const shown = convention === 'physicists' ? (b.exact ? ExactScalar.rational(b.exact) : null) : values[convention];
  const value = convention === 'physicists' ? b.value : values[convention].toNumber();
  const error = convention === 'physicists' ? b.error : decidedBy === 'exact' ? 0 : 8 * Number.EPSILON * Math.abs(value);
  const outOfRange = shown !== null && (!Number.isFinite(value) || (value === 0 && !shown.isZero()));
  return {
    ...(outOfRange ? { scientific: shown.toScientific() } : {}),
    k,
    orthonormal: values.orthonormal.toNumber(),
    probabilists: values.probabilists.toNumber(),
    raw: values.raw.toNumber(),
    physicists: b.value,
    exact: shown?.toString() ?? null,
    ...(tex ? { exactTex: shown?.toTex() ?? null } : {}),
    error,
    zero: raw.isZero(),
    status: raw.isZero() ? 'zero' : 'nonzero',
    decidedBy,
    nearTolerance: false,
  };
}

/**
 * Physicists' coefficients b_k = 2^{−k/2}·α_k(g)/√k!, g(x) = σ(x/√2), by quadrature
 * (breakpoints scaled by √2), with error bounds.
 */
function physicistsNumeric(f: (z: number) => number, breakpoints: readonly number[], maxDegree: number): Physicists[] {
  const g = (x: number) => f(x / Math.SQRT2);
  const projection = projectOnHermite(g, { maxDegree, breakpoints: breakpoints.map((b) => b * Math.SQRT2) });
  return Array.from({ length: maxDegree + 1 }, (_, k) => ({
    value: physicistsFromOrthonormal(k, projection.orthonormal[k]!),
    exact: null,
    error: physicistsFromOrthonormal(k, projection.error[k]!),
  }));
}

/** √x in scientific notation for an exact x beyond the range of a double. */
function sqrtScientific(x: ExactScalar): string {
  const l = x.log10Abs();
  return l === null ? '0' : scientificFromLog10(l.log10 / 2, false);
}

function polynomialTable(e: Expr, maxDegree: number, convention: Convention, relTol: number, tex: boolean): HermiteTable {
  const p = exprToPolynomial(e)!;
  const u = hermeFromMonomials(p);
  // E[σ²] = Σ k!·u_k²
  let normSquared = Rational.ZERO;
  u.forEach((uk, k) => (normSquared = normSquared.add(uk.mul(uk).mul(Rational.of(factorial(k))))));
  const norm = Math.sqrt(normSquared.toNumber());
  const b = physicistsFromProbabilists(u, maxDegree);
  const coefficients: Coefficient[] = [];
  for (let k = 0; k <= maxDegree; k++) {
    const uk = u[k] ?? Rational.ZERO;
    const bk = b[k] ?? Rational.ZERO;
    const physicists = { value: bk.toNumber(), exact: bk, error: 0 };
    coefficients.push(exactEntry(k, ExactScalar.rational(uk.mul(Rational.of(factorial(k)))), physicists, convention, 'exact', tex));
  }
  const u0 = u[0] ?? Rational.ZERO;
  return {
    linkClass: 'polynomial',
    parity: parityOf(e),
    convention,
    norm,
    normError: 0,
    normExact: ExactScalar.sqrtRational(normSquared).toString(),
    ...(Number.isFinite(norm) && norm > 0 ? {} : { normDecimal: normSquared.isZero() ? '0' : formatRatioScientific(normSquared.num, normSquared.den, true) }),
    tolerance: relTol * norm,
    coefficients,
    exactProbabilists: u,
    variance: normSquared.sub(u0.mul(u0)).toNumber(),
    varianceError: 0,
    kinks: [],
    evaluations: 0,
  };
}

function closedFormTable(e: Expr, maxDegree: number, convention: Convention, relTol: number, tex: boolean): HermiteTable {
  const form = closedFormOf(e)!;
  const raw = closedFormRawCoefficients(form, maxDegree);
  const { kinks } = specialPointsOf(e);
  const f = compileExpr(e);
  const b = physicistsNumeric(f, kinks, maxDegree);
  const coefficients = raw.map((c, k) => {
    const entry = exactEntry(k, c, b[k]!, convention, 'closed-form', tex);
    if (convention === 'physicists') return entry;
    // terms with Φ(b) may cancel (1 − Φ(b) is evaluated as the tail, but φ(b) − b(1 − Φ(b)) is a difference)
    const shown = convention === 'raw' ? c : exactInConvention(c, convention, k);
    return { ...entry, error: Math.max(entry.error, shown.toNumberError()) };
  });
  const normSquared = closedFormNormSquared(form);
  if (normSquared) {
    // ‖σ‖ from log10 ‖σ‖² (E[relu(z − 40)²] ≈ 4.6e-353 underflows a double, its root 6.7e-177 does not)
    const direct = normSquared.toNumber();
    const log = normSquared.log10Abs();
    const inRange = Number.isFinite(direct) && direct >= 1e-300;
    const norm = inRange ? Math.sqrt(direct) : log === null || log.negative ? 0 : 10 ** (log.log10 / 2);
    // 10^(l/2) carries a relative error of about |l|·ln 10·ε from rounding l
    const powError = inRange || log === null ? 0 : 4 * (Math.abs(log.log10) + 1) * Math.LN10 * Number.EPSILON * norm;
    const variance = normSquared.sub(raw[0]!.mul(raw[0]!));
    return {
      linkClass: 'closed-form',
      parity: parityOf(e),
      convention,
      norm,
      normError: norm > 0 ? normSquared.toNumberError() / (2 * norm) + Number.EPSILON * norm + powError : Math.sqrt(normSquared.toNumberError()),
      normExact: sqrtScalarText(normSquared),
      ...(Number.isFinite(norm) && (norm > 0 || normSquared.isZero()) ? {} : { normDecimal: sqrtScientific(normSquared) }),
      tolerance: relTol * norm,
      coefficients,
      exactProbabilists: null,
      variance: variance.toNumber(),
      varianceError: variance.toNumberError(),
      kinks,
      evaluations: 0,
    };
  }
  const projection = projectOnHermite(f, { maxDegree: 0, breakpoints: kinks });
  const norm = Math.sqrt(projection.normSquared);
  const a0 = coefficients[0]!.orthonormal;
  return {
    linkClass: 'closed-form',
    parity: parityOf(e),
    convention,
    norm,
    normError: projection.normSquaredError / (2 * Math.max(norm, Number.MIN_VALUE)),
    normExact: null,
    tolerance: relTol * norm,
    coefficients,
    exactProbabilists: null,
    variance: projection.normSquared - a0 * a0,
    varianceError: projection.normSquaredError,
    kinks,
    evaluations: projection.evaluations,
  };
}

function numericTable(e: Expr, linkClass: LinkClass, maxDegree: number, convention: Convention, relTol: number): HermiteTable {
  const { kinks, singular } = specialPointsOf(e);
  const f = compileExpr(e);
  const breakpoints = [...new Set([...kinks, ...singular])].sort((a, b) => a - b);
  const verdict = checkGaussianDomain(f, breakpoints);
  if (!verdict.ok) {
    throw new DomainError(
      verdict.kind === 'undefined'
        ? `the link is undefined for ${verdict.where} (a set of Gaussian probability ${formatProbability(verdict.probability)}); it must be defined almost everywhere`
        : `the link is not in L²(N(0,1)): E[σ(z)²] is infinite (${verdict.where})`,
    );
  }
  const projection = projectOnHermite(f, { maxDegree, breakpoints });
  // ‖σ‖ ≥ (Σ α_k²)^{1/2} (Bessel): for a link of magnitude 1e-300, E[σ²] underflows to 0 but the α_k do not
  const norm = Math.max(Math.sqrt(projection.normSquared), scaledNorm(projection.orthonormal));
  const tolerance = relTol * norm;
  const parity = parityOf(e);
  const shifted = parityModuloAffine(e);
  const structural = new Set(structuralZeros(e));
  const b = physicistsNumeric(f, breakpoints, maxDegree);
  const coefficients: Coefficient[] = [];
  for (let k = 0; k <= maxDegree; k++) {
    const wrongParity = (p: Parity | 'affine') => (p === 'even' && k % 2 === 1) || (p === 'odd' && k % 2 === 0);
    const byParity = wrongParity(parity) || (k >= 2 && wrongParity(shifted));
    const certified = byParity || structural.has(k);
    const alpha = certified ? 0 : projection.orthonormal[k]!;
    const err = certified ? 0 : projection.error[k]!;
    const status: Status = certified ? 'zero' : numericStatus(Math.abs(alpha), err, tolerance);
    // g(x) = σ(x/√2) has the parity of σ (and modulo affine functions too), and the
    // physicists' basis change maps degree k to degrees ≤ k of the same parity
    const physicists = byParity ? 0 : b[k]!.value;
    coefficients.push({
      k,
      orthonormal: alpha,
      probabilists: fromOrthonormal('probabilists', k, alpha),
      raw: fromOrthonormal('raw', k, alpha),
      physicists,
      exact: certified ? '0' : null,
      error: certified ? 0 : convention === 'physicists' ? b[k]!.error : fromOrthonormal(convention, k, err),
      zero: status === 'zero' || status === 'below-tolerance',
      status,
      decidedBy: byParity ? 'parity' : certified ? 'structure' : 'numeric',
      nearTolerance: status === 'undecided',
    });
  }
  const a0 = coefficients[0]!.orthonormal;
  return {
    linkClass,
    parity,
    convention,
    norm,
    normError: projection.normSquaredError / (2 * Math.max(norm, Number.MIN_VALUE)),
    normExact: null,
    tolerance,
    coefficients,
    exactProbabilists: null,
    variance: projection.normSquared - a0 * a0,
    varianceError: projection.normSquaredError + 2 * Math.abs(a0) * projection.error[0]!,
    kinks,
    evaluations: projection.evaluations,
  };
}

/** (Σ x_k²)^{1/2} without underflow or overflow. */
function scaledNorm(xs: ArrayLike<number>): number {
  let top = 0;
  for (let i = 0; i < xs.length; i++) top = Math.max(top, Math.abs(xs[i]!));
  if (!(top > 0) || !Number.isFinite(top)) return 0;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += (xs[i]! / top) ** 2;
  return top * Math.sqrt(sum);
}

function formatProbability(p: number): string {
  return p === 0.5 ? '1/2' : p.toPrecision(3);
}
