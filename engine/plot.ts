/**
 * The plot API cells see as `plot`. Each call builds a Plotly figure and displays it; the page
 * renders it with plotly.js, which it loads only when the first chart appears.
 */
import { isTensorLike } from "./format";
import { type MimeBundle, PLOTLY_MIME } from "./mime";

/** Numbers to plot: an array, a typed array or a 1-D tensor. */
export type Series = ArrayLike<number> | { dataSync(): ArrayLike<number> };

export interface PlotOptions {
  /** Chart title. */
  title?: string;
  /** Label of the x axis. */
  xLabel?: string;
  /** Label of the y axis. */
  yLabel?: string;
  /** Name of the trace, shown in the legend. */
  name?: string;
}

export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

export interface Plot {
  /** Draws `ys` against `xs` as a line chart. */
  line(xs: Series, ys: Series, options?: PlotOptions): void;
  /** Draws the points (`xs[i]`, `ys[i]`) as a scatter chart. */
  scatter(xs: Series, ys: Series, options?: PlotOptions): void;
  /**
   * Draws any Plotly figure: `data` is a list of Plotly traces, `layout` a Plotly layout.
   * Tensors in a trace's `x`, `y` or `z` are converted to arrays.
   * @example plot.figure([{ type: "bar", x: ["a", "b"], y: [3, 5] }], { title: { text: "Counts" } });
   */
  figure(data: Record<string, unknown>[], layout?: Record<string, unknown>): void;
}

export function toNumbers(series: Series, argument: string): number[] {
  if (isTensorLike(series) || (typeof series === "object" && series !== null && "dataSync" in series)) {
    return Array.from((series as { dataSync(): ArrayLike<number> }).dataSync());
  }
  if (typeof series !== "object" || series === null || typeof series.length !== "number") {
    throw new TypeError(`plot: ${argument} must be an array of numbers or a tensor, got ${typeof series}`);
  }
  return Array.from(series, Number);
}

/** Tensors become nested arrays, so the figure can cross to the page as plain data. */
function plainTrace(trace: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...trace };
  for (const key of ["x", "y", "z"]) {
    const value = plain[key];
    if (isTensorLike(value)) plain[key] = value.arraySync();
    else if (ArrayBuffer.isView(value)) plain[key] = Array.from(value as unknown as ArrayLike<number>);
  }
  return plain;
}

function layoutFor(options: PlotOptions): Record<string, unknown> {
  return {
    ...(options.title ? { title: { text: options.title } } : {}),
    xaxis: options.xLabel ? { title: { text: options.xLabel } } : {},
    yaxis: options.yLabel ? { title: { text: options.yLabel } } : {},
  };
}

export function figureBundle(figure: Figure): MimeBundle {
  const traces = figure.data.length;
  const title = (figure.layout.title as { text?: string } | undefined)?.text;
  return {
    [PLOTLY_MIME]: figure,
    "text/plain": `<Figure${title ? ` "${title}"` : ""} with ${traces} trace${traces === 1 ? "" : "s"}>`,
  };
}

export function createPlot(show: (bundle: MimeBundle) => void): Plot {
  const xy = (mode: "lines" | "markers") => (xs: Series, ys: Series, options: PlotOptions = {}) => {
    const x = toNumbers(xs, "xs");
    const y = toNumbers(ys, "ys");
    if (x.length !== y.length) {
      throw new RangeError(`plot: xs has ${x.length} values but ys has ${y.length}; they must match`);
    }
    const figure: Figure = {
      data: [{ type: "scatter", mode, x, y, ...(options.name ? { name: options.name } : {}) }],
      layout: layoutFor(options),
    };
    show(figureBundle(figure));
  };
  const figure = (data: Record<string, unknown>[], layout: Record<string, unknown> = {}) => {
    if (!Array.isArray(data)) throw new TypeError("plot.figure: data must be an array of Plotly traces");
    show(figureBundle({ data: data.map(plainTrace), layout }));
  };
  return { line: xy("lines"), scatter: xy("markers"), figure };
}
