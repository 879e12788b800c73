// Bundled by bench/build-pages.mjs: tfjs-core + the CPU backend, computing 1+1 as a tensor.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";

(async () => {
  await tf.setBackend("cpu");
  const [value] = await tf.add(tf.scalar(1), tf.scalar(1)).data();
  self.postMessage(String(value));
})();
