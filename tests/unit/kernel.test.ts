import { beforeEach, describe, expect, test } from "vitest";
import { createContext, runInContext } from "node:vm";
import { precompileCells } from "../../engine/compiler";
import { Kernel } from "../../engine/kernel";
import { startNodeKernel, type NodeKernel } from "../../engine/node-host";
import * as transpiler from "../../engine/transpile";
import { countingCompiler } from "./helpers/counting-compiler";

let k: NodeKernel;
let runs = 0;
const run = (code: string, cellName = "cell-1") => k.kernel.execute({ id: `r${++runs}`, cellName, code });
const text = (id: string) =>
  k.outputs.filter((o) => o.id === id && o.type === "kernel/stream").map((o) => (o.type === "kernel/stream" ? o.text : "")).join("");

beforeEach(async () => {
  k = await startNodeKernel();
});

describe("kernel", () => {
  test("a lazy global (the browser's tf) is made on a cell's first use, once; cells that never use it never make it", async () => {
    let made = 0;
    const context = createContext({ setTimeout, clearTimeout, setInterval, clearInterval });
    const kernel = new Kernel({
      scope: runInContext("globalThis", context) as object,
      evaluate: (js, filename) => runInContext(js, context, { filename }),
      emit: () => undefined,
      lazyGlobals: { answers: () => ({ made: ++made }) },
      compiler: () => transpiler,
    });
    const execute = (code: string) => kernel.execute({ id: `lazy${++runs}`, cellName: "cell-1", code });
    expect(await execute("1 + 1")).toMatchObject({ status: "ok", result: { "text/plain": "2" } });
    expect(made).toBe(0);
    expect(await execute("answers.made + answers.made")).toMatchObject({ status: "ok", result: { "text/plain": "2" } });
    expect(await execute("typeof answers")).toMatchObject({ result: { "text/plain": "'object'" } });
    expect(made).toBe(1);
    // A cell may still replace it, as any global.
    expect(await execute("answers = 7; answers")).toMatchObject({ result: { "text/plain": "7" } });
  });

  test("cells share top-level names, and re-running a cell redefines them", async () => {
    expect((await run("const a: number = 2;\nfunction double(x: number) { return x * 2 }")).status).toBe("ok");
    const reply = await run("double(a) + 1", "cell-2");
    expect(reply).toMatchObject({ status: "ok", result: { "text/plain": "5" } });
    expect((await run("const a = 10;")).status).toBe("ok");
    expect(await run("double(a)", "cell-2")).toMatchObject({ status: "ok", result: { "text/plain": "20" } });
  });

  test("functions see the latest value of a global, like Jupyter", async () => {
    await run("let rate = 0.1; const step = () => rate * 2;");
    await run("rate = 0.5", "cell-2");
    expect(await run("step()", "cell-3")).toMatchObject({ result: { "text/plain": "1" } });
  });

  test("destructuring, classes and top-level await", async () => {
    await run("const { p, q: [r] } = { p: 1, q: [2] };\nclass Point { constructor(public x: number) {} }");
    const reply = await run("const v = await Promise.resolve(new Point(p + r).x);\nv * 10");
    expect(reply).toMatchObject({ status: "ok", result: { "text/plain": "30" } });
  });

  test("console output arrives in order before the value of the last expression", async () => {
    const reply = await run('console.log("one"); console.warn("two"); console.log([1, 2], 3); 42');
    expect(text(reply.id)).toBe("one\ntwo\n[ 1, 2 ] 3\n");
    expect(reply).toMatchObject({ result: { "text/plain": "42" } });
  });

  test("execution counter counts runs", async () => {
    expect((await run("1")).executionCount).toBe(1);
    expect((await run("2")).executionCount).toBe(2);
  });

  test("a runtime error names the line and column in the cell's own source", async () => {
    const reply = await run("const x: number = 1;\n\nfunction f(n: number): number {\n  return (n as any).nope.deeper;\n}\nf(x);");
    expect(reply.status).toBe("error");
    if (reply.status !== "error") return;
    expect(reply.error.name).toBe("TypeError");
    expect(reply.error.line).toBe(4);
    expect(reply.error.column).toBe(26);
    expect(reply.error.stack).toContain("cell-1, line 4");
  });

  test("re-running a cell with the same source runs it again: new values, its count, and errors that name its line", async () => {
    await run("let n = 0;", "cell-0");
    const again = "n += 1;\nconsole.log(`n is ${n}`);\nif (n === 3) {\n  (null as any).boom;\n}\nn";
    expect(await run(again)).toMatchObject({ status: "ok", result: { "text/plain": "1" } });
    const second = await run(again);
    expect(second).toMatchObject({ status: "ok", executionCount: 3, result: { "text/plain": "2" } });
    expect(text(second.id)).toBe("n is 2\n");
    const third = await run(again);
    expect(third).toMatchObject({ status: "error", executionCount: 4, error: { name: "TypeError", line: 4 } });
    if (third.status === "error") expect(third.error.stack).toContain("cell-1, line 4");
    // The same source in another cell runs as that cell, with the shared state.
    const elsewhere = await run(again, "cell-9");
    expect(elsewhere).toMatchObject({ status: "ok", result: { "text/plain": "4" } });
  });

  test("a syntax error names its line and column", async () => {
    const reply = await run("const ok = 1;\nconst broken = (1 + ;");
    expect(reply).toMatchObject({ status: "error", error: { name: "SyntaxError", line: 2 } });
  });

  test("import is refused with a message that says what to use instead", async () => {
    const reply = await run('import fs from "fs";');
    expect(reply).toMatchObject({ status: "error", error: { name: "SyntaxError" } });
    if (reply.status === "error") expect(reply.error.message).toMatch(/tf, plot and display are already available/);
  });

  test("thrown non-errors are reported", async () => {
    expect(await run("throw 42")).toMatchObject({ status: "error", error: { message: "Uncaught 42" } });
  });

  test("a cell's first line is sent at once, before the busy code after it ends", async () => {
    k.scope.sentSoFar = () => k.outputs.filter((o) => o.type === "kernel/stream").map((o) => (o.type === "kernel/stream" ? o.text : "")).join("");
    await run('console.log("warming up")');
    const reply = await run('console.log("spinning");\nconst sent = sentSoFar();\nconsole.log("then");\n[sent.includes("spinning"), sentSoFar().includes("then")]');
    // The second line, 0 ms later, waits to be batched with what follows.
    expect(reply).toMatchObject({ status: "ok", result: { "text/plain": "[ true, false ]" } });
    expect(text(reply.id)).toBe("spinning\nthen\n");
  });

  test("an interrupt stops a busy loop and keeps earlier state", async () => {
    // The page raises the shared flag from another thread, then sends kernel/interrupt, which the
    // worker handles once the loop has stopped; here the loop itself raises the flag, mid-run.
    k.scope.requestInterrupt = () => Atomics.store(k.interruptFlag, 0, 1);
    await run("let kept = 7;");
    const reply = await run("let i = 0;\nwhile (true) { i++; if (i === 100000) requestInterrupt(); }");
    expect(reply).toMatchObject({ status: "error", error: { name: "Interrupted" } });
    k.kernel.interrupt();
    expect(await run("[kept, i]")).toMatchObject({ status: "ok", result: { "text/plain": "[ 7, 100000 ]" } });
  });

  test("an interrupt stops a run still waiting its turn, and the runs asked for after it go ahead", async () => {
    await run("let kept = 7;");
    // The backend probe holds the kernel between cells while a run is asked for, then Interrupt comes.
    let probeDone: () => void = () => undefined;
    const probe = new Promise<void>((resolve) => (probeDone = resolve));
    void k.kernel.between(() => probe);
    // Bounded, so that a kernel that misses the interrupt fails this test instead of hanging the suite.
    const waiting = run("kept = 8;\nfor (let n = 0; n < 1e6; n++) {}\n'ran to the end'");
    Atomics.store(k.interruptFlag, 0, 1);
    k.kernel.interrupt();
    const after = run("kept");
    probeDone();
    expect(await waiting).toMatchObject({ status: "error", error: { name: "Interrupted" } });
    expect(await after).toMatchObject({ status: "ok", result: { "text/plain": "7" } });
  });

  test("a run that starts while the page's interrupt is on its way stops at once", async () => {
    // The flag is up but the worker has not handled kernel/interrupt yet: the run must not lower it.
    void k.kernel.between(() => Atomics.store(k.interruptFlag, 0, 1));
    expect(await run("for (let n = 0; n < 1e6; n++) {}\n'ran to the end'")).toMatchObject({ status: "error", error: { name: "Interrupted" } });
    k.kernel.interrupt();
    expect(await run("1 + 1")).toMatchObject({ status: "ok", result: { "text/plain": "2" } });
  });

  test("an interrupt also stops a cell that is waiting on a promise", async () => {
    const pending = run("await new Promise(() => {})");
    setTimeout(() => k.kernel.interrupt(), 20);
    expect(await pending).toMatchObject({ status: "error", error: { name: "Interrupted" } });
    expect(await run("1 + 1")).toMatchObject({ status: "ok" });
  });

  test("output is capped per run, and the rest is counted", async () => {
    const reply = await run("for (let i = 0; i < 5000; i++) console.log(i);");
    const streamed = k.outputs.filter((o) => o.id === reply.id);
    expect(streamed.length).toBeLessThanOrEqual(1001);
    expect(text(reply.id)).toContain("4,000 more lines of output were not shown");
  });

  test("plot.line displays a Plotly figure", async () => {
    const reply = await run('plot.line([0, 1, 2], tf.tensor([0, 1, 4]), { title: "sq", name: "y" })');
    const figure = k.outputs.find((o) => o.id === reply.id && o.type === "kernel/display");
    expect(figure?.type === "kernel/display" && figure.data["application/vnd.plotly.v1+json"]).toMatchObject({
      data: [{ x: [0, 1, 2], y: [0, 1, 4], name: "y", mode: "lines" }],
      layout: { title: { text: "sq" } },
    });
  });

  test("tensors format with dtype and shape", async () => {
    const reply = await run("tf.tensor([[1, 2], [3, 4]])");
    expect(reply).toMatchObject({ result: { "text/plain": "Tensor float32 [2, 2]\n[[1, 2],\n [3, 4]]" } });
  });
});

test("plot.figure passes any Plotly trace through, with tensors turned into arrays", async () => {
  k = await startNodeKernel();
  const reply = await k.kernel.execute({ id: "fig", cellName: "cell-1", code: 'plot.figure([{ type: "contour", z: tf.tensor([[1, 2], [3, 4]]) }], { title: { text: "bowl" } })' });
  expect(reply.status).toBe("ok");
  const shown = k.outputs.find((o) => o.type === "kernel/display");
  expect(shown?.type === "kernel/display" && shown.data["application/vnd.plotly.v1+json"]).toEqual({
    data: [{ type: "contour", z: [[1, 2], [3, 4]] }],
    layout: { title: { text: "bowl" } },
  });
});

test("a million console.log calls send only the first thousand lines and count the rest", async () => {
  k = await startNodeKernel();
  const reply = await k.kernel.execute({ id: "flood", cellName: "cell-1", code: "for (let i = 0; i < 1e6; i++) console.log(i);" });
  expect(reply.status).toBe("ok");
  const sent = k.outputs.flatMap((o) => (o.id === "flood" && o.type === "kernel/stream" ? [o.text] : [])).join("");
  const lines = sent.split("\n").filter(Boolean);
  expect(lines.length).toBe(1001);
  expect(lines.slice(0, 3)).toEqual(["0", "1", "2"]);
  expect(lines[1000]).toContain("999,000 more lines of output were not shown");
  // Batched: a handful of messages carry the thousand lines.
  expect(k.outputs.filter((o) => o.id === "flood").length).toBeLessThan(100);
});

describe("cells compiled ahead of time (a lesson's own, compiled at build)", () => {
  const precompile = (codes: string[]) => new Map(precompileCells(transpiler, codes).map((cell) => [cell.code, cell]));
  const transpiled = (calls: { filename: string }[]) => calls.map((call) => call.filename);

  test("run without the transpiler, share names with other cells, and an edited copy is transpiled", async () => {
    const authored = "const rate: number = 0.5;\nfunction half(x: number) { return x * rate }";
    const { calls, compiler } = countingCompiler();
    k = await startNodeKernel({ precompiled: precompile([authored]), compiler });
    expect((await run(authored)).status).toBe("ok");
    expect(transpiled(calls)).toEqual([]);
    expect(await run("half(8)", "cell-2")).toMatchObject({ status: "ok", result: { "text/plain": "4" } });
    expect(transpiled(calls)).toEqual(["cell-2.run2"]);
    expect(await run(`${authored}\nhalf(2)`)).toMatchObject({ status: "ok", result: { "text/plain": "1" } });
  });

  test("an error in one still names its line: the kernel transpiles it again for the map", async () => {
    const authored = "const xs: number[] = [1, 2];\n\nfunction f(n: number): number {\n  return (n as any).nope.deeper;\n}\nf(xs[0]);";
    const { calls, compiler } = countingCompiler();
    k = await startNodeKernel({ precompiled: precompile([authored]), compiler });
    const reply = await run(authored);
    expect(reply).toMatchObject({ status: "error", error: { name: "TypeError", line: 4, column: 26 } });
    if (reply.status === "error") expect(reply.error.stack).toContain("cell-1, line 4");
    expect(transpiled(calls)).toEqual(["cell-1.run1"]);
  });

  test("a cell that does not compile is left out, and its run reports the syntax error", async () => {
    const broken = "const a = ;";
    expect(precompileCells(transpiler, [broken, "1 + 1", "1 + 1"]).map((cell) => cell.code)).toEqual(["1 + 1"]);
    k = await startNodeKernel({ precompiled: precompile([broken]) });
    expect(await run(broken)).toMatchObject({ status: "error", error: { name: "SyntaxError", line: 1 } });
  });
});
