// A bare tfjs worker, configured like the kernel (same backends, same wasm files, no threads), that
// runs the same code strings the kernel runs, with none of the kernel around them.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-webgl";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

self.tf = tf;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "init") {
      tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
      setWasmPaths(new URL("/engine/wasm/", self.location.href).href, true);
      if (message.backend === "webgl") tf.env().set("SOFTWARE_WEBGL_ENABLED", true);
      const ok = await tf.setBackend(message.backend);
      self.postMessage({ type: "ready", id: message.id, backend: ok ? tf.getBackend() : null });
    } else if (message.type === "run") {
      await new AsyncFunction(message.code)();
      self.postMessage({ type: "done", id: message.id });
    }
  } catch (error) {
    self.postMessage({ type: "error", id: message.id, message: String(error && error.message) });
  }
};
