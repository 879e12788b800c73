/**
 * The cell API for Jupyter notebooks on the tslab kernel: the same `tf`, `plot`, `display` and
 * `progress` the browser kernel gives cells, with output sent through tslab's display channel.
 * scripts/export-notebooks.ts bundles this file (CommonJS, tslab left external) next to the
 * exported notebooks, whose first cell imports it.
 */
import * as tslab from "tslab";
import * as jupyter from "tslab/dist/jupyter";
import { toMimeBundle } from "./rich";
import type { MimeBundle } from "./mime";
import { createTextProgress } from "./notebook-progress";
import { createPlot } from "./plot";
import * as tf from "@tensorflow/tfjs-core";
import { initTensors } from "./tensors";

export type { Figure, Plot, PlotOptions, Series } from "./plot";
export type { Progress, ProgressBar } from "./notebook-progress";

/** Sends one output with all its representations, e.g. a Plotly figure and its text fallback. */
function show(bundle: MimeBundle): void {
  const entries = Object.entries(bundle);
  // tslab.display.raw sends one MIME type per output; a bundle goes through the channel it uses.
  const write: typeof jupyter.lastWriteDisplayData | null = jupyter.lastWriteDisplayData;
  if (entries.length > 1 && write) {
    // tslab types display data as strings, but Jupyter carries JSON MIME types (Plotly) as objects.
    write({ data: bundle as Record<string, string>, metadata: {}, transient: {} }, false);
    return;
  }
  for (const [mime, data] of entries) tslab.display.raw(mime, data as string);
}

export const plot = createPlot(show);

/** Shows a value under the cell: tensors, arrays, objects, numbers or strings. */
export function display(value: unknown): void {
  show(toMimeBundle(value));
}

/** A text progress bar: `const bar = progress(100, "training"); bar.tick();`. */
export const progress = createTextProgress((line) => console.log(line));

// tfjs suggests installing tfjs-node on first use in Node; a notebook cannot act on that.
tf.enableProdMode();

/** Resolves with the backend's name when tfjs is ready (the CPU backend). */
export const ready: Promise<string> = initTensors().then(({ backend }) => backend);

/** TensorFlow.js (tfjs-core on the CPU backend, with chained ops and gradients registered). */
export { tf };
