/**
 * The cell API for Jupyter notebooks on the tslab kernel: the same `tf`, `plot`, `display` and
 * `progress` the browser kernel gives cells, built from the same engine modules, with output sent
 * through tslab's display channel. scripts/notebooks/engine-bundle.ts bundles this file (CommonJS,
 * tslab left external) next to the exported notebooks, whose first cell imports it.
 */
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import * as layers from "@tensorflow/tfjs-layers";
import { type DisplaySink, LIVE_INTERVAL_MS } from "./live";
import { formatText } from "./format";
import { withLayers } from "./layers";
import { type MimeBundle, PLOTLY_MIME } from "./mime";
import { createPlot } from "./plot";
import { createProgress } from "./progress";
import { toMimeBundle } from "./rich";
import { initTensors } from "./tensors";
import { loadTslab } from "./notebook-tslab";

const { tslab, jupyter } = loadTslab();

export type { Figure, LivePlot, Plot, PlotOptions, Series } from "./plot";
export type { Progress, ProgressOptions } from "./progress";

/**
 * What Jupyter renders. The page's own MIME types (tensor tables, trees, progress state) are left
 * out, so progress bars and tensors degrade to their text form.
 */
const JUPYTER_MIME = /^(text\/(plain|html|markdown|latex)|image\/|application\/json$)/;

function forJupyter(bundle: MimeBundle): Record<string, string> {
  const kept = Object.entries(bundle).filter(([mime]) => mime === PLOTLY_MIME || JUPYTER_MIME.test(mime));
  // tslab types display data as strings, but Jupyter carries JSON MIME types (Plotly) as objects.
  return Object.fromEntries(kept) as Record<string, string>;
}

/** Sends one output with all its representations, e.g. a Plotly figure and its text fallback. */
function send(bundle: MimeBundle, displayId?: string, update = false): void {
  const data = forJupyter(bundle);
  // tslab.display.raw sends one MIME type per output; a bundle goes through the channel raw uses.
  const write: typeof jupyter.lastWriteDisplayData | null = jupyter.lastWriteDisplayData;
  if (!write) {
    for (const [mime, value] of Object.entries(data)) tslab.display.raw(mime, value);
    return;
  }
  write({ data, metadata: {}, transient: displayId ? { display_id: displayId } : {} }, update);
}

/** Set when a live display (chart, progress bar) is shown or redrawn by the running cell. */
let liveThisCell = false;

const sink: DisplaySink = {
  show: (bundle) => send(bundle),
  // A live chart or progress bar is one display that later updates replace, as in Jupyter.
  showLive: (bundle) => {
    const id = randomBytes(8).toString("hex");
    liveThisCell = true;
    send(bundle, id);
    return (next) => {
      liveThisCell = true;
      send(next, id, true);
    };
  },
};

/**
 * Live displays send their last state from a timer (engine/live.ts throttles redraws). A headless
 * run (nbconvert) keeps only output that arrives before the cell's reply, so a cell that drew a
 * live display replies only once that timer has fired. tslab has no hook for this: its execute
 * handler (tslab 1.0.22) is wrapped.
 */
function holdRepliesForLiveDisplays(): void {
  const prototype: unknown = jupyter.JupyterHandlerImpl?.prototype;
  if (!hasExecute(prototype)) return;
  const original = prototype.handleExecuteImpl;
  prototype.handleExecuteImpl = async function (...args) {
    liveThisCell = false;
    try {
      return await original.apply(this, args);
    } finally {
      if (liveThisCell) await new Promise((resolve) => setTimeout(resolve, 2 * LIVE_INTERVAL_MS));
    }
  };
}
type Execute = (this: unknown, ...args: unknown[]) => Promise<unknown>;
function hasExecute(value: unknown): value is { handleExecuteImpl: Execute } {
  return typeof value === "object" && value !== null && typeof (value as { handleExecuteImpl?: unknown }).handleExecuteImpl === "function";
}
holdRepliesForLiveDisplays();

/** Charts under the cell, as Plotly figures (Jupyter renders them; the text form is the fallback). */
export const plot = createPlot(sink);

/**
 * Shows a value under the cell: tensors, arrays, objects, numbers or strings; `display.markdown`
 * and `display.html` as in the browser (engine/cell-api.ts declares the same shape for the editor).
 */
export const display = Object.assign((value: unknown) => send(toMimeBundle(value)), {
  markdown: (text: string) => send({ "text/markdown": String(text), "text/plain": String(text) }),
  html: (html: string) => send({ "text/html": String(html), "text/plain": "<HTML output>" }),
});

/** A progress bar for long loops; in a notebook it is a line of text that updates in place. */
export const progress = createProgress(sink);

// tslab prints a cell's last value with console.log: show a tensor as the course does, not its fields.
Object.defineProperty(tf.Tensor.prototype, inspect.custom, {
  value(this: tf.Tensor) {
    return formatText(this);
  },
  configurable: true,
});

// tfjs suggests installing tfjs-node on first use in Node; a notebook cannot act on that.
tf.enableProdMode();

/** Resolves with the backend's name when tfjs is ready (the CPU backend). */
export const ready: Promise<string> = initTensors().then(({ backend }) => backend);

/** TensorFlow.js (tfjs-core on the CPU backend, with chained ops and gradients registered). */
/** tfjs-core with the Layers API (`tf.sequential`, `model.fit`), as the browser kernel gives cells. */
const cellTf = withLayers(tf, () => layers);
export { cellTf as tf };
/** TensorFlow.js types for annotations in cells (`x: tf.Tensor`), the same as cell-api.ts declares for the editor. */
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace cellTf {
  type Tensor<R extends tf.Rank = tf.Rank> = tf.Tensor<R>;
  type Scalar = tf.Scalar;
  type Tensor1D = tf.Tensor1D;
  type Tensor2D = tf.Tensor2D;
  type Variable<R extends tf.Rank = tf.Rank> = tf.Variable<R>;
  type Rank = tf.Rank;
  type Optimizer = tf.Optimizer;
  type LayersModel = layers.LayersModel;
  type Sequential = layers.Sequential;
  type SymbolicTensor = layers.SymbolicTensor;
  type Logs = layers.Logs;
  type History = layers.History;
}
