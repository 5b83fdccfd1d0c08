/**
 * The UI's input state — the fields, the focused field, the pane, the mode — and how an action
 * changes it, as a pure reducer. Actions with effects (verify, exports, quit) are the App's.
 */
import { DEFAULT_D, type ThresholdAlgorithm } from '../../src/thresholds/thresholds.js';
import { UI_ALGORITHM } from '../defaults.js';
import type { Action, Mode } from './keys.js';
import { commit, edit, lineOf, type LineState } from './lineEditing.js';
import { algorithmStarting, cycleAlgorithm, fieldsShown, type Field, type FieldValues } from './queries.js';

/** The fields typed as text (the algorithm is a choice). */
export type TextField = Exclude<Field, 'algo'>;

export interface InputState {
  readonly lines: Readonly<Record<TextField, LineState>>;
  readonly algorithm: ThresholdAlgorithm;
  readonly field: Field;
  readonly pane: number;
  readonly mode: Mode;
  readonly help: boolean;
}

export const PANES = ['Coefficients', 'Exponents', 'Thresholds', 'Verify'] as const;

export function initialInput(link: string): InputState {
  return {
    lines: { target: lineOf(link), student: lineOf(''), psi: lineOf(''), noise: lineOf(''), d: lineOf(String(DEFAULT_D)) },
    algorithm: UI_ALGORITHM,
    field: 'target',
    pane: 0,
    mode: 'edit',
    help: false,
  };
}

export function fieldValues(s: InputState): FieldValues {
  const { target, student, psi, noise, d } = s.lines;
  return { target: target.value, student: student.value, algo: s.algorithm, psi: psi.value, noise: noise.value, d: d.value };
}

/** The focused line with `f` applied (the algorithm field has none). */
function withLine(s: InputState, f: (l: LineState) => LineState): InputState {
  return s.field === 'algo' ? s : { ...s, lines: { ...s.lines, [s.field]: f(s.lines[s.field]) } };
}

const cycle = (i: number, step: number, n: number) => (((i + step) % n) + n) % n;

/** The state after `a`: any action after Esc returns to editing, askQuit asks to confirm, back also closes the help. */
export function reduceInput(s: InputState, a: Action): InputState {
  const next = s.mode === 'edit' ? s : { ...s, mode: 'edit' as const };
  switch (a.kind) {
    case 'edit':
      return withLine(next, (l) => edit(l, a.key));
    case 'remember':
      return withLine(next, commit);
    case 'field': {
      const shown = fieldsShown(s.algorithm);
      return { ...withLine(next, commit), field: shown[cycle(shown.indexOf(s.field), a.step, shown.length)]! };
    }
    case 'algorithm':
      return { ...next, algorithm: cycleAlgorithm(s.algorithm, a.step) };
    case 'algorithmStarting':
      return { ...next, algorithm: algorithmStarting(s.algorithm, a.letter) };
    case 'pane':
      return { ...next, pane: cycle(s.pane, a.step, PANES.length) };
    case 'paneAt':
      return { ...next, pane: a.index };
    case 'help':
      return { ...next, help: !s.help };
    case 'command':
      return { ...s, mode: 'command' };
    case 'back':
      return { ...next, help: false };
    case 'askQuit':
      return { ...s, mode: 'quit' };
    default:
      return next;
  }
}
