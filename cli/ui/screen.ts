/**
 * The screen as text: each pane's body from its view (results, error, or "computing…" over the
 * last results dimmed), the headline, the footer and the help. Pure; views.tsx draws it.
 */
import { THRESHOLD_ALGORITHMS } from '../../src/thresholds/thresholds.js';
import { UI_FILES, UI_SWEEP } from '../defaults.js';
import { COMMANDS, type Mode } from './keys.js';
import { clip, flow, headlineParts, links, thresholdPhrase, verifyLines, wrap, type Sweep } from './panes.js';
import {
  type AnalyzeQuery,
  type AnalyzeResult,
  isMultiIndex,
  isNotAvailable,
  isSymbolic,
  isSymbolicThresholds,
  type ThresholdsAnswer,
  type ThresholdsQuery,
  type UserError,
} from './protocol.js';
import { symbolicHeadlineParts, symbolicThresholdPhrase } from './symbolicPanes.js';
import { multiHeadlineParts } from './multiIndexPanes.js';
import { differences, isProblem, LABEL, sameQuery, type Field, type FieldProblem, type View } from './queries.js';
import { sweepQuery } from './sweep.js';

/** From this size on, all four panes are shown at once (two columns). */
export const WIDE = { columns: 118, rows: 36 } as const;

/** What a pane draws: lines, then lines dimmed (the last results, while they are not for the fields); `state` marks its tab. */
export interface PaneBody {
  readonly lines: readonly string[];
  readonly dimmed: readonly string[];
  readonly state: 'ready' | 'computing' | 'error';
}

/** An error with a caret under its position in the field's text. */
export function errorLines(field: Field | null, error: UserError, value: string | null, width: number): string[] {
  const label = field === null ? '' : ` (${LABEL[field]})`;
  const head = wrap(`error${label}: ${error.message}${error.hint ? ` — ${error.hint}` : ''}`, width);
  if (error.position === null || value === null || field === null) return head;
  const pad = ' '.repeat(LABEL[field].length + 2);
  return [...head, clip(`${pad}${value}`, width), `${pad}${' '.repeat(Math.min(error.position, value.length))}^`];
}

/**
 * The body of a pane from its view: the results when they answer the current query, the error
 * when there is one, else "computing…" above the last results dimmed and labelled with their query.
 */
export function bodyOf<Q extends object, R>(
  view: View<Q, R>,
  current: Q | FieldProblem,
  lines: (r: R) => string[],
  fieldValue: (f: Field) => string,
  width: number,
): PaneBody {
  if (view.kind === 'ready') return { lines: lines(view.result), dimmed: [], state: 'ready' };
  if (view.kind === 'error')
    return { lines: errorLines(view.field, view.error, view.field === null ? null : fieldValue(view.field), width), dimmed: [], state: 'error' };
  if (view.stale === null) return { lines: ['computing…'], dimmed: [], state: 'computing' };
  return {
    lines: [clip(`computing… (dimmed below: the last results, for ${differences(view.stale.query, current)})`, width)],
    dimmed: lines(view.stale.result),
    state: 'computing',
  };
}

/** A pane's tab: its number and name, '…' while computing, '!' on an error. */
export const tabOf = (title: string, i: number, body: PaneBody): string =>
  `${i + 1} ${title}${body.state === 'computing' ? '…' : body.state === 'error' ? '!' : ''}`;

/** The footer: the keys of the mode, and in command mode what each export writes and where. */
export function footerLines(mode: Mode, field: Field, wide: boolean, lookedAt: number, width: number): string[] {
  if (mode === 'quit')
    return wrap(
      `Quit sindex? y quit · n stay.${lookedAt ? ` Not saved: the ${links(lookedAt)} looked at (Esc x exports them to ${UI_FILES.table}).` : ''}`,
      width,
    );
  if (mode === 'command') {
    const what: Record<string, string> = {
      v: 'verify (again: cancel)',
      l: `LaTeX → ${UI_FILES.latex}`,
      x: `export ${links(lookedAt)} looked at → ${UI_FILES.table}`,
      d: `diagram → ${UI_FILES.phaseDiagram}`,
      '?': 'help',
      q: 'quit',
    };
    const [first, ...rest] = COMMANDS.map(([k]) => `${k} ${what[k]}`);
    return flow([`command: ${first}`, ...rest, '1–4 pane', 'Esc back'], ' · ', width);
  }
  const keys = [
    ...(field === 'algo' ? ['←/→ algorithm'] : []),
    'Tab field',
    ...(wide ? [] : ['PgUp/PgDn pane']),
    `Esc then ${COMMANDS.map(([k, , name]) => `${k} ${name}`).join(', ')}`,
  ];
  return flow(keys, ' · ', width);
}

export function helpLines(width: number): string[] {
  return [
    'Type a link in z (mathjs syntax: relu(z), He3(z), tanh(2*z), z^2 + 0.1*z^3); results update as you type. A pane whose results are not yet for the fields says "computing…" and dims them.',
    'A link in z1..z6 (z1*z2*z3, z1 + z1*z2) is a multi-index link: its expansion by degree, leap, staircase and generative leap; thresholds and the verifier are for links in z only.',
    'Tab / Shift-Tab: next / previous field · ←/→ move · ↑/↓ history · Ctrl-U clear · Ctrl-A/E start/end · Ctrl-K kill to end · Enter remember the line',
    `algo: ←/→ or Space cycle through ${THRESHOLD_ALGORITHMS.join(', ')} (a letter picks one; custom asks for its oracle ψ)`,
    `PgUp / PgDn: previous / next pane (all four at once from ${WIDE.columns}×${WIDE.rows})`,
    'Commands — Esc then a letter, or Alt-letter:',
    `  v run (or cancel) a verifier sweep of the fields (d = ${UI_SWEEP.ds.join(', ')}; ${UI_SWEEP.seeds} seeds)`,
    `  l the LaTeX row of the link → clipboard (OSC 52) and ${UI_FILES.latex}`,
    `  x every link looked at (on screen ≥ 1 s, or Enter) → ${UI_FILES.table}`,
    `  d the phase diagram → ${UI_FILES.phaseDiagram} · 1–4 a pane`,
    '  ? this help · q quit (asks first, as Ctrl-C does)',
    'Headline: IE, GE and p₂ with how each was decided; the online-SGD and batch-reuse rates follow from IE and GE.',
  ].flatMap((p) => wrap(p, width));
}

/** The verifier pane: a hint before the first sweep; a sweep of other fields is dimmed and says whose it is. */
export function verifyBody(sweep: Sweep | null, current: ThresholdsQuery | FieldProblem, width: number): PaneBody {
  if (sweep === null)
    return {
      lines: flow([`Esc v runs a small sweep (d = ${UI_SWEEP.ds.join(', ')}; ${UI_SWEEP.seeds} seeds)`, 'of the current fields.'], ' ', width),
      dimmed: [],
      state: 'ready',
    };
  const now = isProblem(current) ? {} : sweepQuery(current);
  if (sameQuery(sweep.query, now)) return { lines: verifyLines(sweep, width), dimmed: [], state: 'ready' };
  return {
    lines: flow([`dimmed below: the sweep of ${differences(sweep.query, now)},`, 'not of the current fields (Esc v runs one for them)'], ' ', width),
    dimmed: verifyLines(sweep, width),
    state: 'ready',
  };
}

/**
 * The headline: the answer for the current fields (IE, GE, p₂, the rates, the breakpoints of the
 * chosen algorithm; for a link with free parameters each as its generic value with the exceptional set), or that it is being computed, or the error — never an earlier link's answer.
 */
export function headlineLines(
  analysis: View<AnalyzeQuery, AnalyzeResult>,
  thresholds: View<ThresholdsQuery, ThresholdsAnswer>,
  query: AnalyzeQuery,
  algorithm: string,
  width: number,
): string[] {
  if (analysis.kind === 'computing') return [clip(`σ* = ${query.expr}: computing…`, width)];
  if (analysis.kind === 'error')
    return [clip(`σ* = ${query.expr}: no answer — error${analysis.field ? ` (${LABEL[analysis.field]})` : ''}: ${analysis.error.message}`, width)];
  const t =
    thresholds.kind === 'ready'
      ? isNotAvailable(thresholds.result)
        ? 'thresholds: not available for multi-index links'
        : isSymbolicThresholds(thresholds.result)
          ? symbolicThresholdPhrase(thresholds.result)
          : thresholdPhrase(thresholds.result)
      : thresholds.kind === 'computing'
        ? `${algorithm}: computing…`
        : `${algorithm}: error (pane 3)`;
  const r = analysis.result;
  const parts = isMultiIndex(r) ? multiHeadlineParts(r) : isSymbolic(r) ? symbolicHeadlineParts(r) : headlineParts(r);
  return flow([...parts, t], ' · ', width, 2);
}
