/**
 * The Ink UI: the fields (target, student, algorithm, noise, d), a headline with the answer, and
 * four panes — coefficients, exponents, thresholds, verifier — one at a time on a small terminal,
 * all at once on a large one. It only renders: the engine worker computes, hooks.ts keeps its
 * answers with the queries they answer, effects.ts writes files and the clipboard.
 */
import type React from 'react';
import { useRef, useState } from 'react';
import { Box, Text, useApp, useInput } from 'ink';
import { THRESHOLD_ALGORITHMS } from '../../src/thresholds/thresholds.js';
import { terminalEffects, saveTable, savePhaseDiagram, type Effects } from './effects.js';
import { useEngine, useLookedAt, useTerminalSize, withLink, type Engine } from './hooks.js';
import { fieldValues, initialInput, PANES, reduceInput, type InputState, type TextField } from './input.js';
import { actionOf, COMMANDS, keysOfChunk, type Action } from './keys.js';
import { clip, coefficientLines, exponentLines, links as linkCount, thresholdLines, wrap } from './panes.js';
import { isMultiIndex, isNotAvailable, isSymbolic, isSymbolicThresholds, type EngineResponse } from './protocol.js';
import { multiCoefficientLines, multiExponentLines } from './multiIndexPanes.js';
import { symbolicCoefficientLines, symbolicExponentLines, symbolicThresholdLines } from './symbolicPanes.js';
import { analyzeQuery, fieldsShown, isProblem, LABEL, thresholdsQuery, viewOf, type Field } from './queries.js';
import { bodyOf, footerLines, headlineLines, helpLines, tabOf, verifyBody, WIDE, type PaneBody } from './screen.js';
import { quickSweep, sweepQuery } from './sweep.js';
import { FieldsView, Lines, PaneView } from './views.js';

export type { Engine } from './hooks.js';

export interface AppProps {
  readonly engine: Engine;
  /** Register the listener for engine responses. */
  readonly subscribe: (listener: (m: EngineResponse) => void) => void;
  readonly link: string;
  readonly onExit?: () => void;
  /** Files and clipboard (the terminal's by default). */
  readonly effects?: Effects;
}

export function App({ engine, subscribe, link, onExit, effects = terminalEffects }: AppProps): React.ReactElement {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const width = Math.max(60, Math.min(columns, 160));
  const wide = columns >= WIDE.columns && rows >= WIDE.rows;
  const paneWidth = wide ? Math.floor((width - 2) / 2) : width;

  // keys of one input chunk are handled before React re-renders: they read and write this ref
  const [input, setInputState] = useState(() => initialInput(link));
  const inputRef = useRef(input);
  const [status, setStatus] = useState('');

  const aq = analyzeQuery(fieldValues(input));
  const tq = thresholdsQuery(fieldValues(input));
  const answers = useEngine(engine, subscribe, aq, tq, {
    table: (format, links, text) => setStatus(saveTable(effects, format, links, text)),
    status: setStatus,
  });
  const analysisView = viewOf(answers.analysis, aq);
  const thresholdsView = viewOf(answers.thresholds, tq);
  const [lookedAt, addLookedAt] = useLookedAt(aq.expr, analysisView.kind === 'ready');

  const apply = (a: Action) => {
    inputRef.current = reduceInput(inputRef.current, a);
    setInputState(inputRef.current);
  };

  /** Run a sweep of the fields (their thresholds must be on screen), or cancel the running one. */
  const verify = () => {
    if (answers.sweep && answers.sweep.fits === null) return void (answers.cancelSweep(), setStatus('verifier cancelled'));
    const q = thresholdsQuery(fieldValues(inputRef.current));
    const v = viewOf(answers.thresholds, q);
    if (isProblem(q) || v.kind !== 'ready') return setStatus('the thresholds of these fields are not on screen yet: the sweep needs their breakpoints');
    if (isNotAvailable(v.result)) return setStatus(v.result.reason);
    if (isSymbolicThresholds(v.result)) return setStatus('the verifier needs a number for every parameter: replace it in the link');
    answers.runSweep(sweepQuery(q), quickSweep(q, v.result));
    apply({ kind: 'paneAt', index: 3 });
  };

  /** Export every link looked at, and the current one when its results are on screen. */
  const exportLinks = () => {
    const links = analysisView.kind === 'ready' ? withLink(lookedAt, aq.expr) : lookedAt;
    if (links.length === 0) return setStatus('no link looked at yet: nothing to export');
    answers.tabulate(links, 'md');
    setStatus(`tabulating ${linkCount(links.length)}: ${clip(links.join(', '), 60)}…`);
  };

  const act = (a: Action) => {
    const before = inputRef.current;
    apply(a);
    switch (a.kind) {
      case 'remember': // a target whose results are on screen joins the links looked at
        if (before.field === 'target' && analysisView.kind === 'ready') addLookedAt(aq.expr);
        return;
      case 'verify':
        return verify();
      case 'latex':
        answers.tabulate([analyzeQuery(fieldValues(before)).expr], 'latex');
        return setStatus('typesetting…');
      case 'export':
        return exportLinks();
      case 'diagram':
        return setStatus(
          thresholdsView.kind !== 'ready'
            ? 'no phase diagram for the current fields yet'
            : isNotAvailable(thresholdsView.result)
              ? thresholdsView.result.reason
              : isSymbolicThresholds(thresholdsView.result)
                ? 'no phase diagram with free parameters: replace them by numbers in the link'
                : savePhaseDiagram(effects, thresholdsView.result, aq.expr),
        );
      case 'quit':
        onExit?.();
        return exit();
      case 'unknown':
        return setStatus(`Esc ${a.text}: not a command (${COMMANDS.map(([k]) => k).join(' ')} 1–4)`);
    }
  };

  useInput((text, key) => {
    for (const [t, k] of keysOfChunk(text, key)) {
      const a = actionOf(t, k, inputRef.current.mode, inputRef.current.field);
      if (a) act(a);
    }
  });

  const fieldValue = (f: Field) => (f === 'algo' ? input.algorithm : input.lines[f].value);
  const bodies: PaneBody[] = [
    bodyOf(
      analysisView,
      aq,
      (a) => (isMultiIndex(a) ? multiCoefficientLines(a, paneWidth) : isSymbolic(a) ? symbolicCoefficientLines(a, paneWidth) : coefficientLines(a, paneWidth)),
      fieldValue,
      paneWidth,
    ),
    bodyOf(
      analysisView,
      aq,
      (a) => (isMultiIndex(a) ? multiExponentLines(a, paneWidth) : isSymbolic(a) ? symbolicExponentLines(a, paneWidth) : exponentLines(a, paneWidth)),
      fieldValue,
      paneWidth,
    ),
    bodyOf(
      thresholdsView,
      tq,
      (t) => (isNotAvailable(t) ? wrap(t.reason, paneWidth) : isSymbolicThresholds(t) ? symbolicThresholdLines(t, paneWidth) : thresholdLines(t, paneWidth)),
      fieldValue,
      paneWidth,
    ),
    // the verifier needs the thresholds' breakpoints: where the engine says there are none to have, it says so too
    thresholdsView.kind === 'ready' && isNotAvailable(thresholdsView.result)
      ? { lines: wrap(thresholdsView.result.reason, paneWidth), dimmed: [], state: 'ready' }
      : verifyBody(answers.sweep, tq, paneWidth),
  ];
  const headline = headlineLines(analysisView, thresholdsView, aq, input.algorithm, width);
  const statusLines = status ? wrap(status, width) : [];
  const footer = footerLines(input.mode, input.field, wide, lookedAt.length, width);
  const bodyRows = rows - fieldRows(input, width) - headline.length - statusLines.length - footer.length - (wide ? 0 : 1);

  return (
    <Box flexDirection="column" width={width}>
      <FieldsView input={input} />
      <Lines lines={headline} bold />
      {input.help ? (
        <Lines lines={helpLines(width).slice(0, Math.max(1, bodyRows))} />
      ) : wide ? (
        <Columns bodies={bodies} width={paneWidth} rows={bodyRows} />
      ) : (
        <OnePane bodies={bodies} pane={input.pane} rows={bodyRows - 1} />
      )}
      <Lines lines={statusLines} />
      <Lines lines={footer} dim />
    </Box>
  );
}

/** Rows the fields take: σ* and σ on one line, the others on a second (each wraps when too long). */
function fieldRows(input: InputState, width: number): number {
  const text = (f: TextField) => 4 + LABEL[f].length + Math.max(6, input.lines[f].value.length);
  const second =
    6 +
    LABEL.algo.length +
    THRESHOLD_ALGORITHMS.join('  ').length +
    fieldsShown(input.algorithm)
      .filter((f): f is TextField => f !== 'target' && f !== 'student' && f !== 'algo')
      .reduce((n, f) => n + text(f), 0);
  return Math.ceil((text('target') + text('student')) / width) + Math.ceil(second / width);
}

/** The small-terminal layout: the tabs, then the active pane. */
function OnePane({ bodies, pane, rows }: { bodies: readonly PaneBody[]; pane: number; rows: number }): React.ReactElement {
  return (
    <Box flexDirection="column">
      <Text>{PANES.map((p, i) => (i === pane ? `[${tabOf(p, i, bodies[i]!)}]` : ` ${tabOf(p, i, bodies[i]!)} `)).join(' ')}</Text>
      <PaneView body={bodies[pane]!} rows={Math.max(1, rows)} />
    </Box>
  );
}

/** The large-terminal layout: coefficients over exponents, thresholds over the verifier. */
function Columns({ bodies, width, rows }: { bodies: readonly PaneBody[]; width: number; rows: number }): React.ReactElement {
  const column = (top: number) => {
    const size = (i: number) => bodies[i]!.lines.length + bodies[i]!.dimmed.length;
    const upper = Math.min(size(top), rows - 5);
    return (
      <Box flexDirection="column" width={width}>
        {[top, top + 1].map((i) => (
          <Box key={i} flexDirection="column">
            <Text bold>{`── ${tabOf(PANES[i]!, i, bodies[i]!)} ${'─'.repeat(width)}`.slice(0, width)}</Text>
            <PaneView body={bodies[i]!} rows={i === top ? upper : Math.max(1, rows - upper - 2)} />
          </Box>
        ))}
      </Box>
    );
  };
  return (
    <Box flexDirection="row">
      {column(0)}
      <Box width={2} />
      {column(2)}
    </Box>
  );
}
