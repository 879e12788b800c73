import { beforeEach, expect, test } from "vitest";
import { OUTPUT_LIMITS } from "../../engine/kernel";
import { startNodeKernel, type NodeKernel } from "../../engine/node-host";

let k: NodeKernel;
let runs = 0;
const run = (code: string, cellName = "cell-1") => k.kernel.execute({ id: `b${++runs}`, cellName, code });
const streamText = (id: string) =>
  k.outputs.flatMap((o) => (o.id === id && o.type === "kernel/stream" ? [o.text] : [])).join("");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  k = await startNodeKernel();
});

test("output from a timer goes to the cell that started it, capped like a run's", async () => {
  const first = await run("const id = setInterval(() => { for (let i = 0; i < 2000; i++) console.log('tick', i) }, 0);");
  const second = await run("console.log('second cell')", "cell-2");
  await sleep(100);
  expect(streamText(second.id)).toBe("second cell\n");
  const late = k.outputs.filter((o) => o.id === first.id);
  expect(late.length).toBeLessThanOrEqual(OUTPUT_LIMITS.lines + 1);
  expect(streamText(first.id)).toContain("more output from this cell's timers and callbacks is not shown");
  k.kernel.interrupt();
});

test("Interrupt stops the timers cells started", async () => {
  await run("let ticks = 0; setInterval(() => ticks++, 1); setTimeout(() => { ticks = -1000 }, 60);");
  await sleep(30);
  k.kernel.interrupt();
  const stopped = await run("ticks");
  await sleep(80);
  const later = await run("ticks");
  expect(stopped.status === "ok" && later.status === "ok").toBe(true);
  if (stopped.status !== "ok" || later.status !== "ok") return;
  expect(Number(stopped.result?.["text/plain"])).toBeGreaterThan(0);
  expect(later.result?.["text/plain"]).toBe(stopped.result?.["text/plain"]);
});

test("an interrupted cell that was awaiting stops there, and its later output reaches no cell", async () => {
  const pending = run("let after = 'not yet';\nawait new Promise((r) => setTimeout(r, 50));\nafter = 'ran on';\nconsole.log('late output');");
  await sleep(10);
  k.kernel.interrupt();
  expect(await pending).toMatchObject({ status: "error", error: { name: "Interrupted" } });
  const next = await run("await new Promise((r) => setTimeout(r, 100));\nafter", "cell-2");
  expect(next).toMatchObject({ status: "ok", result: { "text/plain": "'not yet'" } });
  expect(k.outputs.some((o) => o.type === "kernel/stream" && o.text.includes("late output"))).toBe(false);
});

test("a stray promise's continuation prints under the cell that started it", async () => {
  const first = await run("(async () => { await new Promise((r) => setTimeout(r, 30)); console.log('from the first cell') })();");
  const second = await run("await new Promise((r) => setTimeout(r, 80));\nconsole.log('second')", "cell-2");
  expect(streamText(first.id)).toBe("from the first cell\n");
  expect(streamText(second.id)).toBe("second\n");
});

test("a string literal on the last line is shown, as a REPL shows it", async () => {
  expect(await run('"hello"')).toMatchObject({ status: "ok", result: { "text/plain": "'hello'" } });
  expect(await run('const name = "Ada";\n"hello"')).toMatchObject({ status: "ok", result: { "text/plain": "'hello'" } });
});

test("a namespace with values is refused with an error that names the feature", async () => {
  const reply = await run("namespace Geo {\n  export const radius = 6371;\n}\nGeo.radius");
  expect(reply).toMatchObject({ status: "error", error: { name: "SyntaxError", line: 1 } });
  if (reply.status === "error") expect(reply.error.message).toMatch(/namespaces with values \(`namespace Geo`\) are not supported/);
  // Types-only namespaces are erased and fine.
  expect(await run("namespace Shapes { export type Point = { x: number } }\nconst p: Shapes.Point = { x: 1 };\np.x")).toMatchObject({
    status: "ok",
    result: { "text/plain": "1" },
  });
});

test("deep recursion is interruptible", async () => {
  k.scope.requestInterrupt = () => Atomics.store(k.interruptFlag, 0, 1);
  await run("let calls = 0;\nfunction fib(n: number): number { if (++calls === 200000) requestInterrupt(); return n < 2 ? n : fib(n - 1) + fib(n - 2); }");
  expect(await run("fib(40)", "cell-2")).toMatchObject({ status: "error", error: { name: "Interrupted" } });
  // The page's kernel/interrupt, handled once the recursion has unwound.
  k.kernel.interrupt();
  expect(await run("fib(20)", "cell-3")).toMatchObject({ status: "ok", result: { "text/plain": "6765" } });
});
