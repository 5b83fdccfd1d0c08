import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  expect(envs.map((m) => `${m[1]}:${m[2]}`)).toEqual(['begin:document', 'begin:tikzpicture', 'begin:axis', 'end:axis', 'end:tikzpicture', 'end:document']);
  // a complete document: class and packages before \begin{document}, nothing after \end{document}
  const preamble = tex.slice(0, tex.indexOf('\\begin{document}'));
  expect(preamble).toMatch(/^\\documentclass(\[[^\]]*\])?\{standalone\}$/m);
  for (const pkg of ['amsmath', 'pgfplots']) expect(preamble).toContain(`\\usepackage{${pkg}}`);
  expect(preamble).toContain('\\pgfplotsset{compat=1.18}');
  expect(tex.slice(tex.indexOf('\\end{document}') + '\\end{document}'.length).trim()).toBe('');
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

/** pdflatex compiles the file exactly as sindex writes it (a standalone document). */
function compiles(document: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'sindex-pgf-'));
  try {
    writeFileSync(join(dir, 'figure.tex'), document);
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'figure.tex'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout.slice(-3000)).toBe(0);
    expect(existsSync(join(dir, 'figure.pdf'))).toBe(true);
    // a node pgfplots had to clip or a box TeX could not fit shows up in the log
    expect(r.stdout).not.toMatch(/Overfull \\hbox|Missing character/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The regime-label nodes of a phase diagram: anchor, position (axis units) and the text TeX sets. */
function regimeNodes(tex: string): { anchor: string; alpha: number; exponent: number; text: string }[] {
  return [...tex.matchAll(/\\node\[anchor=([a-z ]+), font=\\scriptsize\\itshape[^\]]*\] at \(axis cs:([-\d.e]+),([-\d.e]+)\) \{(.*)\};$/gm)].map((m) => ({
    anchor: m[1]!,
    alpha: Number(m[2]),
    exponent: Number(m[3]),
    // what is typeset: $y^{2}$ → y2, $\log d$ → log d
    text: m[4]!.replace(/\$|\\|\{|\}|\^/g, ''),
  }));
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

  it('phase diagram: the title typesets the link (docs: src/expr/tex.ts), not He(3, z) as text', () => {
    const tex = phaseDiagramPgfplots(thresholds({ target: 'He3(z)', algorithm: 'alternating' }));
    expect(tex).toContain('title={Phase diagram of $T$: target $\\mathrm{He}_{3}\\left(z\\right)$, algorithm alternating}');
    const scaling = scalingPgfplots(syntheticSummary(), { subject: { target: 'He(3, z)', student: 'relu(z)', algorithm: 'online' } });
    expect(scaling).toContain('target $\\mathrm{He}_{3}\\left(z\\right)$, student $\\operatorname{ReLU}\\left(z\\right)$, algorithm online');
  });

  // Text model for the nodes (stated here): \scriptsize italic is 7 pt, at most 0.5 em = 3.5 pt per
  // character on average; the axis is 11 cm = 312.98 pt wide (scale only axis).
  it.each([
    ['He3(z)', 'alternating'],
    ['He3(z)', 'batch-reuse'],
    ['He8(z)', 'batch-reuse'],
    ['He5(z)', 'online'],
  ] as const)('%s, %s: every regime label runs inside the axis, so pgfplots does not cut it', (target, algorithm) => {
    const tex = phaseDiagramPgfplots(thresholds({ target, algorithm }));
    expect(tex).toMatch(/^\s*width=11cm,$/m);
    expect(tex).toMatch(/^\s*scale only axis,$/m);
    const xmax = Number(/xmin=0, xmax=([\d.]+)/.exec(tex)![1]);
    const [ymin, ymax] = /ymin=([-\d.]+), ymax=([-\d.]+)/.exec(tex)!.slice(1).map(Number) as [number, number];
    const nodes = regimeNodes(tex);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      const width = (n.text.length * 3.5) / 312.98; // fraction of the axis width
      const at = n.alpha / xmax;
      const [from, to] = n.anchor.endsWith('west') ? [at, at + width] : n.anchor.endsWith('east') ? [at - width, at] : [at - width / 2, at + width / 2];
      expect(from, `${n.text} (${n.anchor} at α = ${n.alpha})`).toBeGreaterThanOrEqual(0);
      expect(to, `${n.text} (${n.anchor} at α = ${n.alpha})`).toBeLessThanOrEqual(1);
      expect(n.exponent).toBeGreaterThan(ymin);
      expect(n.exponent).toBeLessThan(ymax);
    }
  });

  it('He3 alternating: "label-power, y², log d" starts right of the axis and runs into the plot', () => {
    const nodes = regimeNodes(phaseDiagramPgfplots(thresholds({ target: 'He3(z)', algorithm: 'alternating' })));
    const label = nodes.find((n) => n.text.startsWith('label-power'))!;
    expect(label.text).toBe('label-power, y2, log d');
    expect(label.anchor).toBe('base west');
    expect(label.alpha).toBeGreaterThan(0);
  });

  it.skipIf(!hasPdflatex)('compiles with pdflatex, as written, for several targets and the scaling plot', () => {
    compiles(phaseDiagramPgfplots(he3batch));
    compiles(phaseDiagramPgfplots(thresholds({ target: 'He3(z)', algorithm: 'alternating' })));
    compiles(phaseDiagramPgfplots(thresholds({ target: 'relu(z) - z^3/6 + He(4, z)', student: 'tanh(z)', algorithm: 'online' })));
    compiles(scalingPgfplots(syntheticSummary({ ode: true, censorLast: true }), { title: 'target He(3, z)' }));
    compiles(scalingPgfplots(syntheticSummary(), { subject: { target: 'He(3, z)', student: 'gelu(z)', algorithm: 'online', note: 'partial: 3 of 4 seeds' } }));
  });

  it('uses the same marker shape for series k in SVG and pgfplots, for all eight', async () => {
    const { MARKER_PATHS } = await import('../../src/plot/svg.js');
    const { TEX_MARKS } = await import('../../src/plot/pgfplots.js');
    expect(TEX_MARKS.map((m) => m.open)).toEqual(MARKER_PATHS.map((m) => (m.name === 'circle' ? 'o' : m.name)));
  });
});
