/** Plots for `--plot FILE.svg|FILE.tex`: hand-written SVG and pgfplots emitters (no plotting dependency). */
export { phaseDiagramSvg, phaseDiagramPgfplots, phaseDiagramFrame, type PhaseFrame } from './phaseDiagramPlot.js';
export { scalingSvg, scalingPgfplots, scalingFrame, type ScalingFrame, type ScalingSummary, type ScalingOptions } from './scalingPlot.js';
export { plotFormat, type PlotFormat } from './output.js';
