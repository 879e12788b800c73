import { expect, test } from "vitest";
import { prepareBackend } from "../../engine/backends";
import { startNodeKernel } from "../../engine/node-host";

test("cells keep running on the current backend while another one starts, and the switch then works", async () => {
  const k = await startNodeKernel();
  expect(k.backend).toBe("cpu");
  await import("@tensorflow/tfjs-backend-wasm");
  const preparing = prepareBackend("wasm");
  // tfjs would refuse this op ("Backend 'cpu' has not yet been initialized") if it were initialising WASM itself.
  const during = await k.kernel.execute({ id: "during", cellName: "cell-1", code: "tf.ones([3]).sum().dataSync()[0]" });
  expect(during, JSON.stringify(during)).toMatchObject({ status: "ok", result: { "text/plain": "3" } });
  await preparing;
  const after = await k.kernel.execute({ id: "after", cellName: "cell-2", code: 'await tf.setBackend("wasm");\n[tf.getBackend(), tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).sum().dataSync()[0]]' });
  expect(after).toMatchObject({ status: "ok", result: { "text/plain": "[ 'wasm', 8 ]" } });
});
