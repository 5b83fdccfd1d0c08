/**
 * How the series of a figure differ, in black on white: a marker shape and a dash pattern, one
 * row per series index, written once for both outputs (SVG paths and dash arrays, pgfplots
 * marks and line styles), so the SVG and the pgfplots version of a figure always agree.
 */
export interface SeriesStyle {
  readonly name: string;
  /** SVG path of the marker, centred on (0, 0), about 9 px across. */
  readonly svgPath: string;
  /** pgfplots marks: open (measured points) and filled (ODE points). */
  readonly texOpen: string;
  readonly texFilled: string;
  /** SVG stroke-dasharray ('' is solid) and the pgfplots line style of the same series. */
  readonly svgDash: string;
  readonly texDash: string;
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { name: 'circle', svgPath: 'M4.5,0A4.5,4.5 0 1 1 -4.5,0A4.5,4.5 0 1 1 4.5,0Z', texOpen: 'o', texFilled: '*', svgDash: '', texDash: 'solid' },
  { name: 'square', svgPath: 'M-4,-4H4V4H-4Z', texOpen: 'square', texFilled: 'square*', svgDash: '7 4', texDash: 'dashed' },
  { name: 'triangle', svgPath: 'M0,-5L4.6,3.5H-4.6Z', texOpen: 'triangle', texFilled: 'triangle*', svgDash: '2 3', texDash: 'dotted' },
  { name: 'diamond', svgPath: 'M0,-5.2L5.2,0L0,5.2L-5.2,0Z', texOpen: 'diamond', texFilled: 'diamond*', svgDash: '8 3 2 3', texDash: 'dashdotted' },
  {
    name: 'pentagon',
    svgPath: 'M0,-5L4.76,-1.55L2.94,4.05H-2.94L-4.76,-1.55Z',
    texOpen: 'pentagon',
    texFilled: 'pentagon*',
    svgDash: '12 4',
    texDash: 'loosely dashed',
  },
  {
    name: 'oplus',
    svgPath: 'M4.5,0A4.5,4.5 0 1 1 -4.5,0A4.5,4.5 0 1 1 4.5,0ZM-4.5,0H4.5M0,-4.5V4.5',
    texOpen: 'oplus',
    texFilled: 'oplus*',
    svgDash: '1 4',
    texDash: 'densely dotted',
  },
  {
    name: 'star',
    svgPath: 'M0,-5.5L1.3,-1.8L5.2,-1.7L2.1,0.7L3.2,4.4L0,2.2L-3.2,4.4L-2.1,0.7L-5.2,-1.7L-1.3,-1.8Z',
    texOpen: 'star',
    texFilled: 'asterisk',
    svgDash: '8 3 2 3 2 3',
    texDash: 'dashdotdotted',
  },
  {
    name: 'otimes',
    svgPath: 'M4.5,0A4.5,4.5 0 1 1 -4.5,0A4.5,4.5 0 1 1 4.5,0ZM-3.2,-3.2L3.2,3.2M-3.2,3.2L3.2,-3.2',
    texOpen: 'otimes',
    texFilled: 'otimes*',
    svgDash: '4 2',
    texDash: 'densely dashed',
  },
];

/** The style of series `index` (the table repeats). */
export const seriesStyle = (index: number): SeriesStyle => SERIES_STYLES[index % SERIES_STYLES.length]!;
