// Every `@example` line of the library's doc comments runs here: `expression // expected value`, or
// `expression // throws ErrorName: start of the message`. The expressions see the exports of
// src/index.ts (and of the module that holds the example).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as provenance from '../../src/provenance.js';
import * as batch from '../../cli/batch.js';

interface Example {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly expected: string;
}

/** The one-line examples of a file: `@example CODE // EXPECTED`. */
function examplesOf(file: string): Example[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const m = /^\s*\*\s*@example\s+(.+?)\s+\/\/\s+(.+?)\s*$/.exec(text);
      return m ? [{ file, line: i + 1, code: m[1]!, expected: m[2]! }] : [];
    });
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;

/** Evaluate an example's code with the given module's exports in scope. */
async function evaluate(code: string, scope: Record<string, unknown>): Promise<unknown> {
  const names = Object.keys(scope);
  return new AsyncFunction(...names, `return (${code});`)(...names.map((n) => scope[n]));
}

const modules: [string, Record<string, unknown>][] = [
  ['src/index.ts', { ...api }],
  ['src/provenance.ts', { ...api, ...provenance }],
  ['cli/batch.ts', { ...api, ...batch }],
];

describe('doc-comment examples', () => {
  for (const [file, scope] of modules) {
    const examples = examplesOf(file);
    it(`${file} has examples`, () => expect(examples.length).toBeGreaterThan(0));
    for (const ex of examples) {
      it(`${file}:${ex.line}: ${ex.code}`, async () => {
        const throws = /^throws (\w+): (.+)$/.exec(ex.expected);
        if (throws) {
          const error = await evaluate(ex.code, scope).then(
            () => null,
            (e: unknown) => e as Error,
          );
          expect(error, 'the example should throw').not.toBeNull();
          expect(error!.name).toBe(throws[1]);
          expect(error!.message.startsWith(throws[2]!), `message: ${error!.message}`).toBe(true);
          expect(error).toBeInstanceOf(scope[throws[1]!] as new () => Error);
        } else {
          expect(await evaluate(ex.code, scope)).toEqual(await evaluate(ex.expected, scope));
        }
      });
    }
  }

  it('every function exported by src/index.ts has a doc comment with an example', () => {
    const text = readFileSync('src/index.ts', 'utf8');
    const functions = [...text.matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1]!);
    const documented = new Set([...text.matchAll(/@example[^\n]*\n(?:\s*\*[^\n]*\n)*?\s*\*\/\nexport (?:async )?function (\w+)/g)].map((m) => m[1]!));
    expect(functions.length).toBeGreaterThan(10);
    expect(functions.filter((f) => !documented.has(f))).toEqual([]);
  });
});
