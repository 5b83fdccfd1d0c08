import { describe, expect, it } from 'vitest';
import { scalingFrame, scalingSvg } from '../../src/plot/scalingPlot.js';
import { MARKER_PATHS } from '../../src/plot/svg.js';
import { byClass, descendants, parseXml, pointsOf, textContent, type XmlElement } from './xml.js';
import { DS, syntheticSummary } from './fixtures.js';

const log10 = Math.log10;

describe('scaling SVG', () => {
  it('is well-formed, log–log, with axis labels and one series (markers + predicted line) per α', () => {
    const summary = syntheticSummary();
    const svg = parseXml(scalingSvg(summary, { title: 'target He(3, z), algorithm online' }));
    expect(svg.name).toBe('svg');
    const labels = byClass(svg, 'axis-label').map(textContent);
    expect(labels).toContain('dimension d');
    expect(labels).toContain('median hitting time T (steps)');
    expect(textContent(byClass(svg, 'title')[0]!)).toContain('algorithm online');
    const series = byClass(svg, 'series');
    expect(series.map((g) => g.attrs['data-alpha'])).toEqual(['0', '0.5', '1']);
    for (const g of series) {
      expect(g.children.filter((e) => e.name === 'polyline')).toHaveLength(1);
      expect(byClass(g, 'median')).toHaveLength(DS.length);
      expect(byClass(g, 'error-bar')).toHaveLength(DS.length);
    }
    // black and white: distinct marker shapes and distinct dash patterns across series
    const shapes = series.map((g) => byClass(g, 'median')[0]!.attrs.href);
    expect(new Set(shapes).size).toBe(3);
    const dashes = series.map((g) => byClass(g, 'predicted')[0]!.attrs['stroke-dasharray'] ?? 'solid');
    expect(new Set(dashes).size).toBe(3);
    expect(descendants(svg).every((e) => !e.attrs.stroke || ['black', 'none'].includes(e.attrs.stroke))).toBe(true);
    // the legend, one entry per α in the promised wording
    const legend = byClass(svg, 'legend-entry').map(textContent);
    expect(legend).toHaveLength(3);
    expect(legend[1]).toBe('α = 0.5: fitted 2.00 [1.90, 2.10], predicted 2 — agrees');
  });

  it('puts the medians c·d² on a line of slope 2 in the plot’s log coordinates, and the predicted line through them', () => {
    const summary = syntheticSummary();
    const frame = scalingFrame(summary);
    const svg = parseXml(scalingSvg(summary));
    for (const g of byClass(svg, 'series')) {
      const alpha = Number(g.attrs['data-alpha']);
      const pts = byClass(g, 'median').map((u) => [frame.x.invert(Number(u.attrs.x)), frame.y.invert(Number(u.attrs.y))] as const);
      expect(pts.map((p) => p[0])).toEqual(DS.map((d) => expect.closeTo(d, 0) as unknown as number));
      for (let k = 1; k < pts.length; k++) {
        const slope = (log10(pts[k]![1]) - log10(pts[0]![1])) / (log10(pts[k]![0]) - log10(pts[0]![0]));
        expect(slope).toBeCloseTo(2, 2);
      }
      // the medians themselves come back through the inverse scales
      const c = 3 * ([0, 0.5, 1].indexOf(alpha) + 1);
      for (const [d, t] of pts) expect(t / (c * d * d)).toBeCloseTo(1, 2);
      // in pixels, without the plot's own scales: d doubling at every step sits at equal x steps
      // (a log axis), and the medians lie on a straight line (log y)
      const pixels = byClass(g, 'median').map((u) => [Number(u.attrs.x), Number(u.attrs.y)] as const);
      for (let k = 2; k < pixels.length; k++) expect(pixels[k]![0] - pixels[k - 1]![0]).toBeCloseTo(pixels[1]![0] - pixels[0]![0], 1);
      const pxSlope = (pixels[1]![1] - pixels[0]![1]) / (pixels[1]![0] - pixels[0]![0]);
      for (let k = 2; k < pixels.length; k++) expect((pixels[k]![1] - pixels[0]![1]) / (pixels[k]![0] - pixels[0]![0])).toBeCloseTo(pxSlope, 1);
      // the predicted polyline passes through every point
      const line = pointsOf(byClass(g, 'predicted')[0]!);
      expect(line).toHaveLength(2);
      const [[x0, y0], [x1, y1]] = line as [[number, number], [number, number]];
      for (const [x, y] of pixels) expect(y0 + ((x - x0) / (x1 - x0)) * (y1 - y0)).toBeCloseTo(y, 0);
    }
  });

  it('draws ODE points filled and censored medians as arrows at the top, with notes', () => {
    const summary = syntheticSummary({ ode: true, censorLast: true });
    const svg = parseXml(scalingSvg(summary));
    const series = byClass(svg, 'series');
    expect(series.map((g) => byClass(g, 'ode').length)).toEqual([4, 4, 4]);
    expect(byClass(series[0]!, 'ode').every((u) => u.attrs.fill === 'black')).toBe(true);
    expect(byClass(series[0]!, 'median').every((u) => u.attrs.fill === 'white')).toBe(true);
    expect(byClass(series[2]!, 'median')).toHaveLength(3);
    const censored = byClass(svg, 'censored');
    expect(censored).toHaveLength(1);
    expect(censored[0]!.attrs['data-d']).toBe('512');
    const frame = scalingFrame(summary);
    const arrow = censored[0]!.children.find((e) => e.name === 'path')!;
    expect(Number(/V([0-9.]+)/.exec(arrow.attrs.d!)![1])).toBeLessThan(frame.box.top + 10);
    const notes = byClass(svg, 'legend-note').map(textContent).join('\n');
    expect(notes).toContain('ODE');
    expect(notes).toContain('censored');
  });

  it('has more marker shapes than a typical sweep has α values', () => {
    expect(MARKER_PATHS.length).toBeGreaterThanOrEqual(6);
    const many = syntheticSummary({ alphas: [0, 0.25, 0.5, 0.75, 1, 1.25] });
    const svg = parseXml(scalingSvg(many));
    const hrefs = byClass(svg, 'series').map((g: XmlElement) => byClass(g, 'median')[0]!.attrs.href);
    expect(new Set(hrefs).size).toBe(6);
  });

  it('renders an empty summary without failing', () => {
    const svg = parseXml(scalingSvg({ runs: [], fits: [] }));
    expect(byClass(svg, 'series')).toHaveLength(0);
    expect(byClass(svg, 'note').map(textContent)).toEqual(['no runs to plot']);
  });
});
