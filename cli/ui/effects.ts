/**
 * The UI's effects on the world — files in the working directory and the terminal's clipboard —
 * behind one small interface (the tests pass their own), and the status line each export leaves.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { phaseDiagramSvg } from '../../src/plot/phaseDiagramPlot.js';
import type { ThresholdResult } from '../../src/thresholds/thresholds.js';
import { UI_FILES } from '../defaults.js';
import { clip, links as linkCount } from './panes.js';

export interface Effects {
  /** Write `text` to `file` (relative to the working directory) and return its absolute path; throws when it cannot. */
  write(file: string, text: string): string;
  /** Put `text` on the clipboard by OSC 52; false when stdout is not a terminal. */
  copy(text: string): boolean;
}

export const terminalEffects: Effects = {
  write(file, text) {
    const path = resolve(file);
    writeFileSync(path, text);
    return path;
  },
  copy(text) {
    if (!process.stdout.isTTY) return false;
    process.stdout.write(`\x1b]52;c;${Buffer.from(text).toString('base64')}\x07`);
    return true;
  },
};

/** The links of an export as the status line names them. */
const named = (links: readonly string[]): string => clip(links.join(', '), 60);

/** Write an exported table (the LaTeX row also to the clipboard); the status line saying what went where. */
export function saveTable(effects: Effects, format: 'latex' | 'md', links: readonly string[], text: string): string {
  const file = format === 'latex' ? UI_FILES.latex : UI_FILES.table;
  let path: string;
  try {
    path = effects.write(file, text);
  } catch (e) {
    return `could not write ${file}: ${(e as Error).message}`;
  }
  if (format === 'md') return `wrote ${linkCount(links.length)} (${named(links)}) to ${path}`;
  return `LaTeX row of ${named(links)} ${effects.copy(text) ? 'copied to the clipboard (OSC 52) and ' : ''}written to ${path}`;
}

/** Write the phase diagram of a thresholds result for `link` as SVG; the status line. */
export function savePhaseDiagram(effects: Effects, t: ThresholdResult, link: string): string {
  try {
    return `phase diagram of ${link} (${t.algorithm}) written to ${effects.write(UI_FILES.phaseDiagram, phaseDiagramSvg(t))}`;
  } catch (e) {
    return `could not write ${UI_FILES.phaseDiagram}: ${(e as Error).message}`;
  }
}
