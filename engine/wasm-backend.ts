/**
 * The WASM backend as a separate script, loaded into the kernel worker when the backend probe (after
 * the first cell's answer) or a pin asks for it, so its ~140 KB of glue are not parsed while the
 * kernel boots. scripts/build-engine.mjs points its tfjs-core import at the worker's own copy; the
 * worker takes `setWasmPaths` from the private global below.
 */
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

Object.defineProperty(self, "__descentSetWasmPaths", { value: setWasmPaths, configurable: true });
