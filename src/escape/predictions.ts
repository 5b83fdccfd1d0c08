/**
 * The predictions of an escape sweep, per (p, d) (docs/theory.md §7, arXiv 2305.18502): the step γ
 * (given, or γ_opt(p)), the overlap ODE's exit time from the annealed start (with the finite-step
 * term), and — for the square committee on phase retrieval (σ = σ* = z², second layer fixed) — the
 * paper's annealed and quenched closed forms, s_min/d at γ_opt and the gain s_min(1)/s_min(p).
 * Times are converted from the paper's t to samples ν = t·p·d/γ. What cannot be predicted is null,
 * with the reason in `notes` or `caveat`.
 */
import { annealedExitTime, gain, gainLimit, gammaCritical, gammaOpt, quenchedExitTime, sMin } from '../committee/closedForms.js';
import { searchPhaseCaveat } from '../committee/caveat.js';
import { defaultNodes, MAX_NUMERIC_WIDTH } from '../committee/drift.js';
import { odeExitTime } from '../committee/ode.js';
import type { CommitteeSpec } from '../committee/spec.js';
import { OutOfRangeError, isSindexError } from '../errors.js';
import { formatError } from '../format/numbers.js';
import { exprToPolynomial } from '../expr/toPolynomial.js';
import { polyEquals, polyFromInts } from '../poly/polynomial.js';
import type { EscapeConfig } from './config.js';
import { escapeLinks } from './links.js';

export interface EscapePrediction {
  readonly p: number;
  readonly d: number;
  /** the step used */
  readonly gamma: number;
  /** the paper's γ_opt(p) (square committee on phase retrieval), else null */
  readonly gammaOpt: number | null;
  /** the ODE's exit time from the annealed start m_j = Q_jl = d^(−1/2), in samples */
  readonly odeExitSamples: number | null;
  /** its error when the drift is numeric (the change with 1.5× the quadrature nodes); null when exact */
  readonly odeExitError: number | null;
  /** closed forms (square committee): overlaps at their mean, and averaged over their law */
  readonly annealedSamples: number | null;
  readonly quenchedSamples: number | null;
  /** the quenched time's quadrature error in samples: closed form, |E_32 − E_22| (Gauss–Laguerre); ODE, |E_24 − E_36| (Gauss–Hermite) */
  readonly quenchedError: number | null;
  /** s_min/d at γ_opt (square committee) */
  readonly sMinOverD: number | null;
  /** s_min(1)/s_min(p) at this d (square committee) */
  readonly gain: number | null;
  /** why the ODE does not describe the search phase, or null */
  readonly caveat: string | null;
  readonly notes: readonly string[];
}

const SQUARE = polyFromInts([0, 0, 1]);

/** Gauss–Laguerre nodes per variable of the quenched closed form; its error is the change from 2/3 as many. */
const QUENCHED_NODES = 32;
const QUENCHED_COARSE_NODES = Math.ceil((2 * QUENCHED_NODES) / 3);

/** Why a prediction could not be made, from a user-facing error; other errors propagate. */
function reasonOf(e: unknown): string {
  if (isSindexError(e)) return (e as Error).message;
  throw e;
}

/** σ*, σ and Δ of a sweep, parsed once, and whether the paper's closed forms apply (σ = σ* = z², second layer fixed). */
function linksAndCase(config: EscapeConfig) {
  const { target, activation, noise } = escapeLinks(config);
  const pt = exprToPolynomial(target.expr);
  const pa = exprToPolynomial(activation.expr);
  const square = pt !== null && pa !== null && polyEquals(pt, SQUARE) && polyEquals(pa, SQUARE) && !config.secondLayer.trained;
  return { target, activation, noise, polynomial: pt !== null && pa !== null, square };
}

/** The predictions per (p, d), and the paper's p → ∞ gain (12 + Δ)/(2 + Δ) when its closed forms apply (else null). */
export function escapePredictions(config: EscapeConfig): { predictions: EscapePrediction[]; gainLimit: number | null } {
  const { target, activation, noise, polynomial, square } = linksAndCase(config);
  const specOf = (p: number, gamma: number): CommitteeSpec => ({
    width: p,
    target,
    activation,
    noise,
    gamma,
    secondLayer: { trained: config.secondLayer.trained, rate: config.secondLayer.rate ?? undefined },
  });
  const caveat = searchPhaseCaveat(specOf(1, 1));
  const out: EscapePrediction[] = [];
  for (const p of config.widths) {
    const opt = square ? gammaOpt(p, noise) : null;
    let gamma: number;
    if (config.gamma.kind === 'fixed') gamma = config.gamma.value;
    else if (config.gamma.kind === 'per-width') gamma = config.gamma.c * p;
    else if (opt !== null) gamma = opt;
    else {
      throw new OutOfRangeError(
        `--gamma opt is the paper's γ_opt(p) for the square committee on phase retrieval (target z^2, activation z^2, second layer fixed); give --gamma G or --gamma c*p for target ${config.target}, activation ${config.activation}${config.secondLayer.trained ? ' with a trained second layer' : ''}`,
      );
    }
    const spec = specOf(p, gamma);
    for (const d of config.ds) {
      const notes: string[] = [];
      let ode: number | null = null;
      let odeError: number | null = null;
      if (caveat !== null) notes.push('no ODE exit time: see the caveat');
      else if (!polynomial && p > MAX_NUMERIC_WIDTH) {
        notes.push(
          `no ODE exit time: for a non-polynomial σ or σ* the drift is a numeric ${p + 1}-dimensional Gaussian integral, done for p ≤ ${MAX_NUMERIC_WIDTH} only`,
        );
      } else {
        try {
          const r = odeExitTime(spec, { d, riskDrop: config.riskDrop, init: 'annealed' });
          if (r.reached) ode = r.samples;
          else {
            notes.push(`ODE: no exit (${r.reason})`);
            if (square && config.gamma.kind === 'opt' && p > 1) {
              notes.push(
                'γ_opt(p) ≈ p/2 makes the linearised escape fastest, but the nonlinear dynamics does not follow it: the neurons align with one another (Q_jl → 1, m → 0) before the risk falls by T; a step c·p with c ≈ 0.1 (the paper keeps γ/p fixed) escapes',
              );
            }
          }
          if (r.numeric && ode !== null) {
            // the numeric drift's error carried to the exit time: the change from a coarser rule (2/3 of the
            // Gauss–Hermite nodes) bounds the error of the finer one, at a third of the cost of a finer check
            const nodes = defaultNodes(p);
            const coarse = Math.ceil((2 * nodes) / 3);
            const rough = odeExitTime(spec, { d, riskDrop: config.riskDrop, init: 'annealed', nodes: coarse });
            odeError = rough.samples === null ? Infinity : Math.abs(rough.samples - ode);
            notes.push(`ODE drift numeric (Gauss–Hermite in the fields): exit time ± ${formatError(odeError)} samples (${nodes} against ${coarse} nodes)`);
          }
        } catch (e) {
          notes.push(`no ODE exit time: ${reasonOf(e)}`);
        }
      }
      let annealed: number | null = null;
      let quenched: number | null = null;
      let quenchedError: number | null = null;
      let sMinOverD: number | null = null;
      let g: number | null = null;
      if (square) {
        const toSamples = (t: number) => (t * p * d) / gamma;
        const o = { width: p, d, noise, gamma, riskDrop: config.riskDrop };
        if (gamma >= gammaCritical(p, noise)) {
          notes.push(
            `γ = ${gamma.toPrecision(3)} ≥ γ_c(p) = ${gammaCritical(p, noise).toPrecision(3)}: the linearised dynamics does not leave m = 0 (no closed-form exit)`,
          );
        } else {
          try {
            annealed = toSamples(annealedExitTime(o));
            quenched = toSamples(quenchedExitTime(o, QUENCHED_NODES));
            // the change from a coarser rule bounds the finer one's error (a finer rule's outer nodes can leave the formula's domain)
            quenchedError = Math.abs(toSamples(quenchedExitTime(o, QUENCHED_COARSE_NODES)) - quenched);
          } catch (e) {
            notes.push(`closed forms: ${reasonOf(e)}`);
          }
        }
        sMinOverD = sMin(p, d, noise, config.riskDrop) / d;
        g = gain(p, d, noise, config.riskDrop);
      } else if (p === 1 && caveat === null && polynomial) {
        try {
          const r = odeExitTime(spec, { d, riskDrop: config.riskDrop, init: 'quenched' });
          if (r.reached) {
            quenched = r.samples;
            quenchedError = r.quadratureError === undefined ? null : (r.quadratureError * p * d) / gamma;
            notes.push('quenched: the ODE exit time averaged over √d·m₀ ~ N(0, 1) (no closed form for this target and activation)');
          }
        } catch (e) {
          notes.push(`no quenched ODE time: ${reasonOf(e)}`);
        }
      }
      out.push({
        p,
        d,
        gamma,
        gammaOpt: opt,
        odeExitSamples: ode,
        odeExitError: odeError,
        annealedSamples: annealed,
        quenchedSamples: quenched,
        quenchedError,
        sMinOverD,
        gain: g,
        caveat,
        notes,
      });
    }
  }
  return { predictions: out, gainLimit: square ? gainLimit(noise) : null };
}
