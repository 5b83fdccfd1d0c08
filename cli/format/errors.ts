/** One clear message per user error, with a caret under the position for syntax problems. */
import { ParseError, isSindexError } from '../../src/errors.js';

/** Lines shown for an error the user can fix; null when the error is not one of ours. */
export function formatUserError(e: unknown): string | null {
  if (e instanceof ParseError) {
    const lines = [`sindex: error: ${e.message}`];
    if (e.position !== null && e.source.length <= 200) {
      const shown = e.source.replace(/[\t\n\r]/g, ' ');
      lines.push(`  ${shown}`, `  ${' '.repeat(Math.min(e.position, shown.length))}^`);
    } else if (e.position !== null) {
      lines.push(`  at character ${e.position + 1}`);
    }
    if (e.hint) lines.push(`  ${e.hint}`);
    return `${lines.join('\n')}\n`;
  }
  if (isSindexError(e)) return `sindex: error: ${e.message}\n`;
  return null;
}
