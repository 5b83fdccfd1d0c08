// The UI only renders (issue 13): effects live in cli/ui/effects.ts, lists and defaults come from the
// engine and cli/defaults.ts, and no function of the UI is longer than 150 lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../cli/ui');
const sources = readdirSync(dir)
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));

/** Every function of a source with its length in lines. */
function functionLengths(file: string, text: string): { name: string; lines: number }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { name: string; lines: number }[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n)) {
      const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      out.push({ name: `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`, lines });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('the UI only renders', () => {
  it('writes files and drives the clipboard only in effects.ts', () => {
    for (const { file, text } of sources) {
      if (file === 'effects.ts') continue;
      expect(text, file).not.toMatch(/\bwriteFile(Sync)?\b|\bappendFile(Sync)?\b/);
      expect(text, file).not.toMatch(/\]52;/);
    }
  });

  it('keeps no list of algorithms or sweep sizes of its own', () => {
    for (const { file, text } of sources) {
      expect(text, file).not.toMatch(/\[\s*'(online|alternating|batch-reuse)'\s*,/);
      expect(text, file).not.toMatch(/\[\s*32\s*,\s*64\s*,\s*128\s*\]/);
    }
  });

  it('has no function over 150 lines', () => {
    const long = sources.flatMap(({ file, text }) => functionLengths(file, text)).filter((f) => f.lines > 150);
    expect(long).toEqual([]);
  });
});
