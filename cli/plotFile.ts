/** Writing a --plot file (thresholds and verify). */
import { writeFileSync } from 'node:fs';
import { OutOfRangeError } from '../src/errors.js';

export function writePlotFile(file: string, text: string): void {
  try {
    writeFileSync(file, text, 'utf8');
  } catch (e) {
    throw new OutOfRangeError(`--plot: cannot write ${file}: ${(e as Error).message}`);
  }
}
