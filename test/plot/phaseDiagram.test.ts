import { describe, expect, it } from 'vitest';
import { thresholds, type ThresholdResult } from '../../src/thresholds/thresholds.js';
import { phaseDiagramFrame, phaseDiagramSvg } from '../../src/plot/phaseDiagramPlot.js';
import { escapeXml } from '../../src/plot/svg.js';
import { byClass, descendants, parseXml, pointsOf, textContent, type XmlElement } from './xml.js';

/** The y of a polyline (pixel coordinates) at pixel x, by linear interpolation. */
function yAt(points: readonly (readonly [number, number])[], x: number): number {
  for (let k = 1; k < points.length; k++) {
    const [x0, y0] = points[k - 1]!;
    const [x1, y1] = points[k]!;
    if (x >= x0 - 1e-6 && x <= x1 + 1e-6) return x1 === x0 ? y1 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  }
  throw new Error(`x = ${x} outside the polyline`);
}

function curveOf(svg: XmlElement): XmlElement {
  const curves = descendants(svg).filter((e) => e.name === 'polyline');
  expect(curves).toHaveLength(1);
  return curves[0]!;
}

describe('phase diagram SVG', () => {
  const he3alt = thresholds({ target: 'He3(z)', algorithm: 'alternating' });
  const he3batch = thresholds({ target: 'He3(z)', algorithm: 'batch-reuse' });

  it('is well-formed SVG with axis labels, a title, a legend and one polyline', () => {
    const text = phaseDiagramSvg(he3alt);
    const svg = parseXml(text);
    expect(svg.name).toBe('svg');
    expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    const xLabel = byClass(svg, 'axis-label').map(textContent);
    expect(xLabel.some((t) => t.startsWith('α, with η = d') && t.includes('−α'))).toBe(true);
    expect(xLabel).toContain('exponent of d in T');
    const title = textContent(byClass(svg, 'title')[0]!);
    expect(title).toContain('He₃(z)');
    expect(title).toContain('alternating');
    expect(byClass(svg, 'legend')).toHaveLength(1);
    expect(byClass(svg, 'legend-entry').length).toBeGreaterThanOrEqual(2);
    curveOf(svg);
    // every marker reference points at a defined shape
    const ids = new Set(
      descendants(svg)
        .map((e) => e.attrs.id)
        .filter(Boolean),
    );
    for (const u of descendants(svg).filter((e) => e.name === 'use')) expect(ids.has(u.attrs.href!.slice(1))).toBe(true);
  });

  it('marks the breakpoint 1/2 of He3 alternating and reads exponents 1 at α = 0 and 2 at large α', () => {
    const svg = parseXml(phaseDiagramSvg(he3alt));
    expect(byClass(svg, 'breakpoint-label').map(textContent)).toEqual(['1/2']);
    const line = byClass(svg, 'breakpoint')[0]!;
    const frame = phaseDiagramFrame(he3alt);
    expect(frame.x.invert(Number(line.attrs.x1))).toBeCloseTo(0.5, 2);
    expect(line.attrs['stroke-dasharray']).toBeTruthy();
    const points = pointsOf(curveOf(svg));
    const exponentAt = (alpha: number) => frame.y.invert(yAt(points, frame.x.toPx(alpha)));
    expect(exponentAt(0)).toBeCloseTo(1, 2);
    expect(exponentAt(0.25)).toBeCloseTo(1.5, 2);
    expect(exponentAt(frame.xMax)).toBeCloseTo(2, 2);
    expect(exponentAt(1.7)).toBeCloseTo(2, 2);
    expect(frame.xMax).toBe(2);
    const regimes = byClass(svg, 'regime-label').map(textContent);
    expect(regimes).toHaveLength(2);
    expect(regimes[0]).toContain('label-power');
    expect(regimes[1]).toContain('information');
  });

  it('marks the breakpoints 1 and 3/2 of He3 batch-reuse, on x from 0 to 9/4', () => {
    const svg = parseXml(phaseDiagramSvg(he3batch));
    expect(byClass(svg, 'breakpoint-label').map(textContent)).toEqual(['1', '3/2']);
    const frame = phaseDiagramFrame(he3batch);
    expect(frame.xMax).toBeCloseTo(2.25, 12);
    const points = pointsOf(curveOf(svg));
    const exponentAt = (alpha: number) => frame.y.invert(yAt(points, frame.x.toPx(alpha)));
    expect(exponentAt(0)).toBeCloseTo(1, 2);
    expect(exponentAt(1.25)).toBeCloseTo(1.5, 2);
    expect(exponentAt(2.25)).toBeCloseTo(2, 2);
    expect(
      byClass(svg, 'regime-label')
        .map(textContent)
        .map((t) => t.split(' ')[0]),
    ).toEqual(['generative', 'label-power', 'information']);
  });

  it('draws a note instead of a curve when ψ is not separable', () => {
    const custom = thresholds({ target: 'He3(z)', algorithm: 'custom', psi: 'y*z*sin(y*z)' });
    expect(custom.phaseDiagram.pieces).toHaveLength(0);
    const svg = parseXml(phaseDiagramSvg(custom));
    expect(descendants(svg).filter((e) => e.name === 'polyline')).toHaveLength(0);
    expect(byClass(svg, 'note').map(textContent).join(' ')).toContain('No exact phase diagram');
  });

  it('escapes XML special characters in the title', () => {
    const fake = { ...he3alt, target: 'a<b & "c"' } as ThresholdResult;
    const text = phaseDiagramSvg(fake);
    expect(text).toContain(escapeXml('a<b & "c"'));
    const svg = parseXml(text);
    expect(textContent(byClass(svg, 'title')[0]!)).toContain('a<b & "c"');
  });

  it('the XML checker rejects malformed documents', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow();
    expect(() => parseXml('<svg a="1" a="2"/>')).toThrow();
    expect(() => parseXml('<svg>x & y</svg>')).toThrow();
    expect(() => parseXml('<svg/><svg/>')).toThrow();
    expect(parseXml('<?xml version="1.0"?><svg><t>a &amp; b</t></svg>').children[0]!.text).toBe('a & b');
  });
});
