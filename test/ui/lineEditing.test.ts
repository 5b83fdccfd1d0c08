// The input line edits like a shell line.
import { describe, expect, it } from 'vitest';
import { commit, edit, lineOf, type LineKey } from '../../cli/ui/lineEditing.js';

const keys = (s: ReturnType<typeof lineOf>, ...ks: LineKey[]) => ks.reduce(edit, s);

describe('line editing', () => {
  it('inserts at the cursor, moves, deletes', () => {
    const s = keys(lineOf('relu(z)'), { kind: 'home' }, { kind: 'insert', text: '2*' }, { kind: 'end' }, { kind: 'backspace' }, { kind: 'insert', text: ')' });
    expect(s.value).toBe('2*relu(z)');
    expect(keys(lineOf('abc'), { kind: 'left' }, { kind: 'left' }, { kind: 'delete' }).value).toBe('ac');
    expect(keys(lineOf('abc'), { kind: 'left' }, { kind: 'killToEnd' }).value).toBe('ab');
  });

  it('Ctrl-U clears the line', () => {
    expect(keys(lineOf('tanh(z)'), { kind: 'clear' })).toMatchObject({ value: '', cursor: 0 });
  });

  it('walks the history with up and down', () => {
    let s = commit(lineOf('z^2'));
    s = commit(keys(s, { kind: 'clear' }, { kind: 'insert', text: 'relu(z)' }));
    s = keys(s, { kind: 'clear' }, { kind: 'insert', text: 'tan' });
    expect(keys(s, { kind: 'up' }).value).toBe('relu(z)');
    expect(keys(s, { kind: 'up' }, { kind: 'up' }).value).toBe('z^2');
    expect(keys(s, { kind: 'up' }, { kind: 'up' }, { kind: 'up' }).value).toBe('z^2');
    expect(keys(s, { kind: 'up' }, { kind: 'down' }, { kind: 'down' }).value).toBe('');
  });
});
