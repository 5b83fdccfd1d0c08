/**
 * The Ink UI: an input line per field (target, student, algorithm, noise, d) with live
 * validation, and panes that render what the engine worker returns — coefficients, exponents,
 * thresholds and a verifier sweep. React state holds input and results; no mathematics here.
 */
import { formatCandidates } from '../../src/analysis/exponents.js';
import { writeFileSync } from 'node:fs';
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import type { Analysis } from '../../src/analysis/analyze.js';
import { Rational } from '../../src/exact/rational.js';
import type { ThresholdResult } from '../../src/thresholds/thresholds.js';
import type { FitSummary, RunSummary } from '../../src/verify/summary.js';
import type { Prediction, SweepConfig } from '../../src/verify/plan.js';
import { phaseDiagramSvg } from '../../src/plot/phaseDiagramPlot.js';
import { asciiScalingPlot } from '../format/scalingAscii.js';
import { asciiPhaseDiagram } from '../format/thresholds.js';
import { formatError, formatRounded } from '../../src/format/numbers.js';
import { commit, edit, lineOf, type LineKey, type LineState } from './lineEditing.js';
import type { EngineRequestBody, EngineResponse, UserError } from './protocol.js';

export interface Engine {
  send(request: EngineRequestBody): number;
  cancelSweep(): void;
}

const FIELDS = ['target', 'student', 'algo', 'noise', 'd'] as const;
type Field = (typeof FIELDS)[number];
/** Short labels so the fields fit one 80-column line. */
const LABEL: Record<Field, string> = { target: 'σ*', student: 'σ', algo: 'algo', noise: 'Δ', d: 'd' };
const PANES = ['Coefficients', 'Exponents', 'Thresholds', 'Verify'] as const;
const ALGORITHMS = ['alternating', 'batch-reuse', 'online'];
const DEBOUNCE_MS = 150;

type Lines = Record<Field, LineState>;

interface Sweep {
  readonly done: number;
  readonly total: number;
  readonly runs: readonly RunSummary[];
  readonly fits: readonly FitSummary[] | null;
  readonly predictions: readonly Prediction[];
}

export interface AppProps {
  readonly engine: Engine;
  /** Register the listener for engine responses. */
  readonly subscribe: (listener: (m: EngineResponse) => void) => void;
  readonly link: string;
  readonly onExit?: () => void;
}

function keyOf(input: string, key: { leftArrow?: boolean; rightArrow?: boolean; upArrow?: boolean; downArrow?: boolean; backspace?: boolean; delete?: boolean; ctrl?: boolean; meta?: boolean; home?: boolean; end?: boolean }): LineKey | null {
  if (key.leftArrow) return { kind: 'left' };
  if (key.rightArrow) return { kind: 'right' };
  if (key.upArrow) return { kind: 'up' };
  if (key.downArrow) return { kind: 'down' };
  if (key.home) return { kind: 'home' };
  if (key.end) return { kind: 'end' };
  // terminals send DEL (0x7f) for Backspace; Ink reports it as `delete`
  if (key.backspace || key.delete) return { kind: 'backspace' };
  if (key.ctrl && input === 'u') return { kind: 'clear' };
  if (key.ctrl && input === 'a') return { kind: 'home' };
  if (key.ctrl && input === 'e') return { kind: 'end' };
  if (key.ctrl && input === 'k') return { kind: 'killToEnd' };
  // a fast typist's (or tmux's) chunk can carry control characters: insert only the printable part
  const text = input.replace(/[\x00-\x1f\x7f]/g, '');
  if (!key.ctrl && !key.meta && text.length > 0) return { kind: 'insert', text };
  return null;
}

export function App({ engine, subscribe, link, onExit }: AppProps): React.ReactElement {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const width = Math.max(60, Math.min(stdout?.columns ?? 80, 140));
  const [lines, setLinesState] = useState<Lines>({ target: lineOf(link), student: lineOf(''), algo: lineOf('alternating'), noise: lineOf(''), d: lineOf('1000') });
  const [field, setFieldState] = useState<Field>('target');
  // keys of one input chunk are handled before React re-renders: handlers read and write these refs
  const linesRef = useRef(lines);
  const fieldRef = useRef(field);
  const setLines = (update: (l: Lines) => Lines) => {
    linesRef.current = update(linesRef.current);
    setLinesState(linesRef.current);
  };
  const setField = (f: Field) => {
    fieldRef.current = f;
    setFieldState(f);
  };
  const [pane, setPane] = useState(0);
  const [help, setHelp] = useState(false);
  const [status, setStatus] = useState('');
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [threshold, setThreshold] = useState<ThresholdResult | null>(null);
  // errors of the latest analysis and thresholds requests, each cleared by its next result
  const [engineErrors, setEngineErrors] = useState<{ analyze: UserError | null; thresholds: UserError | null }>({ analyze: null, thresholds: null });
  const [sweep, setSweep] = useState<Sweep | null>(null);
  const latest = useRef({ analyze: 0, thresholds: 0, verify: 0, table: 0 });

  useEffect(() => {
    subscribe((m) => {
      if (m.kind === 'analyze' && m.id === latest.current.analyze) {
        setAnalysis(m.result);
        setEngineErrors((e) => ({ ...e, analyze: null }));
      } else if (m.kind === 'thresholds' && m.id === latest.current.thresholds) {
        setThreshold(m.result);
        setEngineErrors((e) => ({ ...e, thresholds: null }));
      } else if (m.kind === 'progress' && m.id === latest.current.verify) {
        setSweep({ done: m.done, total: m.total, runs: m.runs, fits: null, predictions: m.predictions });
      } else if (m.kind === 'verify' && m.id === latest.current.verify) {
        setSweep((s) => ({ done: s?.total ?? 0, total: s?.total ?? 0, runs: m.runs, fits: m.fits, predictions: s?.predictions ?? [] }));
      } else if (m.kind === 'table') {
        setStatus(writeTable(m.format, m.text));
      } else if (m.kind === 'error') {
        if (m.id === latest.current.analyze) setEngineErrors((e) => ({ ...e, analyze: m.error }));
        else if (m.id === latest.current.thresholds) setEngineErrors((e) => ({ ...e, thresholds: m.error }));
        else if (m.id === latest.current.verify) setStatus(`verifier: ${m.error.message}`);
        else if (m.id === latest.current.table) setStatus(`export: ${m.error.message}`);
      }
    });
  }, [subscribe]);

  // debounced analysis of the current fields
  const target = lines.target.value;
  const student = lines.student.value;
  const algo = lines.algo.value;
  const noise = lines.noise.value;
  const d = lines.d.value;
  useEffect(() => {
    const timer = setTimeout(() => {
      const noiseValue = noise.trim() === '' ? null : noise;
      latest.current.analyze = engine.send({ kind: 'analyze', expr: target, noise: noiseValue });
      const dValue = Number(d);
      if (fieldError(algo, d) !== null) return; // shown from the fields themselves, see inputError
      latest.current.thresholds = engine.send({ kind: 'thresholds', target, student: student.trim() === '' ? null : student, algorithm: algo.trim(), noise: noiseValue, d: dValue });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [target, student, algo, noise, d, engine]);

  // the error shown: the fields' own checks first (derived from the lines, so no reply can clear
  // them), then the engine's errors on the latest analysis and thresholds
  const inputError = useMemo(() => fieldError(algo, d), [algo, d]);
  const error: { field: Field | null; error: UserError } | null =
    inputError ??
    (engineErrors.analyze ? { field: engineErrors.analyze.field, error: engineErrors.analyze } : null) ??
    (engineErrors.thresholds ? { field: engineErrors.thresholds.field, error: engineErrors.thresholds } : null);

  const runSweep = () => {
    const { target, student, algo, noise } = Object.fromEntries(FIELDS.map((f) => [f, linesRef.current[f].value])) as Record<Field, string>;
    if (sweep && sweep.fits === null) {
      engine.cancelSweep();
      setSweep(null);
      setStatus('verifier cancelled');
      return;
    }
    const breakpoints = threshold?.phaseDiagram.breakpoints ?? [];
    const last = breakpoints.length ? Rational.parse(breakpoints[breakpoints.length - 1]!).toNumber() : null;
    const config: SweepConfig = {
      target,
      student: student.trim() === '' ? null : student,
      algorithm: algo.trim() as SweepConfig['algorithm'],
      psi: null,
      a: '1',
      secondLayer: 'reset',
      parameters: [],
      noise: noise.trim() === '' ? '0' : noise.trim(),
      ds: [32, 64, 128],
      alphas: last === null ? [0] : [0, last + 0.5],
      etaScale: 1,
      seeds: 16,
      gamma: { kind: 'auto', c: 0.5 },
      threshold: 0.5,
      maxSteps: 2_000_000,
      init: 'positive',
      engine: 'reduced',
      width: 1,
      seed: 1,
    };
    latest.current.verify = engine.send({ kind: 'verify', config });
    setSweep({ done: 0, total: config.ds.length * config.alphas.length * config.seeds, runs: [], fits: null, predictions: [] });
    setPane(3);
  };

  type InkKey = Parameters<Parameters<typeof useInput>[0]>[1];

  useInput((input, key) => {
    if (input.length > 1 && /[\x01-\x1a]/.test(input) && !input.includes('\x1b')) {
      // a chunk mixing text and control keys (fast typing, pasting, tmux send-keys): replay it
      // as the keys it stands for, through the same handler
      const plain = { ...key, ctrl: false } as InkKey;
      for (const part of input.match(/[\x01-\x1a]|[^\x01-\x1a]+/g) ?? []) {
        const code = part.charCodeAt(0);
        if (part.length > 1 || code > 0x1a) handleKey(part, plain);
        else if (part === '\t') handleKey('', { ...plain, tab: true });
        else if (part === '\r') handleKey('', { ...plain, return: true });
        else handleKey(String.fromCharCode(code + 96), { ...plain, ctrl: true });
      }
      return;
    }
    handleKey(input, key);
  });

  function handleKey(input: string, key: InkKey): void {
    const field = fieldRef.current;
    const target = linesRef.current.target.value;
    if (key.escape || (key.ctrl && (input === 'c' || input === 'q'))) {
      onExit?.();
      exit();
      return;
    }
    if (input === '?') return void setHelp((h) => !h);
    if (key.tab) {
      const i = FIELDS.indexOf(field);
      setLines((l) => ({ ...l, [field]: commit(l[field]) }));
      return void setField(FIELDS[(i + (key.shift ? FIELDS.length - 1 : 1)) % FIELDS.length]!);
    }
    if (key.ctrl && input === 'n') return void setPane((p) => (p + 1) % PANES.length);
    if (key.ctrl && input === 'p') return void setPane((p) => (p + PANES.length - 1) % PANES.length);
    if (key.ctrl && input === 'r') return runSweep();
    if (key.ctrl && input === 'l') {
      // the table row is computed by the engine worker; the response writes the file
      latest.current.table = engine.send({ kind: 'table', links: [target], format: 'latex' });
      return setStatus('typesetting…');
    }
    if (key.ctrl && input === 'g') {
      if (!threshold) return setStatus('no phase diagram yet');
      try {
        writeFileSync('sindex-phase.svg', phaseDiagramSvg(threshold));
        setStatus('phase diagram written to sindex-phase.svg');
      } catch (e) {
        setStatus(`could not write sindex-phase.svg: ${(e as Error).message}`);
      }
      return;
    }
    if (key.ctrl && input === 'x') {
      const links = [...new Set([...linesRef.current.target.history, target])].filter((s) => s.trim() !== '');
      latest.current.table = engine.send({ kind: 'table', links, format: 'md' });
      return setStatus(`tabulating ${links.length} link(s)…`);
    }
    if (key.return) {
      setLines((l) => ({ ...l, [field]: commit(l[field]) }));
      return;
    }
    const k = keyOf(input, key);
    if (k) setLines((l) => ({ ...l, [field]: edit(l[field], k) }));
  }

  const paneBody = useMemo(() => {
    switch (pane) {
      case 0:
        return <CoefficientsPane analysis={analysis} width={width} />;
      case 1:
        return <ExponentsPane analysis={analysis} />;
      case 2:
        return <ThresholdsPane result={threshold} width={width} />;
      default:
        return <VerifyPane sweep={sweep} width={width} />;
    }
  }, [pane, analysis, threshold, sweep, width]);

  return (
    <Box flexDirection="column" width={width}>
      <Text bold>sindex  ? help · Tab field · ^N/^P pane · ^R verify · ^L LaTeX · Esc quit</Text>
      <Box flexDirection="row" flexWrap="wrap">
        {FIELDS.map((f) => (
          <FieldView key={f} name={f} line={lines[f]} focused={f === field} placeholder={f === 'student' ? '(= σ*)' : f === 'noise' ? '0' : ''} />
        ))}
      </Box>
      {error ? <ErrorView field={error.field} error={error.error} line={error.field === null ? null : lines[error.field]} /> : <Text> </Text>}
      <Text>{PANES.map((p, i) => (i === pane ? `[${i + 1} ${p}]` : ` ${i + 1} ${p} `)).join(' ')}</Text>
      {help ? <HelpView /> : paneBody}
      <Text dimColor>{status || (analysis ? `${analysis.class} · ${analysis.expression}` : 'computing…')}</Text>
    </Box>
  );
}

/** Write an exported table; LaTeX also goes to the clipboard by OSC 52 where the terminal allows it. */
function writeTable(format: 'latex' | 'md', text: string): string {
  const file = format === 'latex' ? 'sindex-result.tex' : 'sindex-table.md';
  try {
    writeFileSync(file, text);
  } catch (e) {
    return `could not write ${file}: ${(e as Error).message}`;
  }
  if (format === 'md') return `table written to ${file}`;
  if (process.stdout.isTTY) process.stdout.write(`\x1b]52;c;${Buffer.from(text).toString('base64')}\x07`);
  return `LaTeX copied to the clipboard (OSC 52) and written to ${file}`;
}

function FieldView({ name, line, focused, placeholder }: { name: Field; line: LineState; focused: boolean; placeholder: string }): React.ReactElement {
  const before = line.value.slice(0, line.cursor);
  const at = line.value[line.cursor] ?? ' ';
  const after = line.value.slice(line.cursor + 1);
  return (
    <Box marginRight={1}>
      <Text>{focused ? '>' : ' '}{LABEL[name]} </Text>
      {focused ? (
        <Text>
          {before}
          <Text inverse>{at}</Text>
          {after}
        </Text>
      ) : (
        <Text>{line.value === '' ? placeholder : line.value}</Text>
      )}
    </Box>
  );
}

function ErrorView({ field, error, line }: { field: Field | null; error: UserError; line: LineState | null }): React.ReactElement {
  const label = field === null ? '' : ` (${LABEL[field]})`;
  const pad = field === null ? 0 : LABEL[field].length + 2;
  const caret = error.position === null || line === null ? '' : `${' '.repeat(pad)}${line.value}\n${' '.repeat(pad + Math.min(error.position, line.value.length))}^`;
  return (
    <Box flexDirection="column">
      <Text>error{label}: {error.message}{error.hint ? ` — ${error.hint}` : ''}</Text>
      {caret ? <Text>{caret}</Text> : null}
    </Box>
  );
}

/** The fields' own checks: the algorithm and d (the engine checks the expressions and the noise). */
function fieldError(algo: string, d: string): { field: Field; error: UserError } | null {
  if (!ALGORITHMS.includes(algo.trim())) return { field: 'algo', error: { message: `algorithm must be one of ${ALGORITHMS.join(', ')}`, position: null, hint: null, field: null } };
  if (!(Number(d) >= 2)) return { field: 'd', error: { message: 'd must be a number ≥ 2', position: null, hint: null, field: null } };
  return null;
}

function HelpView(): React.ReactElement {
  return (
    <Box flexDirection="column">
      <Text>Type a link in z (mathjs syntax: relu(z), He3(z), tanh(2*z), z^2 + 0.1*z^3); results update as you type.</Text>
      <Text>Tab / Shift-Tab: next / previous field (target, student, algo, noise, d) · ←/→ move · ↑/↓ history</Text>
      <Text>Ctrl-U clear line · Ctrl-A/E start/end · Ctrl-K kill to end · Enter remember the line</Text>
      <Text>Ctrl-N / Ctrl-P: next / previous pane · Ctrl-R: run (or cancel) a small verifier sweep</Text>
      <Text>Ctrl-L: copy the LaTeX row of this link (clipboard via OSC 52, and sindex-result.tex) · Ctrl-X: export the session's links as sindex-table.md</Text>
      <Text>Ctrl-G: export the phase diagram as sindex-phase.svg</Text>
      <Text>? toggle this help · Esc or Ctrl-C quit</Text>
    </Box>
  );
}

export function CoefficientsPane({ analysis, width }: { analysis: Analysis | null; width: number }): React.ReactElement {
  if (!analysis) return <Text>computing…</Text>;
  const max = Math.max(...analysis.coefficients.map((c) => Math.abs(c.orthonormal)), 1e-300);
  const barWidth = Math.max(10, width - 62);
  return (
    <Box flexDirection="column">
      <Text>orthonormal α_k = E[σ h_k]   ‖σ‖ = {analysis.normExact ?? formatRounded(analysis.norm, analysis.normError)}</Text>
      {analysis.coefficients.map((c) => {
        const n = Math.round((Math.abs(c.orthonormal) / max) * barWidth);
        const bar = c.zero ? '·' : `${c.orthonormal < 0 ? '−' : '+'}${'█'.repeat(n)}`;
        // 6 digits with a bound that covers the rounding; a long exact form is cut with a visible '…'
        const value = c.exact === null ? formatRounded(c.orthonormal, c.error) : c.exact.length > 26 ? `${c.exact.slice(0, 25)}…` : c.exact;
        const how = c.zero ? (c.decidedBy === 'numeric' ? 'zero < τ' : `zero (${c.decidedBy})`) : c.decidedBy;
        return <Text key={c.k}>{`${String(c.k).padStart(3)}  ${value.padEnd(26)} ${how.padEnd(18)} ${bar}`}</Text>;
      })}
    </Box>
  );
}

export function ExponentsPane({ analysis }: { analysis: Analysis | null }): React.ReactElement {
  if (!analysis) return <Text>computing…</Text>;
  const ie = analysis.informationExponentUndecided ? `undecided ∈ ${formatCandidates(analysis.informationExponentUndecided)}` : analysis.informationExponent ?? 'none';
  const ge = analysis.generativeExponentUndecided ? `undecided ∈ ${formatCandidates(analysis.generativeExponentUndecided)}` : (analysis.generativeExponent ?? 'none');
  return (
    <Box flexDirection="column">
      <Text>information exponent p = {ie} [{analysis.informationExponentDecidedBy ?? '—'}]</Text>
      <Text>label powers p_i = {analysis.labelPowers.map((p) => `${p.informationExponent ?? '—'}`).join(', ')} [{analysis.labelPowers.map((p) => p.decidedBy ?? '—').join(', ')}]</Text>
      <Text>generative exponent p* = {ge} [{analysis.generativeExponentDecidedBy ?? '—'}]</Text>
      <Text>
        λ_k²: {analysis.lambdaSquared.map((l) => `${l.k}: ${l.status === 'zero' ? '0' : l.value === null || l.error === null ? '·' : l.status === 'undecided' ? `${formatRounded(l.value, l.error, 3)}?` : formatRounded(l.value, l.error, 3)}`).join('  ')}
      </Text>
      {analysis.witness ? <Text>witness: {analysis.witness.kind === 'label-power' ? `y^${analysis.witness.power}` : `ζ_${analysis.witness.k}(y), tabulated`}</Text> : null}
      <Text>sample complexity (up to constants):</Text>
      {analysis.sampleComplexity.map((s) => (
        <Text key={s.algorithm}>{`  ${s.algorithm.padEnd(22)} ${s.dExponent === null ? '?' : s.logNote ?? (s.dExponent === '1' ? 'd' : `d^${s.dExponent}`)}`}</Text>
      ))}
    </Box>
  );
}

export function ThresholdsPane({ result, width }: { result: ThresholdResult | null; width: number }): React.ReactElement {
  if (!result) return <Text>computing…</Text>;
  const mus = result.mu.filter((m) => !m.zero).map((m) => `μ_${m.i} = ${m.exact ?? `${m.polynomial} (± ${formatError(m.error)})`}`);
  const diagram = asciiPhaseDiagram(result.phaseDiagram.pieces, result.phaseDiagram.breakpoints, Math.max(30, width - 26), 7);
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">{result.algorithm}: {mus.join('; ')}</Text>
      <Text>{`branches: ${result.branches.map((b) => `T_${b.i} (y^${b.labelPower}) ≍ d${b.dExponent === '1' ? '' : `^${b.dExponent}`}${b.log ? ' log d' : ''}/μ²`).join(', ')}`.slice(0, width)}</Text>
      <Text>breakpoints α = {result.phaseDiagram.breakpoints.join(', ') || 'none'}{result.atD.etaStarBracket !== null ? `   η* = ${formatRounded((result.atD.etaStarBracket[0] + result.atD.etaStarBracket[1]) / 2, (result.atD.etaStarBracket[1] - result.atD.etaStarBracket[0]) / 2, 3)} at d = ${result.atD.d}` : ''}</Text>
      {diagram.map((l, i) => (
        <Text key={i}>{l.slice(0, width)}</Text>
      ))}
    </Box>
  );
}

export function VerifyPane({ sweep, width }: { sweep: Sweep | null; width: number }): React.ReactElement {
  if (!sweep) return <Text>Ctrl-R runs a small sweep (d = 32, 64, 128; 16 seeds) of the current target and algorithm.</Text>;
  const bar = 30;
  const filled = Math.round((sweep.done / Math.max(1, sweep.total)) * bar);
  return (
    <Box flexDirection="column">
      <Text>{`${'█'.repeat(filled)}${'░'.repeat(bar - filled)} ${sweep.done}/${sweep.total} seeds${sweep.fits ? ' — done' : ' (Ctrl-R cancels)'}`}</Text>
      <Text>{`  ${sweep.runs.map((r) => `α=${r.alpha} d=${r.d}: ${r.median ?? 'cens.'} (${(100 * r.reachedFraction).toFixed(0)}%)`).join('  ')}`.slice(0, width)}</Text>
      {asciiScalingPlot(sweep.runs, sweep.predictions, Math.max(30, width - 16), 8).map((l, i) => (
        <Text key={i}>{l.slice(0, width)}</Text>
      ))}
      {(sweep.fits ?? []).map((f) => (
        <Text key={f.alpha} wrap="wrap">{`  α = ${f.alpha}: slope ${f.slope?.toFixed(2) ?? '—'} [${f.ci.map((x) => x?.toFixed(2) ?? '?').join(', ')}] vs predicted ${f.predictedExact} → ${f.verdict}`}</Text>
      ))}
    </Box>
  );
}
