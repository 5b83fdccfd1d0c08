/**
 * A tiny hand-written SVG emitter for the plots of `--plot FILE.svg`: scales, ticks, markers and
 * dash patterns. Everything is black on white; series differ by marker shape and dash pattern so
 * the figures read in black and white. Pure functions returning strings, no I/O.
 */

import { SERIES_STYLES } from './seriesStyles.js';

/** Escape text and attribute values for XML (SVG). */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // characters XML 1.0 forbids (C0 controls except tab, newline, carriage return)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}

/** A number for an SVG coordinate: at most two decimals, no exponent, no "-0". */
export function px(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/** A map from data values to pixels, and back. `log` scales take and return data values (not logs). */
export interface Scale {
  readonly kind: 'linear' | 'log';
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  readonly toPx: (value: number) => number;
  readonly invert: (pixel: number) => number;
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = (r1 - r0) / (d1 - d0 || 1);
  return { kind: 'linear', domain, range, toPx: (v) => r0 + (v - d0) * k, invert: (p) => d0 + (p - r0) / k };
}

export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [l0, l1] = [Math.log10(domain[0]), Math.log10(domain[1])];
  const [r0, r1] = range;
  const k = (r1 - r0) / (l1 - l0 || 1);
  return { kind: 'log', domain, range, toPx: (v) => r0 + (Math.log10(v) - l0) * k, invert: (p) => 10 ** (l0 + (p - r0) / k) };
}

/** Ticks at 1, 2 or 5 × 10^k covering [lo, hi], about `count` of them. */
export function linearTicks(lo: number, hi: number, count = 6): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) out.push(Math.round(t / step) * step);
  return out;
}

/** Ticks on a log axis: powers of 10 when the range spans them, else 1-2-5 steps, else powers of 2. */
export function logTicks(lo: number, hi: number, preferBase2 = false): number[] {
  const inRange = (t: number) => t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9);
  if (preferBase2) {
    const twos: number[] = [];
    for (let k = Math.ceil(Math.log2(lo) - 1e-9); 2 ** k <= hi * (1 + 1e-9); k++) twos.push(2 ** k);
    if (twos.length >= 2 && twos.length <= 10) return twos;
  }
  const tens: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); 10 ** k <= hi * 10; k++) for (const m of [1, 2, 5]) tens.push(m * 10 ** k);
  const decades = tens.filter((t, i) => i % 3 === 0 && inRange(t));
  if (decades.length >= 3) {
    const every = Math.ceil(decades.length / 8);
    return decades.filter((_, i) => i % every === 0);
  }
  const all = tens.filter(inRange);
  if (all.length >= 2) return all;
  const twos: number[] = [];
  for (let k = Math.ceil(Math.log2(lo) - 1e-9); 2 ** k <= hi * (1 + 1e-9); k++) twos.push(2 ** k);
  return twos.length > 0 ? twos : [lo, hi];
}

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };

export function superscript(text: string): string {
  return [...text].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** m·10ⁿ, or 10ⁿ when m = 1. */
function scientific(value: number): string {
  if (value === 0) return '0';
  const k = Math.floor(Math.log10(Math.abs(value)) + 1e-9);
  const m = Number((value / 10 ** k).toPrecision(3));
  return m === 1 ? `10${superscript(String(k))}` : `${m === -1 ? '−' : `${m}·`}10${superscript(String(k))}`;
}

const isPowerOfTen = (v: number) => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

/**
 * The labels of one axis, all in one format: on a log axis whose ticks are powers of ten, 10ⁿ
 * for every tick (10⁴ next to 10⁵, never 10000 next to 10⁵); otherwise plain numbers when every
 * tick is moderate (10⁻³ ≤ |t| < 10⁵), and m·10ⁿ for every tick when one is not.
 */
export function tickLabels(values: readonly number[], kind: Scale['kind']): string[] {
  if (kind === 'log' && values.length > 0 && values.every(isPowerOfTen)) return values.map(scientific);
  const moderate = values.every((v) => v === 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5));
  return values.map((v) => (moderate ? String(Number(v.toPrecision(6))) : scientific(v)));
}

/**
 * Text extents for layout, from a fixed width per character: CHAR_WIDTH_EM × font size. This
 * bounds DejaVu Sans, the widest of the fonts the SVG asks for, on the labels drawn here (about
 * 0.5 em per character on words, 0.636 em on digits); a line's box runs from ASCENT_EM above the
 * baseline to DESCENT_EM below it.
 */
export const CHAR_WIDTH_EM = 0.64;
export const ASCENT_EM = 0.8;
export const DESCENT_EM = 0.25;

export type Anchor = 'start' | 'middle' | 'end';

/** An axis-aligned rectangle in pixels (y down). */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export function textWidth(content: string, fontSize: number): number {
  return [...content].length * CHAR_WIDTH_EM * fontSize;
}

/** The box of one line of text with its baseline at y, anchored at x. */
export function textRect(x: number, y: number, content: string, fontSize: number, anchor: Anchor = 'start'): Rect {
  const w = textWidth(content, fontSize);
  const x0 = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w;
  return { x0, y0: y - ASCENT_EM * fontSize, x1: x0 + w, y1: y + DESCENT_EM * fontSize };
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

export function rectInside(inner: Rect, outer: Rect): boolean {
  return inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 && inner.y1 <= outer.y1;
}

/** Whether the segment p–q meets the rectangle (Liang–Barsky clipping). */
export function segmentMeetsRect(p: readonly [number, number], q: readonly [number, number], r: Rect): boolean {
  let [t0, t1] = [0, 1];
  const [dx, dy] = [q[0] - p[0], q[1] - p[1]];
  const edges: [number, number][] = [
    [-dx, p[0] - r.x0],
    [dx, r.x1 - p[0]],
    [-dy, p[1] - r.y0],
    [dy, r.y1 - p[1]],
  ];
  for (const [den, num] of edges) {
    if (den === 0) {
      if (num < 0) return false;
    } else {
      const t = num / den;
      if (den < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** Words of `content` in lines no wider than `maxWidth` (a single longer word gets a line of its own). */
export function wrapWords(content: string, fontSize: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const word of content.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, fontSize) <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export const TICK_FONT = 12;
export const AXIS_LABEL_FONT = 14;

/** Space left of the plot box for the y tick labels and the rotated y-axis title. */
export function leftMargin(yTickLabels: readonly string[]): number {
  const widest = Math.max(0, ...yTickLabels.map((l) => textWidth(l, TICK_FONT)));
  return Math.ceil(6 + widest + 8 + (ASCENT_EM + DESCENT_EM) * AXIS_LABEL_FONT + 6);
}

/** Marker shapes (from the shared series styles). */
export const MARKER_PATHS: readonly { readonly name: string; readonly d: string }[] = SERIES_STYLES.map((s) => ({ name: s.name, d: s.svgPath }));

/** Dash patterns (SVG stroke-dasharray; '' is solid), from the shared series styles. */
export const DASH_PATTERNS: readonly string[] = SERIES_STYLES.map((s) => s.svgDash);

export function markerDefs(): string {
  return MARKER_PATHS.map((m, i) => `<path id="marker-${i}" d="${m.d}"/>`).join('');
}

/** A marker at (x, y), open (white fill) or filled, referencing the shapes of `markerDefs`. */
export function markerUse(index: number, x: number, y: number, filled: boolean, extra = ''): string {
  const id = `marker-${index % MARKER_PATHS.length}`;
  return `<use href="#${id}" xlink:href="#${id}" x="${px(x)}" y="${px(y)}" fill="${filled ? 'black' : 'white'}" stroke="black" stroke-width="1.2"${extra}/>`;
}

export function dashAttr(index: number): string {
  const dash = DASH_PATTERNS[index % DASH_PATTERNS.length] ?? '';
  return dash === '' ? '' : ` stroke-dasharray="${dash}"`;
}

export function polyline(points: readonly (readonly [number, number])[], attrs: string): string {
  return `<polyline points="${points.map(([x, y]) => `${px(x)},${px(y)}`).join(' ')}" fill="none"${attrs}/>`;
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attrs}>${content}</text>`;
}

/** The plot area in pixels. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * The frame, ticks, grid-free tick labels (one format per axis, `tickLabels`) and axis labels.
 * Labels are already-escaped SVG text content; the y-axis title sits just left of the widest
 * y tick label.
 */
export function axes(box: Box, x: Scale, y: Scale, xTicks: readonly number[], yTicks: readonly number[], xLabel: string, yLabel: string): string {
  const parts: string[] = [];
  parts.push(
    `<rect class="frame" x="${px(box.left)}" y="${px(box.top)}" width="${px(box.right - box.left)}" height="${px(box.bottom - box.top)}" fill="none" stroke="black" stroke-width="1"/>`,
  );
  const xLabels = tickLabels(xTicks, x.kind);
  xTicks.forEach((t, i) => {
    const p = x.toPx(t);
    parts.push(`<line x1="${px(p)}" y1="${px(box.bottom)}" x2="${px(p)}" y2="${px(box.bottom - 5)}" stroke="black"/>`);
    parts.push(text(p, box.bottom + 16, escapeXml(xLabels[i]!), ' class="tick-label x" text-anchor="middle"'));
  });
  const yLabels = tickLabels(yTicks, y.kind);
  yTicks.forEach((t, i) => {
    const p = y.toPx(t);
    parts.push(`<line x1="${px(box.left)}" y1="${px(p)}" x2="${px(box.left + 5)}" y2="${px(p)}" stroke="black"/>`);
    parts.push(text(box.left - 6, p + 4, escapeXml(yLabels[i]!), ' class="tick-label y" text-anchor="end"'));
  });
  parts.push(text((box.left + box.right) / 2, box.bottom + 38, xLabel, ` class="axis-label x" text-anchor="middle" font-size="${AXIS_LABEL_FONT}"`));
  const cy = (box.top + box.bottom) / 2;
  const widest = Math.max(0, ...yLabels.map((l) => textWidth(l, TICK_FONT)));
  const baseline = box.left - 6 - widest - 8 - DESCENT_EM * AXIS_LABEL_FONT;
  parts.push(
    `<text class="axis-label y" x="0" y="0" transform="translate(${px(baseline)},${px(cy)}) rotate(-90)" text-anchor="middle" font-size="${AXIS_LABEL_FONT}">${yLabel}</text>`,
  );
  return parts.join('\n');
}

/** The document around the body. */
export function svgDocument(width: number, height: number, title: string, box: Box, body: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs>${markerDefs()}<clipPath id="plot-area"><rect x="${px(box.left)}" y="${px(box.top)}" width="${px(box.right - box.left)}" height="${px(box.bottom - box.top)}"/></clipPath></defs>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}
