import { beforeEach, expect, test } from "vitest";
import { startNodeKernel, type NodeKernel } from "../../engine/node-host";
import type { KernelOutput } from "../../engine/protocol";

let k: NodeKernel;
let runs = 0;
const run = (code: string) => k.kernel.execute({ id: `x${++runs}`, cellName: "cell-1", code });
const displays = (id: string) => k.outputs.filter((o): o is Extract<KernelOutput, { type: "kernel/display" }> => o.id === id && o.type === "kernel/display");
const PLOTLY = "application/vnd.plotly.v1+json";
const figureOf = (o: { data: Record<string, unknown> }) => o.data[PLOTLY] as { data: Record<string, unknown>[]; layout: Record<string, unknown> };

beforeEach(async () => {
  k = await startNodeKernel();
});

test("tensors display as tables with shape and dtype, long axes summarized like NumPy", async () => {
  const reply = await run("tf.range(0, 48).reshape([12, 4])");
  expect(reply.status).toBe("ok");
  const view = reply.status === "ok" ? (reply.result?.["application/vnd.descent.tensor+json"] as { shape: number[]; dtype: string; rows: string[][] }) : undefined;
  expect(view?.shape).toEqual([12, 4]);
  expect(view?.dtype).toBe("float32");
  expect(view?.rows.length).toBe(11); // 5 first, a gap, 5 last
  expect(view?.rows[0]).toEqual(["0", "1", "2", "3"]);
  expect(view?.rows[5]?.[0]).toBe("⋮");
  expect(view?.rows[10]).toEqual(["44", "45", "46", "47"]);
});

test("arrays and objects display as trees that can be expanded", async () => {
  const reply = await run("({ lr: 0.1, layers: [2, 3], nested: { deep: true } })");
  const tree = reply.status === "ok" ? (reply.result?.["application/vnd.descent.tree+json"] as { children: { key: string }[] }) : undefined;
  expect(tree?.children.map((c) => c.key)).toEqual(["lr", "layers", "nested"]);
});

test("numbers are formatted sensibly", async () => {
  expect(await run("1 / 3")).toMatchObject({ result: { "text/plain": "0.333333" } });
  expect(await run("1e-9")).toMatchObject({ result: { "text/plain": "1.0000e-9" } });
  expect(await run("42")).toMatchObject({ result: { "text/plain": "42" } });
});

test("display.markdown and display.html send their source for the page to sanitize", async () => {
  const reply = await run('display.markdown("**bold**"); display.html("<b>hi</b><script>alert(1)</script>")');
  const shown = displays(reply.id).map((d) => d.data);
  expect(shown[0]?.["text/markdown"]).toBe("**bold**");
  expect(shown[1]?.["text/html"]).toContain("<b>hi</b>");
});

test("several traces in one chart, histogram, heatmap, contour, surface and 3-D scatter", async () => {
  const reply = await run(`
    plot.line([0, 1, 2], [[0, 1, 2], [0, 1, 4]], { name: ["linear", "square"], title: "two" });
    plot.histogram(tf.randomNormal([500], 0, 1, "float32", 7), { bins: 20 });
    plot.heatmap([[1, 2], [3, 4]]);
    plot.contour(tf.tensor([[1, 2], [3, 4]]), { x: [0, 1], y: [0, 1] });
    plot.surface([[1, 2], [3, 4]], { zLabel: "loss" });
    plot.scatter3d([1], [2], [3]);
  `);
  expect(reply.status).toBe("ok");
  const figures = displays(reply.id).map(figureOf);
  expect(figures.map((f) => f.data.map((t) => t.type))).toEqual([["scatter", "scatter"], ["histogram"], ["heatmap"], ["contour"], ["surface"], ["scatter3d"]]);
  expect(figures[0]?.data.map((t) => t.name)).toEqual(["linear", "square"]);
  expect((figures[1]?.data[0]?.x as number[]).length).toBe(500);
  expect(figures[3]?.data[0]).toMatchObject({ z: [[1, 2], [3, 4]], x: [0, 1], y: [0, 1] });
});

test("a live plot redraws in place, at most about 10 times a second, and ends with every point", async () => {
  const reply = await run(`
    const chart = plot.live({ title: "loss" });
    const start = Date.now();
    let i = 0;
    while (Date.now() - start < 550) { chart.push({ train: 1 / (i + 1), test: 2 / (i + 1) }); i++; }
    i
  `);
  expect(reply.status).toBe("ok");
  const pushes = Number(reply.status === "ok" ? reply.result?.["text/plain"] : 0);
  await new Promise((resolve) => setTimeout(resolve, 250)); // the last update comes from a timer
  const created = displays(reply.id);
  expect(created.length).toBe(1);
  const updates = k.outputs.filter((o) => o.type === "kernel/update-display" && o.id === reply.id);
  expect(updates.length).toBeGreaterThanOrEqual(4);
  expect(updates.length).toBeLessThanOrEqual(8);
  const last = updates[updates.length - 1];
  const figure = last && "data" in last ? figureOf(last) : undefined;
  expect(figure?.data.map((t) => t.name)).toEqual(["train", "test"]);
  expect((figure?.data[0]?.y as number[]).length).toBe(pushes);
  expect(pushes).toBeGreaterThan(100);
});

test("progress shows count, elapsed time and ETA, updated in place", async () => {
  const reply = await run(`
    let total = 0;
    for (const step of progress(200, { label: "training" })) { const until = Date.now() + 2; while (Date.now() < until) {} total += step; }
    total
  `);
  expect(reply).toMatchObject({ status: "ok", result: { "text/plain": "19900" } });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const updates = k.outputs.filter((o) => o.type === "kernel/update-display" && o.id === reply.id);
  const last = updates[updates.length - 1];
  const state = last && "data" in last ? (last.data["application/vnd.descent.progress+json"] as { done: number; total: number; label: string }) : undefined;
  expect(state).toMatchObject({ done: 200, total: 200, label: "training" });
  expect(String(last && "data" in last ? last.data["text/plain"] : "")).toMatch(/training █+ 200\/200 \(100%\)/);
  const middle = updates[1];
  expect(String(middle && "data" in middle ? middle.data["text/plain"] : "")).toContain("ETA");
});
