/**
 * The plot API cells see as `plot`. Each call builds a Plotly figure and displays it; the page
 * renders it with plotly.js, which it loads only when the first chart appears.
 */
import { isTensorLike } from "./format";
import { type DisplaySink, throttledDisplay } from "./live";
import { type MimeBundle, PLOTLY_MIME } from "./mime";

/** Numbers to plot: an array, a typed array or a 1-D tensor. */
export type Series = ArrayLike<number> | { dataSync(): ArrayLike<number> };

/** A grid of numbers: nested arrays or a 2-D tensor. */
export type Grid = ArrayLike<ArrayLike<number>> | { arraySync(): unknown };

export interface PlotOptions {
  /** Chart title. */
  title?: string;
  /** Label of the x axis. */
  xLabel?: string;
  /** Label of the y axis. */
  yLabel?: string;
  /** Label of the z axis (3-D charts). */
  zLabel?: string;
  /** Name of the trace shown in the legend; one name per series when `ys` holds several. */
  name?: string | string[];
  /** Use a logarithmic y axis. */
  logY?: boolean;
}

export interface GridOptions extends PlotOptions {
  /** Coordinates of the grid's columns. */
  x?: Series;
  /** Coordinates of the grid's rows. */
  y?: Series;
}

export interface HistogramOptions extends PlotOptions {
  /** Roughly how many bins (Plotly picks nice edges). */
  bins?: number;
}

export interface LiveOptions extends PlotOptions {
  /** Draw points as markers instead of lines. */
  markers?: boolean;
}

/** A chart a loop updates as it runs; it redraws at most about 10 times a second. */
export interface LivePlot {
  /**
   * Adds a point: `push(loss)` appends to one trace at the next step; `push({ train, test })`
   * appends to one trace per key. `x` defaults to the step number.
   */
  push(y: number | Record<string, number>, x?: number): void;
  /**
   * A `model.fit` callback: pass the chart in `callbacks` and it plots every number in the
   * epoch's logs (`loss`, `val_loss`, metrics) against the epoch, counted from 1.
   * @example await model.fit(xs, ys, { epochs: 50, callbacks: [plot.live({ title: "loss" })] });
   */
  onEpochEnd(epoch: number, logs?: Record<string, number>): void;
}

export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

export interface Plot {
  /** Draws `ys` against `xs` as a line chart; pass several series in `ys` for several lines. */
  line(xs: Series, ys: Series | Series[], options?: PlotOptions): void;
  /** Draws the points (`xs[i]`, `ys[i]`) as a scatter chart; several series give several traces. */
  scatter(xs: Series, ys: Series | Series[], options?: PlotOptions): void;
  /** Draws a histogram of `values`. */
  histogram(values: Series, options?: HistogramOptions): void;
  /** Draws a grid of values as colours (`z[row][column]`). */
  heatmap(z: Grid, options?: GridOptions): void;
  /** Draws the level curves of a function sampled on a grid (`z[row][column]`). */
  contour(z: Grid, options?: GridOptions): void;
  /** Draws a grid of heights as a 3-D surface. */
  surface(z: Grid, options?: GridOptions): void;
  /** Draws points in 3-D. */
  scatter3d(xs: Series, ys: Series, zs: Series, options?: PlotOptions): void;
  /**
   * Draws any Plotly figure: `data` is a list of Plotly traces, `layout` a Plotly layout.
   * Tensors in a trace's `x`, `y` or `z` are converted to arrays.
   * @example plot.figure([{ type: "bar", x: ["a", "b"], y: [3, 5] }], { title: { text: "Counts" } });
   */
  figure(data: Record<string, unknown>[], layout?: Record<string, unknown>): void;
  /**
   * A chart that a training loop updates as it runs.
   * @example const chart = plot.live({ title: "loss" }); for (...) chart.push(loss);
   */
  live(options?: LiveOptions): LivePlot;
}

export function toNumbers(series: Series, argument: string): number[] {
  if (typeof series === "object" && series !== null && "dataSync" in series && typeof series.dataSync === "function") {
    return Array.from(series.dataSync(), Number);
  }
  if (typeof series !== "object" || series === null || typeof (series as ArrayLike<number>).length !== "number") {
    throw new TypeError(`plot: ${argument} must be an array of numbers or a tensor, got ${typeof series}`);
  }
  return Array.from(series as ArrayLike<number>, Number);
}

function toGrid(grid: Grid, argument: string): number[][] {
  const value = typeof grid === "object" && grid !== null && "arraySync" in grid && typeof grid.arraySync === "function" ? grid.arraySync() : grid;
  if (!Array.isArray(value) && !(typeof value === "object" && value !== null && "length" in value)) {
    throw new TypeError(`plot: ${argument} must be a 2-D array of numbers or a 2-D tensor`);
  }
  return Array.from(value as ArrayLike<ArrayLike<number>>, (row, index) => {
    if (typeof row !== "object" || row === null) throw new TypeError(`plot: row ${index} of ${argument} is not an array`);
    return Array.from(row, Number);
  });
}

/** One series, or several: an array whose items are themselves arrays or tensors. */
function toSeriesList(ys: Series | Series[]): number[][] {
  const many = Array.isArray(ys) && ys.length > 0 && ys.every((item) => typeof item === "object" && item !== null);
  return many ? (ys as Series[]).map((series, index) => toNumbers(series, `ys[${index}]`)) : [toNumbers(ys as Series, "ys")];
}

function layoutFor(options: PlotOptions, is3d = false): Record<string, unknown> {
  const axis = (text?: string, extra: Record<string, unknown> = {}) => (text ? { title: { text }, ...extra } : extra);
  const base = options.title ? { title: { text: options.title } } : {};
  if (is3d) {
    return { ...base, scene: { xaxis: axis(options.xLabel), yaxis: axis(options.yLabel), zaxis: axis(options.zLabel) } };
  }
  return { ...base, xaxis: axis(options.xLabel), yaxis: axis(options.yLabel, options.logY ? { type: "log" } : {}) };
}

function nameAt(options: PlotOptions, index: number): Record<string, unknown> {
  const name = Array.isArray(options.name) ? options.name[index] : index === 0 ? options.name : undefined;
  return name ? { name } : {};
}

export function figureBundle(figure: Figure): MimeBundle {
  const traces = figure.data.length;
  const title = (figure.layout.title as { text?: string } | undefined)?.text;
  return {
    [PLOTLY_MIME]: figure,
    "text/plain": `<Figure${title ? ` "${title}"` : ""} with ${traces} trace${traces === 1 ? "" : "s"}>`,
  };
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

export function createPlot(target: DisplaySink | ((bundle: MimeBundle) => void)): Plot {
  const sink: DisplaySink =
    typeof target === "function" ? { show: target, showLive: (bundle) => (target(bundle), () => undefined) } : target;
  const show = (data: Record<string, unknown>[], layout: Record<string, unknown>) => sink.show(figureBundle({ data, layout }));

  const xy = (mode: "lines" | "markers") => (xs: Series, ys: Series | Series[], options: PlotOptions = {}) => {
    const x = toNumbers(xs, "xs");
    const traces = toSeriesList(ys).map((y, index) => {
      if (x.length !== y.length) {
        throw new RangeError(`plot: xs has ${x.length} values but ys${index > 0 ? `[${index}]` : ""} has ${y.length}; they must match`);
      }
      return { type: "scatter", mode, x, y, ...nameAt(options, index) };
    });
    show(traces, layoutFor(options));
  };

  const grid = (type: "heatmap" | "contour" | "surface") => (z: Grid, options: GridOptions = {}) => {
    const trace: Record<string, unknown> = { type, z: toGrid(z, "z") };
    if (options.x) trace.x = toNumbers(options.x, "x");
    if (options.y) trace.y = toNumbers(options.y, "y");
    show([{ ...trace, ...nameAt(options, 0) }], layoutFor(options, type === "surface"));
  };

  return {
    line: xy("lines"),
    scatter: xy("markers"),
    histogram(values, options = {}) {
      const trace = { type: "histogram", x: toNumbers(values, "values"), ...(options.bins ? { nbinsx: options.bins } : {}) };
      show([{ ...trace, ...nameAt(options, 0) }], layoutFor(options));
    },
    heatmap: grid("heatmap"),
    contour: grid("contour"),
    surface: grid("surface"),
    scatter3d(xs, ys, zs, options = {}) {
      const trace = { type: "scatter3d", mode: "markers", x: toNumbers(xs, "xs"), y: toNumbers(ys, "ys"), z: toNumbers(zs, "zs"), marker: { size: 3 } };
      show([{ ...trace, ...nameAt(options, 0) }], layoutFor(options, true));
    },
    figure(data, layout = {}) {
      if (!Array.isArray(data)) throw new TypeError("plot.figure: data must be an array of Plotly traces");
      show(data.map(plainTrace), layout);
    },
    live(options = {}) {
      const traces = new Map<string, { x: number[]; y: number[] }>();
      let step = 0;
      const render = () =>
        figureBundle({
          data: [...traces.entries()].map(([name, { x, y }]) => ({
            type: "scatter",
            mode: options.markers ? "markers" : "lines",
            x,
            y,
            ...(name ? { name } : {}),
          })),
          layout: layoutFor(options),
        });
      const changed = throttledDisplay(sink, render);
      const chart: LivePlot = {
        push(y, x) {
          const at = x ?? step;
          step += 1;
          const points = typeof y === "number" ? { [typeof options.name === "string" ? options.name : ""]: y } : y;
          for (const [name, value] of Object.entries(points)) {
            const trace = traces.get(name) ?? { x: [], y: [] };
            trace.x.push(at);
            trace.y.push(Number(value));
            traces.set(name, trace);
          }
          changed();
        },
        // tfjs calls callbacks with its own `this`: use the chart, not `this`.
        onEpochEnd(epoch, logs = {}) {
          const numbers = Object.fromEntries(Object.entries(logs).filter(([, value]) => typeof value === "number"));
          if (Object.keys(numbers).length > 0) chart.push(numbers, epoch + 1);
        },
      };
      return chart;
    },
  };
}
