/**
 * The WebGL backend as a separate script, loaded into the kernel worker only when this browser has
 * a GPU worth trying or a lesson pins WebGL: most of the time WASM wins and these ~450 KB are never
 * parsed. scripts/build-engine.mjs points its tfjs-core import at the worker's own copy.
 */
import "@tensorflow/tfjs-backend-webgl";
