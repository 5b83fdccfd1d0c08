/**
 * Keys → actions, as a pure function of the key, the mode and the focused field. The fields are
 * always editing, so commands are Esc then a letter (or Alt-letter, which terminals send as Esc
 * and the letter); no Ctrl key that a shell or terminal already means something by.
 */
import type { Key } from 'ink';
import type { LineKey } from './lineEditing.js';
import type { Field } from './queries.js';

/** edit: typing in a field; command: after Esc, waiting for a command letter; quit: asking to confirm quitting. */
export type Mode = 'edit' | 'command' | 'quit';

export type Action =
  | { readonly kind: 'edit'; readonly key: LineKey }
  | { readonly kind: 'remember' }
  | { readonly kind: 'field'; readonly step: 1 | -1 }
  | { readonly kind: 'algorithm'; readonly step: 1 | -1 }
  | { readonly kind: 'algorithmStarting'; readonly letter: string }
  | { readonly kind: 'pane'; readonly step: 1 | -1 }
  | { readonly kind: 'paneAt'; readonly index: number }
  | { readonly kind: 'help' }
  | { readonly kind: 'command' }
  | { readonly kind: 'back' }
  | { readonly kind: 'verify' }
  | { readonly kind: 'latex' }
  | { readonly kind: 'export' }
  | { readonly kind: 'diagram' }
  | { readonly kind: 'askQuit' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'unknown'; readonly text: string };

/** The command letters (after Esc, or with Alt), in the order the footer lists them. */
export const COMMANDS: readonly (readonly [string, Action, string])[] = [
  ['v', { kind: 'verify' }, 'verify'],
  ['l', { kind: 'latex' }, 'LaTeX'],
  ['x', { kind: 'export' }, 'export'],
  ['d', { kind: 'diagram' }, 'diagram'],
  ['?', { kind: 'help' }, 'help'],
  ['q', { kind: 'askQuit' }, 'quit'],
];

/** The line-editing key of a keypress, if any. */
export function lineKeyOf(input: string, key: Partial<Key>): LineKey | null {
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

function command(letter: string): Action {
  const c = COMMANDS.find(([k]) => k === letter.toLowerCase());
  if (c) return c[1];
  if (/^[1-4]$/.test(letter)) return { kind: 'paneAt', index: Number(letter) - 1 };
  return { kind: 'unknown', text: letter };
}

/** The choice field (the algorithm): arrows and Space cycle, a letter picks the next name starting with it. */
function choiceAction(input: string, key: Partial<Key>): Action | null {
  if (key.leftArrow || key.upArrow) return { kind: 'algorithm', step: -1 };
  if (key.rightArrow || key.downArrow || input === ' ') return { kind: 'algorithm', step: 1 };
  if (!key.ctrl && !key.meta && /^[a-z]$/i.test(input)) return { kind: 'algorithmStarting', letter: input };
  return null;
}

export function actionOf(input: string, key: Partial<Key>, mode: Mode, field: Field): Action | null {
  const ctrlC = key.ctrl === true && input === 'c';
  if (mode === 'quit') return ctrlC || key.return || input.toLowerCase() === 'y' ? { kind: 'quit' } : { kind: 'back' };
  if (ctrlC) return { kind: 'askQuit' };
  if (mode === 'command') return key.escape ? { kind: 'back' } : command(input);
  if (key.escape) return { kind: 'command' };
  if (key.meta && input.length === 1) return command(input); // Alt-letter
  if (input === '?') return { kind: 'help' };
  if (key.tab) return { kind: 'field', step: key.shift ? -1 : 1 };
  if (key.pageDown) return { kind: 'pane', step: 1 };
  if (key.pageUp) return { kind: 'pane', step: -1 };
  if (key.return) return { kind: 'remember' };
  if (field === 'algo') return choiceAction(input, key);
  const k = lineKeyOf(input, key);
  return k ? { kind: 'edit', key: k } : null;
}

/**
 * A chunk mixing text and control keys (fast typing, pasting, tmux send-keys) as the keys it
 * stands for, in order; any other input as itself.
 */
export function keysOfChunk(input: string, key: Key): [string, Key][] {
  if (!(input.length > 1 && /[\x01-\x1a]/.test(input) && !input.includes('\x1b'))) return [[input, key]];
  const plain: Key = { ...key, ctrl: false };
  return (input.match(/[\x01-\x1a]|[^\x01-\x1a]+/g) ?? []).map((part): [string, Key] => {
    const code = part.charCodeAt(0);
    if (part.length > 1 || code > 0x1a) return [part, plain];
    if (part === '\t') return ['', { ...plain, tab: true }];
    if (part === '\r') return ['', { ...plain, return: true }];
    return [String.fromCharCode(code + 96), { ...plain, ctrl: true }];
  });
}
