/**
 * TensorFlow.js as cells see it (`tf`). tfjs-core's ESM entry registers neither chained ops
 * (`a.mul(b)`) nor gradients, so both are registered here, once, for every host.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import "@tensorflow/tfjs-backend-cpu";

export type Tf = typeof tf;

/** Readies tfjs on the CPU backend and returns it with the backend's name. */
export async function initTensors(): Promise<{ tf: Tf; backend: string }> {
  await tf.setBackend("cpu");
  await tf.ready();
  return { tf, backend: tf.getBackend() };
}
