/**
 * TensorFlow.js for the server's realms (the isolated-vm sandbox and the Node `vm` used by
 * check:content and for expected answers): the same `tf` cells get (engine/tensors.ts: tfjs-core,
 * chained ops, gradients, the CPU backend), bundled as one classic script that defines `globalThis.tf`.
 * Those realms have no fetch, timers or TextEncoder, so tfjs gets a small platform of its own.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import "@tensorflow/tfjs-backend-cpu";

const isTypedArray = (a: unknown): a is Float32Array | Int32Array | Uint8Array | Uint8ClampedArray =>
  a instanceof Float32Array || a instanceof Int32Array || a instanceof Uint8Array || a instanceof Uint8ClampedArray;

// Strings in tensors are rare in exercises; code units below 256 round-trip, which covers labels.
const platform = {
  fetch: () => Promise.reject(new Error("fetch is not available while grading")),
  now: () => Date.now(),
  encode: (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff),
  decode: (bytes: Uint8Array) => String.fromCharCode(...bytes),
  isTypedArray,
};
tf.setPlatform("descent-grader", platform as unknown as Parameters<typeof tf.setPlatform>[1]);
void tf.setBackend("cpu");
Object.defineProperty(globalThis, "tf", { value: tf, writable: false, configurable: false, enumerable: false });
