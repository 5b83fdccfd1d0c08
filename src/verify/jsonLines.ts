/**
 * Reading a sweep file: JSON lines, a header on the first non-blank line, then records. A line
 * that is not JSON (a torn or corrupt line), a second header or a line that is not a record is
 * listed with its 1-based number and skipped; everything else is kept.
 */

export interface JsonLinesFile<H, R> {
  readonly header: H | null;
  readonly lines: { readonly line: number; readonly record: R }[];
  readonly issues: { readonly line: number; readonly reason: string }[];
}

export interface JsonLinesFormat<H, R> {
  readonly isHeader: (value: unknown) => value is H;
  readonly isRecord: (value: unknown) => value is R;
  /** why a second header is skipped */
  readonly secondHeader: string;
  /** why a line that is neither is skipped */
  readonly notRecord: string;
}

/**
 * @example readJsonLines('{"h":1}\n{"r":2}\n{"r"', { isHeader: (v) => 'h' in v, isRecord: (v) => 'r' in v, secondHeader: 'x', notRecord: 'y' }).issues[0].line // 3
 */
export function readJsonLines<H, R>(text: string, format: JsonLinesFormat<H, R>): JsonLinesFile<H, R> {
  let header: H | null = null;
  let first = true;
  const lines: { line: number; record: R }[] = [];
  const issues: { line: number; reason: string }[] = [];
  text.split('\n').forEach((row, i) => {
    if (row.trim() === '') return;
    const line = i + 1;
    const isFirst = first;
    first = false;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      issues.push({ line, reason: 'not valid JSON (a torn or corrupt line), skipped' });
      return;
    }
    if (format.isHeader(value)) {
      if (isFirst) header = value;
      else issues.push({ line, reason: format.secondHeader });
    } else if (format.isRecord(value)) lines.push({ line, record: value });
    else issues.push({ line, reason: format.notRecord });
  });
  return { header, lines, issues };
}
