// The ASCII phase diagram of `sindex thresholds`: every flat piece is drawn on the row whose label
// is the exponent the same output prints for that piece ("α ∈ [a, b): T ≍ d^(e)").
import { describe, expect, it } from 'vitest';
import { thresholds, type PhasePiece, type ThresholdAlgorithm } from '../../src/thresholds/thresholds.js';
import { Rational } from '../../src/exact/rational.js';
import { asciiPhaseDiagram, formatThresholds } from '../../cli/format/thresholds.js';

interface PrintedPiece {
  readonly from: number;
  readonly to: number;
  /** The exponent as printed, e.g. "4" or "-1 + 2*alpha". */
  readonly exponent: string;
}

/** The pieces as the text output lists them. */
function printedPieces(text: string): PrintedPiece[] {
  return [...text.matchAll(/^ {2}α ∈ \[([^,]+), ([^)]+)\): T ≍ d\^\(([^)]+)\)/gm)].map((m) => ({
    from: Rational.parse(m[1]!).toNumber(),
    to: m[2] === '∞' ? Infinity : Rational.parse(m[2]!).toNumber(),
    exponent: m[3]!,
  }));
}

/** The grid of a diagram: each row's label (text left of '┤', trimmed) and its cells; α of each column from the axis. */
function parseDiagram(lines: readonly string[]): { labels: string[]; cells: string[][]; alphaOf: (column: number) => number } {
  const rows = lines.filter((l) => l.includes('┤'));
  const labels = rows.map((l) => l.slice(0, l.indexOf('┤')).trim());
  const cells = rows.map((l) => [...l.slice(l.indexOf('┤') + 1)]);
  const width = cells[0]!.length;
  const axis = lines[lines.findIndex((l) => l.includes('└')) + 1]!;
  const alphaMax = Number(/(\S+)\s+α \(η = d\^-α\)/.exec(axis)![1]);
  return { labels, cells, alphaOf: (c) => (alphaMax * c) / (width - 1) };
}

/** For each flat piece: the labels of the rows its columns are drawn on. */
function flatRowLabels(pieces: readonly PrintedPiece[], diagram: ReturnType<typeof parseDiagram>): { exponent: string; labels: string[] }[] {
  const out: { exponent: string; labels: string[] }[] = [];
  for (const p of pieces.filter((q) => !q.exponent.includes('alpha'))) {
    const labels = new Set<string>();
    const width = diagram.cells[0]!.length;
    for (let c = 0; c < width; c++) {
      const alpha = diagram.alphaOf(c);
      // columns strictly inside the piece (a breakpoint column belongs to both neighbours)
      if (!(alpha > p.from + 1e-9 && alpha < p.to - 1e-9)) continue;
      const drawn = diagram.cells.map((row, r) => (row[c] !== ' ' && row[c] !== '|' ? r : -1)).filter((r) => r >= 0);
      expect(drawn, `one mark in column ${c}`).toHaveLength(1);
      labels.add(diagram.labels[drawn[0]!]!);
    }
    if (labels.size > 0) out.push({ exponent: p.exponent, labels: [...labels] });
  }
  return out;
}

const cases: [string, ThresholdAlgorithm][] = [
  ['He5(z)', 'online'], // T ≍ d^4, drawn on the row labelled 3 before
  ['z^2*exp(-z^2)', 'alternating'], // T ≍ d^3, drawn at 2 before
  ['He3(z)', 'alternating'],
  ['He3(z)', 'batch-reuse'],
  ['He4(z)', 'batch-reuse'],
  ['He8(z)', 'batch-reuse'],
  ['He8(z)', 'alternating'],
  ['tanh(z)', 'batch-reuse'],
  ['relu(z)', 'online'],
];

describe('ASCII phase diagram', () => {
  it.each(cases)('%s, %s: each flat piece sits on the row labelled with its exponent', (target, algorithm) => {
    const result = thresholds({ target, algorithm });
    const text = formatThresholds(result);
    const pieces = printedPieces(text);
    expect(pieces.length).toBeGreaterThan(0);
    const flats = pieces.filter((p) => !p.exponent.includes('alpha'));
    expect(flats.length).toBeGreaterThan(0);
    // the diagram as printed, and at the size the terminal UI uses
    const printed = text.split('\n').filter((l) => l.includes('┤') || l.includes('└') || l.includes('α (η = d^-α)'));
    for (const lines of [printed, asciiPhaseDiagram(result.phaseDiagram.pieces, result.phaseDiagram.breakpoints, 40, 7)]) {
      const found = flatRowLabels(pieces, parseDiagram(lines));
      expect(found.map((f) => f.exponent)).toEqual(flats.map((f) => f.exponent));
      for (const f of found) expect(f.labels, `flat piece T ≍ d^(${f.exponent})`).toEqual([f.exponent]);
    }
  });

  it('flat pieces at 1 and 18 over a curve from 0: no even grid of 12 rows holds both, each still sits on its label', () => {
    const piece = (alphaFrom: string, alphaTo: string | null, slope: string, intercept: string, regime: PhasePiece['regime']): PhasePiece => ({
      alphaFrom,
      alphaTo,
      slope,
      intercept,
      sampleExponent: slope === '0' ? intercept : `${intercept} + ${slope}*alpha`,
      branch: 2,
      labelPower: 2,
      regime,
      log: false,
    });
    const pieces = [
      piece('0', '1', '1', '0', 'label-power'),
      piece('1', '2', '0', '1', 'generative'),
      piece('2', '3', '17', '-33', 'label-power'),
      piece('3', null, '0', '18', 'information'),
    ];
    const printed: PrintedPiece[] = [
      { from: 1, to: 2, exponent: '1' },
      { from: 3, to: Infinity, exponent: '18' },
    ];
    for (const [width, height] of [
      [60, 12],
      [40, 7],
    ] as const) {
      const lines = asciiPhaseDiagram(pieces, ['1', '2', '3'], width, height);
      const diagram = parseDiagram(lines);
      expect(diagram.labels.length).toBeLessThanOrEqual(height);
      const found = flatRowLabels(printed, diagram);
      expect(found.map((f) => f.labels)).toEqual([['1'], ['18']]);
    }
  });

  it('He5 online: the flat d^4 is on the row labelled 4, between rows labelled 5 and 3', () => {
    const lines = asciiPhaseDiagram(thresholds({ target: 'He5(z)', algorithm: 'online' }).phaseDiagram.pieces, []);
    const diagram = parseDiagram(lines);
    const row = diagram.cells.findIndex((cells) => cells.includes('I'));
    expect(diagram.labels[row]).toBe('4');
    expect(diagram.labels[0]).toBe('5');
    expect(diagram.labels.at(-1)).toBe('3');
    expect(diagram.cells[row]!.every((c) => c === 'I')).toBe(true);
  });
});
