/**
 * The Layers API of TensorFlow.js (`tf.sequential`, `tf.layers.dense`, `model.fit`, …) on the `tf`
 * cells see, loaded the first time a cell touches one of its names: a lesson that never builds a
 * model never loads it. In the browser worker the loader runs a separate script synchronously
 * (public/engine/kernel-layers.js, about 220 KB minified, 57 KB gzip); in Node it is a require.
 */
import type * as tfl from "@tensorflow/tfjs-layers";
import type { Tf } from "./tensors";

export type Layers = typeof tfl;

/** What @tensorflow/tfjs-layers adds to tfjs-core's names (tests/unit/layers.test.ts keeps it true). */
export const LAYERS_EXPORTS = [
  "Callback",
  "CallbackList",
  "CustomCallback",
  "EarlyStopping",
  "History",
  "InputSpec",
  "LayerVariable",
  "LayersModel",
  "RNN",
  "Sequential",
  "SymbolicTensor",
  "callbacks",
  "constraints",
  "initializers",
  "input",
  "layers",
  "loadLayersModel",
  "metrics",
  "model",
  "models",
  "registerCallbackConstructor",
  "regularizers",
  "sequential",
  "version_layers",
] as const satisfies readonly (keyof Layers)[];

/** `tf` as cells see it: tfjs-core's names, plus the Layers API's, loaded on first use. */
export function withLayers(core: Tf, load: () => Layers): Tf & Layers {
  const tf: Record<string, unknown> = {};
  for (const name of Object.keys(core)) tf[name] = (core as unknown as Record<string, unknown>)[name];
  let layers: Layers | undefined;
  for (const name of LAYERS_EXPORTS) {
    Object.defineProperty(tf, name, {
      enumerable: true,
      configurable: true,
      get() {
        layers ??= load();
        // Once loaded, plain properties: no getter on the hot path.
        for (const each of LAYERS_EXPORTS) Object.defineProperty(tf, each, { value: layers[each], enumerable: true, writable: false });
        return layers[name];
      },
    });
  }
  return tf as unknown as Tf & Layers;
}
