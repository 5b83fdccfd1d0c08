/**
 * A tiny hand-written SVG emitter for the plots of `--plot FILE.svg`: scales, ticks, markers and
 * dash patterns. Everything is black on white; series differ by marker shape and dash pattern so
 * the figures read in black and white. Pure functions returning strings, no I/O.
 */

/** Escape text and attribute values for XML (SVG). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // characters XML 1.0 forbids (C0 controls except tab, newline, carriage return)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
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

/** A tick label: plain for moderate numbers, 10ⁿ (or m·10ⁿ) for large or small ones. */
export function tickLabel(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e5) return String(Number(value.toPrecision(6)));
  const k = Math.floor(Math.log10(abs) + 1e-9);
  const m = Number((value / 10 ** k).toPrecision(3));
  return m === 1 ? `10${superscript(String(k))}` : `${m}·10${superscript(String(k))}`;
}

/** Marker shapes, centred on (0, 0), about 9 px across. */
export const MARKER_PATHS: readonly { readonly name: string; readonly d: string }[] = [
  { name: 'circle', d: 'M4.5,0A4.5,4.5 0 1 1 -4.5,0A4.5,4.5 0 1 1 4.5,0Z' },
  { name: 'square', d: 'M-4,-4H4V4H-4Z' },
  { name: 'triangle', d: 'M0,-5L4.6,3.5H-4.6Z' },
  { name: 'diamond', d: 'M0,-5.2L5.2,0L0,5.2L-5.2,0Z' },
  { name: 'pentagon', d: 'M0,-5L4.76,-1.55L2.94,4.05H-2.94L-4.76,-1.55Z' },
  { name: 'oplus', d: 'M4.5,0A4.5,4.5 0 1 1 -4.5,0A4.5,4.5 0 1 1 4.5,0ZM-4.5,0H4.5M0,-4.5V4.5' },
  { name: 'star', d: 'M0,-5.5L1.3,-1.8L5.2,-1.7L2.1,0.7L3.2,4.4L0,2.2L-3.2,4.4L-2.1,0.7L-5.2,-1.7L-1.3,-1.8Z' },
  { name: 'otimes', d: 'M4.5,0A4.5,4.5 0 1 1 -4.5,0A4.5,4.5 0 1 1 4.5,0ZM-3.2,-3.2L3.2,3.2M-3.2,3.2L3.2,-3.2' },
];

/** Dash patterns (SVG stroke-dasharray; '' is solid). */
export const DASH_PATTERNS: readonly string[] = ['', '7 4', '2 3', '8 3 2 3', '12 4', '1 4', '8 3 2 3 2 3', '4 2'];

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

/** The frame, ticks, grid-free tick labels and axis labels. Labels are already-escaped SVG text content. */
export function axes(box: Box, x: Scale, y: Scale, xTicks: readonly number[], yTicks: readonly number[], xLabel: string, yLabel: string): string {
  const parts: string[] = [];
  parts.push(`<rect class="frame" x="${px(box.left)}" y="${px(box.top)}" width="${px(box.right - box.left)}" height="${px(box.bottom - box.top)}" fill="none" stroke="black" stroke-width="1"/>`);
  for (const t of xTicks) {
    const p = x.toPx(t);
    parts.push(`<line x1="${px(p)}" y1="${px(box.bottom)}" x2="${px(p)}" y2="${px(box.bottom - 5)}" stroke="black"/>`);
    parts.push(text(p, box.bottom + 16, escapeXml(tickLabel(t)), ' class="tick-label x" text-anchor="middle"'));
  }
  for (const t of yTicks) {
    const p = y.toPx(t);
    parts.push(`<line x1="${px(box.left)}" y1="${px(p)}" x2="${px(box.left + 5)}" y2="${px(p)}" stroke="black"/>`);
    parts.push(text(box.left - 6, p + 4, escapeXml(tickLabel(t)), ' class="tick-label y" text-anchor="end"'));
  }
  parts.push(text((box.left + box.right) / 2, box.bottom + 38, xLabel, ' class="axis-label x" text-anchor="middle" font-size="14"'));
  const cy = (box.top + box.bottom) / 2;
  parts.push(`<text class="axis-label y" x="0" y="0" transform="translate(${px(box.left - 52)},${px(cy)}) rotate(-90)" text-anchor="middle" font-size="14">${yLabel}</text>`);
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
