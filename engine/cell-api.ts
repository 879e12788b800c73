/**
 * The globals every cell sees. This file is the source of the declarations the editor loads
 * (scripts/build-engine.mjs turns it into a .d.ts), so hover docs and completion match the kernel.
 */
import type * as tfjs from "@tensorflow/tfjs-core";
import type * as tflayers from "@tensorflow/tfjs-layers";
import type { Plot } from "./plot";
import type { Progress, ProgressOptions } from "./progress";

export type { Figure, GridOptions, HistogramOptions, LiveOptions, LivePlot, PlotOptions, Series, Grid } from "./plot";
export type { Progress, ProgressOptions } from "./progress";

/** `display(value)`, plus Markdown and HTML output. */
export interface Display {
  /** Shows a value under the cell. */
  (value: unknown): void;
  /** Renders Markdown (with $math$ left as text) under the cell. Scripts and event handlers are removed. */
  markdown(text: string): void;
  /** Renders HTML under the cell, sanitized: scripts, event handlers and remote loads are removed. */
  html(html: string): void;
}

/** What `console` offers in a cell: output appears under the cell, in order. */
export interface CellConsole {
  /** Prints its arguments to the cell's output (stdout). */
  log(...values: unknown[]): void;
  /** Same as `log`. */
  info(...values: unknown[]): void;
  /** Same as `log`. */
  debug(...values: unknown[]): void;
  /** Same as `log`. */
  dir(...values: unknown[]): void;
  /** Same as `log`. */
  table(...values: unknown[]): void;
  /** Prints its arguments to the cell's output as a warning (stderr). */
  warn(...values: unknown[]): void;
  /** Prints its arguments to the cell's output as an error (stderr). */
  error(...values: unknown[]): void;
}

declare global {
  /**
   * TensorFlow.js: tensors, ops and automatic differentiation, and the Layers API
   * (`tf.sequential`, `tf.layers.dense`, `model.compile`, `model.fit`), loaded on first use.
   * @example const x = tf.tensor([1, 2, 3]); x.square().sum().print();
   * @example const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
   */
  const tf: typeof tfjs & typeof tflayers;
  /** TensorFlow.js types, for annotations in cells: `(x: tf.Tensor) => …`, `tf.Variable`, `tf.Scalar`. */
  namespace tf {
    type Tensor<R extends tfjs.Rank = tfjs.Rank> = tfjs.Tensor<R>;
    type Scalar = tfjs.Scalar;
    type Tensor1D = tfjs.Tensor1D;
    type Tensor2D = tfjs.Tensor2D;
    type Variable<R extends tfjs.Rank = tfjs.Rank> = tfjs.Variable<R>;
    type Rank = tfjs.Rank;
    type Optimizer = tfjs.Optimizer;
    type LayersModel = tflayers.LayersModel;
    type Sequential = tflayers.Sequential;
    type SymbolicTensor = tflayers.SymbolicTensor;
    type Logs = tflayers.Logs;
    type History = tflayers.History;
  }
  /**
   * Charts that render under the cell.
   * @example plot.line([0, 1, 2], [0, 1, 4], { title: "x squared" });
   */
  const plot: Plot;
  /**
   * Shows a value under the cell: tensors as tables, arrays and objects as expandable trees,
   * numbers and strings as text.
   */
  const display: Display;
  /**
   * A live progress bar for long loops, with the count, elapsed time and ETA.
   * @example for (const step of progress(1000, { label: "training" })) { ... }
   * @example const bar = progress(epochs); ... bar.tick();
   */
  function progress(total: number, options?: ProgressOptions): Progress;
  /** Output shows under the cell. */
  const console: CellConsole;
  /** Calls `callback` after `ms` milliseconds. */
  function setTimeout(callback: () => void, ms?: number): number;
  /** Cancels a `setTimeout`. */
  function clearTimeout(id: number | undefined): void;
  /** Calls `callback` every `ms` milliseconds. */
  function setInterval(callback: () => void, ms?: number): number;
  /** Cancels a `setInterval`. */
  function clearInterval(id: number | undefined): void;
}
