/** A shell-like input line as a pure state machine: insert, delete, move, Ctrl-U/A/E/K, history. */

export interface LineState {
  readonly value: string;
  readonly cursor: number;
  /** Older entries first; `historyIndex` = history.length when editing a fresh line. */
  readonly history: readonly string[];
  readonly historyIndex: number;
}

export type LineKey =
  | { readonly kind: 'insert'; readonly text: string }
  | { readonly kind: 'backspace' }
  | { readonly kind: 'delete' }
  | { readonly kind: 'left' }
  | { readonly kind: 'right' }
  | { readonly kind: 'home' }
  | { readonly kind: 'end' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'killToEnd' }
  | { readonly kind: 'up' }
  | { readonly kind: 'down' };

export const lineOf = (value: string, history: readonly string[] = []): LineState => ({ value, cursor: value.length, history, historyIndex: history.length });

/** Remember the current value (no duplicate of the last entry). */
export function commit(s: LineState): LineState {
  const history = s.value.trim() === '' || s.history[s.history.length - 1] === s.value ? s.history : [...s.history, s.value];
  return { ...s, history, historyIndex: history.length };
}

export function edit(s: LineState, key: LineKey): LineState {
  const { value, cursor } = s;
  switch (key.kind) {
    case 'insert':
      return { ...s, value: value.slice(0, cursor) + key.text + value.slice(cursor), cursor: cursor + key.text.length };
    case 'backspace':
      return cursor === 0 ? s : { ...s, value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'delete':
      return cursor >= value.length ? s : { ...s, value: value.slice(0, cursor) + value.slice(cursor + 1) };
    case 'left':
      return { ...s, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { ...s, cursor: Math.min(value.length, cursor + 1) };
    case 'home':
      return { ...s, cursor: 0 };
    case 'end':
      return { ...s, cursor: value.length };
    case 'clear':
      return { ...s, value: '', cursor: 0 };
    case 'killToEnd':
      return { ...s, value: value.slice(0, cursor) };
    case 'up': {
      if (s.historyIndex === 0) return s;
      const i = s.historyIndex - 1;
      const v = s.history[i]!;
      return { ...s, value: v, cursor: v.length, historyIndex: i };
    }
    case 'down': {
      if (s.historyIndex >= s.history.length) return s;
      const i = s.historyIndex + 1;
      const v = i === s.history.length ? '' : s.history[i]!;
      return { ...s, value: v, cursor: v.length, historyIndex: i };
    }
  }
}
