/**
 * `--plot FILE`: which format the file name asks for. Pure; the CLI does the writing.
 */
import { OutOfRangeError } from '../errors.js';

export type PlotFormat = 'svg' | 'tex';

/** 'svg' for FILE.svg, 'tex' for FILE.tex; anything else is a user error. */
export function plotFormat(file: string): PlotFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.svg') && lower.length > 4) return 'svg';
  if (lower.endsWith('.tex') && lower.length > 4) return 'tex';
  throw new OutOfRangeError(`--plot needs a .svg or .tex file, got '${file}'`);
}
