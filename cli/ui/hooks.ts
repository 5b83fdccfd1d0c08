/**
 * The UI's hooks: the terminal's size, the engine's answers kept with their queries, and the
 * links the user has looked at.
 */
import { useEffect, useRef, useState } from 'react';
import { useStdout } from 'ink';
import type { SweepConfig } from '../../src/verify/plan.js';
import type { AnalyzeQuery, AnalyzeResult, EngineRequestBody, ThresholdsAnswer, EngineResponse, ThresholdsQuery } from './protocol.js';
import { isProblem, type FieldProblem, type Outcome } from './queries.js';
import type { Sweep } from './panes.js';

export interface Engine {
  send(request: EngineRequestBody): number;
  cancelSweep(): void;
}

/** Columns and rows of the terminal, following resizes (80×24 when the stream does not say). */
/** The terminal's size, 80×24 when it does not say. */
function terminalSize(stdout: NodeJS.WriteStream | undefined): { readonly columns: number; readonly rows: number } {
  return { columns: stdout?.columns || 80, rows: stdout?.rows || 24 };
}

export function useTerminalSize(): { readonly columns: number; readonly rows: number } {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => terminalSize(stdout));
  useEffect(() => {
    const resized = () => setSize(terminalSize(stdout));
    stdout?.on('resize', resized);
    return () => void stdout?.off('resize', resized);
  }, [stdout]);
  return size;
}

/** Pause after the last keystroke before the fields are sent to the engine. */
const DEBOUNCE_MS = 150;

export interface EngineAnswers {
  readonly analysis: Outcome<AnalyzeQuery, AnalyzeResult> | null;
  readonly thresholds: Outcome<ThresholdsQuery, ThresholdsAnswer> | null;
  readonly sweep: Sweep | null;
}

export interface EngineHandle extends EngineAnswers {
  runSweep(query: Sweep['query'], config: SweepConfig): void;
  cancelSweep(): void;
  tabulate(links: readonly string[], format: 'latex' | 'md'): void;
}

/**
 * Sends the fields' queries (debounced) and keeps the latest answer of each kind with the query it
 * answers; tables and sweep errors go to `report` (the status line's owner).
 */
export function useEngine(
  engine: Engine,
  subscribe: (listener: (m: EngineResponse) => void) => void,
  analyzeQuery: AnalyzeQuery,
  thresholdsQuery: ThresholdsQuery | FieldProblem,
  report: { table(format: 'latex' | 'md', links: readonly string[], text: string): void; status(s: string): void },
): EngineHandle {
  const [analysis, setAnalysis] = useState<EngineAnswers['analysis']>(null);
  const [thresholds, setThresholds] = useState<EngineAnswers['thresholds']>(null);
  const [sweep, setSweep] = useState<Sweep | null>(null);
  // the newest request answered so far of each kind (an older answer never replaces a newer one), and the live sweep
  const newest = useRef({ analyze: 0, thresholds: 0, verify: 0 });
  const reportRef = useRef(report);
  reportRef.current = report;

  useEffect(() => {
    subscribe((m) => {
      const kind = m.kind === 'error' ? m.request.kind : m.kind;
      if ((kind === 'analyze' || kind === 'thresholds') && m.id < newest.current[kind]) return;
      if ((kind === 'verify' || kind === 'progress') && m.id !== newest.current.verify) return;
      if (kind === 'analyze' || kind === 'thresholds') newest.current[kind] = m.id;
      if (m.kind === 'analyze') setAnalysis({ query: m.query, result: m.result });
      else if (m.kind === 'thresholds') setThresholds({ query: m.query, result: m.result });
      else if (m.kind === 'progress') setSweep((s) => s && { ...s, done: m.done, total: m.total, runs: m.runs, predictions: m.predictions });
      else if (m.kind === 'verify') setSweep((s) => s && { ...s, done: s.total, runs: m.runs, fits: m.fits });
      else if (m.kind === 'table') reportRef.current.table(m.format, m.links, m.text);
      else if (m.request.kind === 'analyze') setAnalysis({ query: m.request.query, error: m.error });
      else if (m.request.kind === 'thresholds') setThresholds({ query: m.request.query, error: m.error });
      else reportRef.current.status(`${m.request.kind === 'verify' ? 'verifier' : 'export'}: ${m.error.message}`);
    });
  }, [subscribe]);

  const analyzeKey = JSON.stringify(analyzeQuery);
  useEffect(() => {
    const timer = setTimeout(() => engine.send({ kind: 'analyze', query: JSON.parse(analyzeKey) as AnalyzeQuery }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [analyzeKey, engine]);
  const thresholdsKey = JSON.stringify(thresholdsQuery);
  useEffect(() => {
    const query = JSON.parse(thresholdsKey) as ThresholdsQuery | FieldProblem;
    if (isProblem(query)) return; // shown from the fields themselves
    const timer = setTimeout(() => engine.send({ kind: 'thresholds', query }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [thresholdsKey, engine]);

  return {
    analysis,
    thresholds,
    sweep,
    runSweep(query, config) {
      newest.current.verify = engine.send({ kind: 'verify', config });
      setSweep({ query, config, done: 0, total: config.ds.length * config.alphas.length * config.seeds, runs: [], fits: null, predictions: [] });
    },
    cancelSweep() {
      engine.cancelSweep();
      newest.current.verify = 0;
      setSweep(null);
    },
    tabulate(links, format) {
      engine.send({ kind: 'table', links, format });
    },
  };
}

/** How long a link's results stay on screen before it counts as looked at. */
export const LOOKED_AT_MS = 1000;

/** `links` with `link` appended unless it is there already (or blank). */
export const withLink = (links: readonly string[], link: string): readonly string[] => (link.trim() === '' || links.includes(link) ? links : [...links, link]);

/**
 * The links the user has looked at, first seen first: each whose results stayed on screen for
 * LOOKED_AT_MS, plus those added by `add` (Enter, an export).
 */
export function useLookedAt(link: string, shown: boolean): readonly [readonly string[], (link: string) => void] {
  const [links, setLinks] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setLinks((l) => withLink(l, link)), LOOKED_AT_MS);
    return () => clearTimeout(timer);
  }, [link, shown]);
  return [links, (l: string) => setLinks((ls) => withLink(ls, l))];
}
