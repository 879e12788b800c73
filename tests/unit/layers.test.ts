import { createRequire } from "node:module";
import { beforeEach, expect, test } from "vitest";
import { LAYERS_EXPORTS } from "../../engine/layers";
import { startNodeKernel, type NodeKernel } from "../../engine/node-host";
import { initTensors } from "../../engine/tensors";

let k: NodeKernel;
let runs = 0;
const run = async (code: string, cellName = "cell-1") => {
  const reply = await k.kernel.execute({ id: `l${++runs}`, cellName, code });
  expect(reply, JSON.stringify(reply)).toMatchObject({ status: "ok" });
  return reply.status === "ok" ? reply.result?.["text/plain"] : undefined;
};

beforeEach(async () => {
  k = await startNodeKernel();
});

test("tf offers every name the Layers API adds to tfjs-core", async () => {
  const { tf } = await initTensors();
  const layers = createRequire(import.meta.url)("@tensorflow/tfjs-layers") as Record<string, unknown>;
  const added = Object.keys(layers).filter((name) => !(name in tf));
  expect([...LAYERS_EXPORTS].sort()).toEqual(added.sort());
});

const MODEL = `const xs = tf.tensor2d([[0], [1], [2], [3], [4], [5]]);
const ys = tf.tensor2d([[1], [3], [5], [7], [9], [11]]);
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });`;

test("model.fit trains, and its callbacks drive a live chart and a progress bar", async () => {
  await run(MODEL);
  const fit = await run(
    `const chart = plot.live({ title: "loss" });
const bar = progress(40, { label: "fit" });
const history = await model.fit(xs, ys, { epochs: 40, callbacks: [chart, bar] });
const losses = history.history.loss as number[];
[losses[0] > losses[losses.length - 1], losses.length]`,
    "cell-2",
  );
  expect(fit).toBe("[ true, 40 ]");
  await new Promise((resolve) => setTimeout(resolve, 150)); // the live displays' last redraw
  const updates = k.outputs.flatMap((o) => (o.type === "kernel/stream" ? [] : [o.data]));
  const texts = updates.map((data) => String(data["text/plain"] ?? ""));
  expect(texts.some((text) => text.startsWith("fit") && text.includes("40/40"))).toBe(true);
  const figures = updates.map((data) => data["application/vnd.plotly.v1+json"]).filter(Boolean);
  const last = figures[figures.length - 1] as { data: { name?: string; x: number[] }[] };
  expect(last.data[0]).toMatchObject({ name: "loss" });
  expect(last.data[0]?.x.at(-1)).toBe(40);
});

test("a model keeps its weights across runs while the tensors of each run are released", async () => {
  await run(MODEL);
  await run("await model.fit(xs, ys, { epochs: 5 });\nmodel.predict(tf.tensor2d([[6]]));", "cell-2");
  const before = Number(await run("tf.memory().numTensors", "cell-3"));
  for (let i = 0; i < 3; i++) await run("await model.fit(xs, ys, { epochs: 5 });\nmodel.predict(tf.tensor2d([[6]]));", "cell-2");
  expect(Number(await run("tf.memory().numTensors", "cell-3"))).toBe(before);
  const predicted = Number(await run("(model.predict(tf.tensor2d([[6]])) as tf.Tensor).dataSync()[0]", "cell-4"));
  expect(Number.isFinite(predicted)).toBe(true);
});
