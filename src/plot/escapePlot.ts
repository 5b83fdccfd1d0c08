/**
 * The plot of `sindex escape`: exit time (samples, log axis) against the width p (log axis), one
 * series per d: simulated medians as open markers with their 95 % intervals as bars (censored
 * medians as arrows at the top), the overlap ODE's exit times as a solid line with filled markers,
 * and the quenched closed form as a dashed line. SVG and pgfplots, as strings.
 */
import type { EscapeReport, EscapeRow } from '../escape/report.js';
import { linkTex, linkUnicode } from './mathText.js';
import { coordinates, escapeLatex, standaloneDocument, texDash, texMark, texNumber } from './pgfplots.js';
import { axes, dashAttr, escapeXml, leftMargin, logScale, logTicks, markerUse, polyline, px, svgDocument, text, tickLabels, type Box } from './svg.js';

const WIDTH = 720;
const HEIGHT = 480;

const finite = (x: number | null): x is number => x !== null && Number.isFinite(x) && x > 0;

/** The rows of each d, by p. */
function seriesOf(report: EscapeReport): { d: number; rows: EscapeRow[] }[] {
  const ds = [...new Set(report.rows.map((r) => r.d))].sort((a, b) => a - b);
  return ds.map((d) => ({ d, rows: report.rows.filter((r) => r.d === d).sort((a, b) => a.p - b.p) }));
}

/** Every finite time the plot shows, for the axis range. */
function times(report: EscapeReport): number[] {
  return report.rows.flatMap((r) => [r.median, r.ci[0], r.ci[1], r.odeExitSamples, r.quenchedSamples]).filter(finite);
}

function title(report: EscapeReport, tex: boolean): string {
  const m = tex ? linkTex : linkUnicode;
  const partial = report.partial ? `, partial: ${report.seedsFinished} of ${report.seedsPlanned} seeds` : '';
  return tex
    ? `committee $\\sigma =$ ${m(report.activation)}, target $\\sigma^* =$ ${m(report.target)}, $T = ${report.riskDrop}$${escapeLatex(partial)}`
    : `committee σ = ${m(report.activation)}, target σ* = ${m(report.target)}, T = ${report.riskDrop}${partial}`;
}

export function escapeSvg(report: EscapeReport): string {
  const ps = report.rows.map((r) => r.p);
  const ts = times(report);
  const [pLo, pHi] = [Math.min(...ps), Math.max(...ps)];
  const [tLo, tHi] = ts.length ? [Math.min(...ts), Math.max(...ts)] : [1, 10];
  const xDomain: [number, number] = pLo === pHi ? [pLo / 2, pHi * 2] : [pLo / 1.25, pHi * 1.25];
  const yDomain: [number, number] = [tLo / 1.5, tHi * 1.5];
  const yTicks = logTicks(yDomain[0], yDomain[1]);
  const box: Box = { left: leftMargin(tickLabels(yTicks, 'log')), top: 50, right: WIDTH - 180, bottom: HEIGHT - 60 };
  const x = logScale(xDomain, [box.left, box.right]);
  const y = logScale(yDomain, [box.bottom, box.top]);
  const parts = [axes(box, x, y, logTicks(xDomain[0], xDomain[1], true), yTicks, 'width p', 'exit time (samples)')];
  const legend: string[] = [];
  seriesOf(report).forEach(({ d, rows }, i) => {
    const sim = rows.filter((r) => finite(r.median));
    for (const r of sim) {
      const cx = x.toPx(r.p);
      const lo = finite(r.ci[0]) ? y.toPx(r.ci[0]) : y.toPx(r.median!);
      const hi = finite(r.ci[1]) ? y.toPx(r.ci[1]) : box.top;
      parts.push(`<line class="ci" x1="${px(cx)}" y1="${px(lo)}" x2="${px(cx)}" y2="${px(hi)}" stroke="black"/>`);
      parts.push(markerUse(i, cx, y.toPx(r.median!), false, ' class="simulated"'));
    }
    for (const r of rows.filter((r) => r.seeds > 0 && r.median === null)) {
      const cx = x.toPx(r.p);
      parts.push(`<path class="censored" d="M${px(cx)},${px(box.top + 14)} l-4,6 h8 z" fill="black"/>`);
    }
    const ode = rows.filter((r) => finite(r.odeExitSamples)).map((r) => [x.toPx(r.p), y.toPx(r.odeExitSamples!)] as const);
    if (ode.length) {
      parts.push(polyline(ode, ' class="ode" stroke="black" stroke-width="1.2"'));
      for (const [cx, cy] of ode) parts.push(markerUse(i, cx, cy, true, ' class="ode-point"'));
    }
    const quenched = rows.filter((r) => finite(r.quenchedSamples)).map((r) => [x.toPx(r.p), y.toPx(r.quenchedSamples!)] as const);
    if (quenched.length) parts.push(polyline(quenched, ` class="quenched" stroke="black" stroke-width="1"${dashAttr(i + 1)}`));
    const ly = box.top + 10 + i * 54;
    legend.push(markerUse(i, box.right + 24, ly, false), text(box.right + 34, ly + 4, escapeXml(`simulated, d = ${d}`)));
    legend.push(markerUse(i, box.right + 24, ly + 16, true), text(box.right + 34, ly + 20, escapeXml('ODE')));
    legend.push(
      polyline(
        [
          [box.right + 14, ly + 32],
          [box.right + 30, ly + 32],
        ],
        ` stroke="black"${dashAttr(i + 1)}`,
      ),
      text(box.right + 34, ly + 36, 'quenched'),
    );
  });
  parts.push(...legend);
  parts.push(text(WIDTH / 2, 24, escapeXml(title(report, false)), ' class="title" text-anchor="middle" font-size="14"'));
  return svgDocument(WIDTH, HEIGHT, title(report, false), box, parts.join('\n'));
}

export function escapePgfplots(report: EscapeReport): string {
  const body: string[] = [];
  seriesOf(report).forEach(({ d, rows }, i) => {
    const sim = rows.filter((r) => finite(r.median));
    if (sim.length) {
      const pts = sim.map((r) => {
        const lo = finite(r.ci[0]) ? r.median! - r.ci[0] : 0;
        const hi = finite(r.ci[1]) ? r.ci[1] - r.median! : 0;
        return `(${texNumber(r.p)},${texNumber(r.median!)}) -= (0,${texNumber(lo)}) += (0,${texNumber(hi)})`;
      });
      body.push(`\\addplot+[only marks, ${texMark(i, false)}, black, error bars/.cd, y dir=both, y explicit] coordinates {${pts.join(' ')}};`);
      body.push(`\\addlegendentry{simulated, $d = ${d}$}`);
    }
    const ode = rows.filter((r) => finite(r.odeExitSamples)).map((r) => [r.p, r.odeExitSamples!] as const);
    if (ode.length) body.push(`\\addplot[black, solid, ${texMark(i, true)}] ${coordinates(ode)};`, `\\addlegendentry{ODE, $d = ${d}$}`);
    const q = rows.filter((r) => finite(r.quenchedSamples)).map((r) => [r.p, r.quenchedSamples!] as const);
    if (q.length) body.push(`\\addplot[black, ${texDash(i + 1)}, no marks] ${coordinates(q)};`, `\\addlegendentry{quenched, $d = ${d}$}`);
  });
  const options = [
    'xmode=log',
    'ymode=log',
    'log basis x=2',
    'xlabel={width $p$}',
    'ylabel={exit time (samples)}',
    `title={${title(report, true)}}`,
    'legend pos=outer north east',
    'legend style={font=\\small}',
    'width=10cm',
    'height=7cm',
  ];
  return standaloneDocument(options, body);
}
