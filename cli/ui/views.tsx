/** Small pure components: the fields, lines of text (some dimmed) and a pane's body. They only draw what they are given. */
import type React from 'react';
import { Box, Text } from 'ink';
import { THRESHOLD_ALGORITHMS } from '../../src/thresholds/thresholds.js';
import type { InputState } from './input.js';
import type { LineState } from './lineEditing.js';
import { fieldsShown, LABEL, type Field } from './queries.js';
import type { PaneBody } from './screen.js';

export function Lines({ lines, dim = false, bold = false }: { lines: readonly string[]; dim?: boolean; bold?: boolean }): React.ReactElement {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} dimColor={dim} bold={bold} wrap="truncate-end">
          {l === '' ? ' ' : l}
        </Text>
      ))}
    </Box>
  );
}

/** A pane's body, cut to `rows` lines (with a '…' line when cut). */
export function PaneView({ body, rows }: { body: PaneBody; rows: number }): React.ReactElement {
  const all = body.lines.length + body.dimmed.length;
  const keep = all <= rows ? all : Math.max(1, rows - 1);
  return (
    <Box flexDirection="column">
      <Lines lines={body.lines.slice(0, keep)} />
      <Lines lines={body.dimmed.slice(0, Math.max(0, keep - body.lines.length))} dim />
      {keep < all ? <Text dimColor>…</Text> : null}
    </Box>
  );
}

function TextFieldView({ label, line, focused, placeholder }: { label: string; line: LineState; focused: boolean; placeholder: string }): React.ReactElement {
  const before = line.value.slice(0, line.cursor);
  const at = line.value[line.cursor] ?? ' ';
  const after = line.value.slice(line.cursor + 1);
  return (
    <Box marginRight={2}>
      <Text>
        {focused ? '>' : ' '}
        {label}{' '}
      </Text>
      {focused ? (
        <Text>
          {before}
          <Text inverse>{at}</Text>
          {after}
        </Text>
      ) : (
        <Text dimColor={line.value === ''}>{line.value === '' ? placeholder : line.value}</Text>
      )}
    </Box>
  );
}

/** The algorithm as a choice among the engine's algorithms, the chosen one in brackets. */
function ChoiceView({ value, focused }: { value: string; focused: boolean }): React.ReactElement {
  return (
    <Box marginRight={2}>
      <Text>
        {focused ? '>' : ' '}
        {LABEL.algo}
        {THRESHOLD_ALGORITHMS.map((a) => (a === value ? <Text key={a} inverse={focused}>{` [${a}]`}</Text> : ` ${a}`))}
      </Text>
    </Box>
  );
}

const PLACEHOLDER: Partial<Record<Field, string>> = { student: '(= σ*)', noise: '0', psi: '(needed: y^2*He2(z), …)' };

export function FieldsView({ input }: { input: InputState }): React.ReactElement {
  const shown = fieldsShown(input.algorithm);
  const view = (f: Field) =>
    f === 'algo' ? (
      <ChoiceView key={f} value={input.algorithm} focused={input.field === f} />
    ) : (
      <TextFieldView key={f} label={LABEL[f]} line={input.lines[f]} focused={input.field === f} placeholder={PLACEHOLDER[f] ?? ''} />
    );
  return (
    <Box flexDirection="column">
      <Box flexDirection="row" flexWrap="wrap">
        {shown.filter((f) => f === 'target' || f === 'student').map(view)}
      </Box>
      <Box flexDirection="row" flexWrap="wrap">
        {shown.filter((f) => f !== 'target' && f !== 'student').map(view)}
      </Box>
    </Box>
  );
}
