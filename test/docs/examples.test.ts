// Every `@example` line of a doc comment in src/ and cli/ runs here, so none can go stale:
//   `CODE // EXPECTED`             CODE equals EXPECTED (deep equality; both are JavaScript)
//   `CODE // ≈ EXPECTED`           a number within 1e-9 (relative) of EXPECTED
//   `CODE // throws Name: message` CODE throws that error, its message starting so
// CODE may be several statements separated by '; ' (the last one is the value). It sees the
// exports of its own module, of the library (src/index.ts) and a few names used across examples.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { parseLink } from '../../src/expr/parse.js';
import { linkOf } from '../../src/expr/link.js';
import { exprToString } from '../../src/expr/tree.js';
import { Rational } from '../../src/exact/rational.js';
import { ExactScalar } from '../../src/exact/scalar.js';
import { polyFromInts } from '../../src/poly/polynomial.js';
import { hermiteCoefficients } from '../../src/analysis/hermiteCoefficients.js';
import { closedFormOf } from '../../src/closedForm/families.js';
import { informationExponent } from '../../src/analysis/exponents.js';
import { tableRow } from '../../src/table/rows.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMMON = {
  ...api,
  linkOf,
  parseLink,
  exprToString,
  Rational,
  ExactScalar,
  polyFromInts,
  hermiteCoefficients,
  closedFormOf,
  informationExponent,
  tableRow,
};

/** −0 and +0 compare equal here (a kink at z = −0 is at 0). */
function unsignedZeros(x: unknown): unknown {
  if (x === 0) return 0;
  if (Array.isArray(x)) return x.map(unsignedZeros);
  return x;
}

interface Example {
  readonly line: number;
  readonly code: string;
  readonly expected: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The one-line examples of a file: `@example CODE // EXPECTED`. */
function examplesOf(file: string): Example[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const m = /^\s*(?:\/\*)?\*\s*@example\s+(.+?)\s+\/\/\s+(.+?)\s*(?:\*\/)?\s*$/.exec(text);
      return m ? [{ line: i + 1, code: m[1]!, expected: m[2]! }] : [];
    });
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;

/** Run `code` (statements separated by '; ', the last one's value returned) with `scope` in view. */
async function evaluate(code: string, scope: Record<string, unknown>): Promise<unknown> {
  const statements = code.split(/;\s+/);
  const last = statements.pop()!;
  const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  return new AsyncFunction(...names, `${statements.map((s) => `${s};`).join('\n')}\nreturn (${last});`)(...names.map((n) => scope[n]));
}

const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'cli'))].filter((f) => examplesOf(f).length > 0);

describe('doc-comment examples', () => {
  it('there are examples in many modules (the runner finds them)', () => expect(files.length).toBeGreaterThan(30));
  for (const file of files) {
    const name = relative(ROOT, file);
    describe(name, () => {
      for (const ex of examplesOf(file)) {
        it(`${name}:${ex.line}: ${ex.code}`, async () => {
          const scope = { ...COMMON, ...((await import(pathToFileURL(file).href)) as Record<string, unknown>) };
          const throws = /^throws (\w+): (.+)$/.exec(ex.expected);
          if (throws) {
            const error = await evaluate(ex.code, scope).then(
              () => null,
              (e: unknown) => e as Error,
            );
            expect(error, 'the example should throw').not.toBeNull();
            expect(error!.name).toBe(throws[1]);
            expect(error!.message.startsWith(throws[2]!), `message: ${error!.message}`).toBe(true);
            return;
          }
          const approx = /^≈\s*(.+)$/.exec(ex.expected);
          const actual = await evaluate(ex.code, scope);
          if (approx) {
            const want = Number(await evaluate(approx[1]!, scope));
            expect(Math.abs(Number(actual) - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want) + 1e-300);
          } else {
            expect(unsignedZeros(actual)).toEqual(unsignedZeros(await evaluate(ex.expected, scope)));
          }
        });
      }
    });
  }

  it('every function exported by src/index.ts has a doc comment with an example', () => {
    const text = readFileSync(join(ROOT, 'src/index.ts'), 'utf8');
    const functions = [...text.matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1]!);
    const documented = new Set([...text.matchAll(/@example[^\n]*\n(?:\s*\*[^\n]*\n)*?\s*\*\/\nexport (?:async )?function (\w+)/g)].map((m) => m[1]!));
    expect(functions.length).toBeGreaterThan(10);
    expect(functions.filter((f) => !documented.has(f))).toEqual([]);
  });
});
