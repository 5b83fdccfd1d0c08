import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thresholds } from '../../src/thresholds/thresholds.js';
import { phaseDiagramPgfplots } from '../../src/plot/phaseDiagramPlot.js';
import { scalingPgfplots } from '../../src/plot/scalingPlot.js';
import { escapeLatex } from '../../src/plot/pgfplots.js';
import { syntheticSummary } from './fixtures.js';

/** Environments open and close in order, and braces balance outside of escaped \{ \}. */
function checkStructure(tex: string): void {
  const envs = [...tex.matchAll(/\\(begin|end)\{([^}]+)\}/g)];
  const stack: string[] = [];
  for (const [, kind, name] of envs) {
    if (kind === 'begin') stack.push(name!);
    else expect(stack.pop()).toBe(name);
  }
  expect(stack).toEqual([]);
  expect(envs.map((m) => `${m[1]}:${m[2]}`)).toEqual(['begin:tikzpicture', 'begin:axis', 'end:axis', 'end:tikzpicture']);
  let depth = 0;
  const body = tex.replace(/\\[{}]/g, '').replace(/^%.*$/gm, '');
  for (const c of body) {
    if (c === '{') depth++;
    if (c === '}') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  // no raw Unicode: pdflatex without inputenc extras must accept it
  expect(/[^\x00-\x7f]/.test(tex)).toBe(false);
}

const hasPdflatex = spawnSync('pdflatex', ['--version']).status === 0 && spawnSync('kpsewhich', ['pgfplots.sty'], { encoding: 'utf8' }).stdout?.trim() !== '';

function compiles(picture: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'sindex-pgf-'));
  try {
    writeFileSync(join(dir, 'doc.tex'), `\\documentclass{article}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.18}\n\\begin{document}\n${picture}\n\\end{document}\n`);
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout.slice(-3000)).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pgfplots output', () => {
  const he3batch = thresholds({ target: 'He3(z)', algorithm: 'batch-reuse' });

  it('phase diagram: one curve, the breakpoints, labels and a legend', () => {
    const tex = phaseDiagramPgfplots(he3batch);
    checkStructure(tex);
    expect(tex).toContain('xlabel={$\\alpha$, with $\\eta = d^{-\\alpha}$}');
    expect(tex).toContain('ylabel={exponent of $d$ in $T$}');
    expect(tex).toContain('\\addplot[black, very thick] coordinates {(0,1) (1,1) (1.5,2) (2.25,2)};');
    expect(tex).toContain('{$1$}');
    expect(tex).toContain('{$\\frac{3}{2}$}');
    expect(tex.match(/\\addplot\[black, dashed, forget plot\]/g)).toHaveLength(2);
    expect(tex.match(/\\addlegendentry/g)).toHaveLength(2);
    expect(tex).toContain('batch-reuse');
  });

  it('phase diagram without pieces: a note', () => {
    const custom = thresholds({ target: 'He3(z)', algorithm: 'custom', psi: 'y*z*sin(y*z)' });
    const tex = phaseDiagramPgfplots(custom);
    checkStructure(tex);
    expect(tex).toContain('No exact phase diagram');
  });

  it('scaling: a log–log axis, error bars, one legend entry per α and the predicted lines', () => {
    const tex = scalingPgfplots(syntheticSummary({ ode: true, censorLast: true }), { title: 'target He(3, z), algorithm online_x' });
    checkStructure(tex);
    expect(tex).toMatch(/xmode=log,\s*\n\s*ymode=log/);
    expect(tex).toContain('online\\_x');
    expect(tex.match(/y explicit/g)).toHaveLength(3);
    expect(tex.match(/\\addlegendentry\{\$\\alpha = /g)).toHaveLength(3);
    for (const dash of ['solid', 'dashed', 'dotted']) expect(tex).toContain(`\\addplot[black, ${dash}, forget plot]`);
    for (const mark of ['mark=o', 'mark=square', 'mark=triangle']) expect(tex).toContain(mark);
    expect(tex).toContain('mark=*'); // ODE, filled
    expect(tex).toContain('\\draw[black, ->]'); // censored
    expect(tex).toContain('fitted $2.00$ [$1.90$, $2.10$], predicted 2');
  });

  it('escapes LaTeX specials and Unicode', () => {
    expect(escapeLatex('a_b & 50% #1 $x$ {y} ^~\\')).toBe('a\\_b \\& 50\\% \\#1 \\$x\\$ \\{y\\} \\textasciicircum{}\\textasciitilde{}\\textbackslash{}');
    expect(escapeLatex('σ(z)·η')).toBe('$\\sigma$(z)$\\cdot$$\\eta$');
  });

  it.skipIf(!hasPdflatex)('compiles with pdflatex and pgfplots', () => {
    compiles(phaseDiagramPgfplots(he3batch));
    compiles(scalingPgfplots(syntheticSummary({ ode: true, censorLast: true }), { title: 'target He(3, z)' }));
  });

  it('uses the same marker shape for series k in SVG and pgfplots, for all eight', async () => {
    const { MARKER_PATHS } = await import('../../src/plot/svg.js');
    const { TEX_MARKS } = await import('../../src/plot/pgfplots.js');
    expect(TEX_MARKS.map((m) => m.open)).toEqual(MARKER_PATHS.map((m) => (m.name === 'circle' ? 'o' : m.name)));
  });
});
