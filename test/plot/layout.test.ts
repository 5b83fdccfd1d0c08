// Text layout of the SVG figures, measured from the documents themselves: no two pieces of text
// overlap, every legend text lies inside its legend box, labels stay in the figure, tick labels use
// one format per axis, and titles show links as mathematics.
//
// Text model (stated here, not taken from the plotting code): a character of a line set in font
// size s is 0.64·s wide, whatever the character; the line's box runs from 0.8·s above its baseline
// to 0.25·s below. 0.64 em bounds DejaVu Sans (the first font the SVG asks for) on these labels:
// its digits are 0.636 em wide, its lower-case letters 0.28–0.97 em and about 0.5 em on average.
// A superscript <tspan> (baseline-shift="super") is raised by 0.4 × the parent's size.
import { describe, expect, it } from 'vitest';
import { thresholds, type ThresholdAlgorithm, type ThresholdResult } from '../../src/thresholds/thresholds.js';
import { phaseDiagramSvg } from '../../src/plot/phaseDiagramPlot.js';
import { scalingSvg, type ScalingOptions } from '../../src/plot/scalingPlot.js';
import type { FitSummary, RunSummary } from '../../src/verify/summary.js';
import { byClass, descendants, parseXml, textContent, type XmlElement } from './xml.js';
import { syntheticSummary } from './fixtures.js';

const CHAR_EM = 0.64;
const ASCENT = 0.8;
const DESCENT = 0.25;

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

interface TextBox extends Box {
  readonly text: string;
  readonly classes: string;
  /** The legend group holding the text, if any. */
  readonly legend: XmlElement | null;
}

/** A box for a failure message (without the legend element). */
const show = (b: Box) => JSON.stringify({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (a: Box, b: Box) => a.x0 >= b.x0 - 1e-6 && a.x1 <= b.x1 + 1e-6 && a.y0 >= b.y0 - 1e-6 && a.y1 <= b.y1 + 1e-6;
const fontSizeOf = (e: XmlElement, inherited: number) => (e.attrs['font-size'] !== undefined ? Number(e.attrs['font-size']) : inherited);

/** The box of every <text> of an SVG document under the model above. */
function textBoxes(svg: XmlElement): TextBox[] {
  const out: TextBox[] = [];
  const visit = (e: XmlElement, size: number, legend: XmlElement | null) => {
    const s = fontSizeOf(e, size);
    const inLegend = (e.attrs.class ?? '').split(/\s+/).includes('legend') ? e : legend;
    if (e.name !== 'text') {
      for (const c of e.children) visit(c, s, inLegend);
      return;
    }
    // width: own characters at the text's size, each tspan's at its own size
    let width = [...e.text].length * CHAR_EM * s;
    let rise = ASCENT * s;
    for (const t of e.children) {
      const ts = fontSizeOf(t, s);
      width += [...textContent(t)].length * CHAR_EM * ts;
      if (t.attrs['baseline-shift'] === 'super') rise = Math.max(rise, 0.4 * s + ASCENT * ts);
    }
    const anchor = e.attrs['text-anchor'] ?? 'start';
    const shift = anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0;
    let box: Box;
    const rotated = /^translate\(([-\d.]+),([-\d.]+)\) rotate\(-90\)$/.exec(e.attrs.transform ?? '');
    if (rotated) {
      // reading upwards: the line's length runs along −y, its ascent towards −x
      const [bx, by] = [Number(rotated[1]), Number(rotated[2])];
      box = { x0: bx - rise, x1: bx + DESCENT * s, y0: by - width + shift, y1: by + shift };
    } else {
      expect(e.attrs.transform, 'only translate+rotate(-90) transforms are measured').toBeUndefined();
      const [x, y] = [Number(e.attrs.x), Number(e.attrs.y)];
      box = { x0: x - shift, x1: x - shift + width, y0: y - rise, y1: y + DESCENT * s };
    }
    out.push({ ...box, text: textContent(e), classes: e.attrs.class ?? '', legend: inLegend });
  };
  visit(svg, 16, null);
  return out;
}

function rectOf(e: XmlElement): Box {
  const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(e.attrs[k]));
  return { x0: x!, y0: y!, x1: x! + w!, y1: y! + h! };
}

/** The checks shared by every figure. */
function checkLayout(source: string): { svg: XmlElement; boxes: TextBox[] } {
  const svg = parseXml(source);
  const boxes = textBoxes(svg);
  expect(boxes.length).toBeGreaterThan(5);
  const page: Box = { x0: 0, y0: 0, x1: Number(svg.attrs.width), y1: Number(svg.attrs.height) };
  for (const b of boxes) expect(inside(b, page), `'${b.text}' leaves the ${page.x1}×${page.y1} figure: ${show(b)}`).toBe(true);
  const clashes: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i]!, boxes[j]!)) clashes.push(`'${boxes[i]!.text}' × '${boxes[j]!.text}'`);
  }
  expect(clashes).toEqual([]);
  // every legend text inside the legend's frame
  const legends = byClass(svg, 'legend');
  expect(legends).toHaveLength(1);
  const frame = rectOf(legends[0]!.children.find((c) => c.name === 'rect')!);
  const legendTexts = boxes.filter((b) => b.legend !== null);
  expect(legendTexts.length).toBeGreaterThanOrEqual(1);
  for (const b of legendTexts) expect(inside(b, frame), `legend text '${b.text}' overflows its box ${show(frame)}: ${show(b)}`).toBe(true);
  return { svg, boxes };
}

const phaseCases: [string, ThresholdAlgorithm][] = [
  ['He3(z)', 'alternating'],
  ['He3(z)', 'batch-reuse'],
  ['He4(z)', 'batch-reuse'],
  ['He8(z)', 'batch-reuse'],
  ['He8(z)', 'alternating'],
  ['He5(z)', 'online'],
  ['He(12, z)', 'alternating'],
  ['tanh(z)', 'batch-reuse'],
  ['z^2', 'online'],
];

describe('phase diagram SVG: text layout', () => {
  it.each(phaseCases)('%s, %s: no overlapping text, the legend inside its box, regime labels inside the plot', (target, algorithm) => {
    const result = thresholds({ target, algorithm });
    const { svg, boxes } = checkLayout(phaseDiagramSvg(result));
    const plot = rectOf(byClass(svg, 'frame')[0]!);
    const regimes = boxes.filter((b) => b.classes.includes('regime-label'));
    expect(regimes).toHaveLength(result.phaseDiagram.pieces.length);
    for (const b of [...regimes, ...boxes.filter((x) => x.classes.includes('breakpoint-label'))]) {
      expect(inside(b, plot), `'${b.text}' leaves the plot ${show(plot)}: ${show(b)}`).toBe(true);
    }
  });

  it('He3 alternating: "label-power · y² · log d" clear of the y-axis title and the tick labels', () => {
    const { boxes } = checkLayout(phaseDiagramSvg(thresholds({ target: 'He3(z)', algorithm: 'alternating' })));
    const label = boxes.find((b) => b.text === 'label-power · y² · log d')!;
    expect(label).toBeDefined();
    const axisTitle = boxes.find((b) => b.text === 'exponent of d in T')!;
    expect(label.x0).toBeGreaterThan(axisTitle.x1);
    for (const tick of boxes.filter((b) => b.classes.includes('tick-label'))) expect(overlap(label, tick)).toBe(false);
  });

  it('a long target and a note: the title wraps inside the figure', () => {
    const he3 = thresholds({ target: 'He3(z)', algorithm: 'alternating' });
    const long = { ...he3, target: 'He(3, z) + He(5, z)/sqrt(120) - 3*He(7, z)/sqrt(5040) + z^2/7 - z^4/9 + relu(z - 1/2)' } as ThresholdResult;
    const { boxes } = checkLayout(phaseDiagramSvg(long));
    expect(boxes.filter((b) => b.classes.includes('title')).length).toBeGreaterThan(1);
    const note =
      'ψ is not a polynomial in y: the drift coefficients come from 2-D quadrature at the concrete d, and there is no exact phase diagram for this oracle';
    checkLayout(phaseDiagramSvg({ ...he3, phaseDiagram: { ...he3.phaseDiagram, pieces: [], breakpoints: [], note } } as ThresholdResult));
  });

  it('the title shows the link as mathematics: He₃(z), not He(3, z)', () => {
    const svg = parseXml(phaseDiagramSvg(thresholds({ target: 'He3(z)', algorithm: 'alternating' })));
    const title = byClass(svg, 'title').map(textContent).join(' ');
    expect(title).toBe('Phase diagram of T: target He₃(z), algorithm alternating');
    const student = parseXml(phaseDiagramSvg(thresholds({ target: 'z^3 - 3*z', student: 'relu(z)', algorithm: 'online' })));
    expect(byClass(student, 'title').map(textContent).join(' ')).toContain('target z³ − 3z, student ReLU(z)');
  });
});

/** A sweep whose legend rows are long: a log-corrected prediction, wide intervals, a long verdict. */
function longLegendSummary(): { runs: RunSummary[]; fits: FitSummary[] } {
  const s = syntheticSummary({ alphas: [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2], slope: 3, ode: true, censorLast: true });
  const fits = s.fits.map((f) => ({
    ...f,
    ci: [-12.345, 123.456] as [number, number],
    predictedExact: '7/3',
    predicted: 7 / 3,
    predictedWithLog: 2.61,
    verdict: 'inconclusive' as FitSummary['verdict'],
  }));
  return { runs: s.runs, fits };
}

const scalingCases: [string, { runs: RunSummary[]; fits: FitSummary[] }, ScalingOptions][] = [
  ['three α, slope 2', syntheticSummary(), { subject: { target: 'He(3, z)', algorithm: 'online' } }],
  ['ODE points and a censored median', syntheticSummary({ ode: true, censorLast: true }), { title: 'target He(3, z), algorithm online' }],
  [
    'slope 3, T up to 10⁹',
    syntheticSummary({ slope: 3, alphas: [0, 0.5, 1, 1.5] }),
    { subject: { target: 'He4(z)', student: 'relu(z)', algorithm: 'batch-reuse', note: 'partial: 12 of 64 seeds' } },
  ],
  [
    'eight α with long legend rows',
    longLegendSummary(),
    { subject: { target: 'relu(z) + 0.3*tanh(2*z)^3 - He(6, z)/sqrt(720) + sin(z)*exp(-z^2/2)', algorithm: 'alternating' } },
  ],
  ['no runs', { runs: [], fits: [] }, {}],
];

describe('scaling SVG: text layout', () => {
  it.each(scalingCases)('%s: no overlapping text, every legend text inside the legend box', (_name, summary, options) => {
    checkLayout(scalingSvg(summary, options));
  });

  it('the y tick labels of the sweep T = 3·d² … 9·d² (d = 64 … 512) are 10⁴, 10⁵, 10⁶, all in one format', () => {
    // medians from 3·64² = 12288 to 9·512² ≈ 2.4·10⁶: the decades 10⁴, 10⁵ and 10⁶ lie in the range
    const svg = parseXml(scalingSvg(syntheticSummary()));
    expect(
      byClass(svg, 'tick-label')
        .filter((e) => e.attrs.class!.includes(' y'))
        .map(textContent),
    ).toEqual(['10⁴', '10⁵', '10⁶']);
  });

  it('every axis of every figure writes its tick labels one way: all plain numbers or all powers of ten', () => {
    const figures = [
      ...scalingCases.map(([, summary, options]) => scalingSvg(summary, options)),
      ...phaseCases.slice(0, 3).map(([target, algorithm]) => phaseDiagramSvg(thresholds({ target, algorithm }))),
    ];
    for (const source of figures) {
      const svg = parseXml(source);
      for (const axis of ['x', 'y']) {
        const labels = byClass(svg, 'tick-label')
          .filter((e) => e.attrs.class!.split(' ').includes(axis))
          .map(textContent);
        const scientific = labels.map((l) => /10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+$/.test(l));
        expect(new Set(scientific).size, `${axis}: ${labels.join(', ')}`).toBeLessThanOrEqual(1);
        for (const l of labels) expect(l, `${axis}: ${labels.join(', ')}`).toMatch(/^(−?\d+(\.\d+)?|(\d+(\.\d+)?·)?10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)$/);
      }
    }
  });

  it('the title shows the links as mathematics when the sweep is given as a subject', () => {
    const svg = parseXml(scalingSvg(syntheticSummary(), { subject: { target: 'He(3, z)', student: 'z^3 + -3*z', algorithm: 'online' } }));
    expect(byClass(svg, 'title').map(textContent).join(' ')).toBe('Median hitting time against d: target He₃(z), student z³ − 3z, algorithm online');
    expect(descendants(svg).find((e) => e.name === 'title')!.text).toBe('Median hitting time against d: target He₃(z), student z³ − 3z, algorithm online');
  });
});
