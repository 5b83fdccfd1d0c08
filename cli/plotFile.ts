/** Writing a --plot file (thresholds and verify), and checking an output path before the work starts. */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { OutOfRangeError } from '../src/errors.js';

export function writePlotFile(file: string, text: string): void {
  try {
    writeFileSync(file, text, 'utf8');
  } catch (e) {
    throw new OutOfRangeError(`--plot: cannot write ${file}: ${(e as Error).message}`);
  }
}

/**
 * Check, before any work, that `file` can be written by the flag `flag`: not a directory, in an
 * existing writable folder, and not an existing non-empty file unless `overwrite` (--force, or
 * --resume for a sweep file). Every failure is a user error naming the path; `hint` ends the
 * message about an existing file (e.g. 'add --force to overwrite it').
 */
export function checkOutputPath(flag: string, file: string, options: { readonly overwrite: boolean; readonly hint?: string }): void {
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(file, { throwIfNoEntry: false });
  } catch (e) {
    throw new OutOfRangeError(`${flag}: cannot write ${file}: ${(e as Error).message}`);
  }
  if (stat?.isDirectory()) throw new OutOfRangeError(`${flag}: cannot write ${file}: it is a directory; give a file name`);
  if (stat) {
    if (stat.size > 0 && !options.overwrite) {
      throw new OutOfRangeError(`${flag}: ${file} already exists; ${options.hint ?? 'add --force to overwrite it'}`);
    }
    try {
      accessSync(file, constants.W_OK);
    } catch {
      throw new OutOfRangeError(`${flag}: cannot write ${file}: the file is not writable`);
    }
    return;
  }
  const folder = dirname(resolve(file));
  let parent: ReturnType<typeof statSync> | undefined;
  try {
    parent = statSync(folder, { throwIfNoEntry: false });
  } catch (e) {
    throw new OutOfRangeError(`${flag}: cannot write ${file}: ${(e as Error).message}`);
  }
  if (!parent) throw new OutOfRangeError(`${flag}: cannot write ${file}: the folder ${folder} does not exist`);
  if (!parent.isDirectory()) throw new OutOfRangeError(`${flag}: cannot write ${file}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new OutOfRangeError(`${flag}: cannot write ${file}: the folder ${folder} is not writable`);
  }
}
