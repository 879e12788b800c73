/**
 * The Layers API as a separate script, loaded into the kernel worker by engine/layers.ts the first
 * time a cell uses it. scripts/build-engine.mjs points its tfjs-core import at the worker's own
 * copy, so models train on the kernel's engine and backend; the result is handed back on a private
 * global that the worker removes at once.
 */
import * as layers from "@tensorflow/tfjs-layers";

Object.defineProperty(self, "__descentTfLayers", { value: layers, configurable: true });
