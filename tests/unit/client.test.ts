import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { KernelClient, type KernelState } from "../../engine/client";
import type { ToKernel } from "../../engine/protocol";

/** A stand-in for the kernel worker: the test plays the kernel's part. */
class FakeWorker extends EventTarget {
  static all: FakeWorker[] = [];
  received: ToKernel[] = [];
  terminated = false;
  constructor(readonly url: string) {
    super();
    FakeWorker.all.push(this);
  }
  postMessage(message: ToKernel) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  /** Sends a message as the kernel would. */
  send(data: unknown) {
    const event = new MessageEvent("message", { data });
    Object.defineProperty(event, "target", { value: this });
    this.dispatchEvent(event);
  }
  executes() {
    return this.received.filter((m): m is Extract<ToKernel, { type: "kernel/execute" }> => m.type === "kernel/execute");
  }
}

const latest = () => FakeWorker.all[FakeWorker.all.length - 1] as FakeWorker;
const ok = (id: string, executionCount: number) => ({ type: "kernel/execute-reply", id, status: "ok", executionCount });
let states: KernelState[] = [];

beforeEach(() => {
  FakeWorker.all = [];
  states = [];
  vi.stubGlobal("Worker", FakeWorker);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function client(options: Partial<ConstructorParameters<typeof KernelClient>[0]> = {}) {
  const instance = new KernelClient({ url: "/engine/kernel.js", ...options });
  instance.subscribe((state) => states.push(state));
  return instance;
}

test("cells sent before the kernel is ready wait, then run in order, each with one reply", async () => {
  const kernel = client();
  const outputs: string[] = [];
  const first = kernel.execute("cell-1", "1", (o) => outputs.push(JSON.stringify(o)));
  const second = kernel.execute("cell-2", "2", () => undefined);
  expect(latest().executes()).toHaveLength(0);
  latest().send({ type: "kernel/ready", backend: "cpu" });
  const [run1] = latest().executes();
  expect(run1?.cellName).toBe("cell-1");
  latest().send({ type: "kernel/stream", id: run1?.id, name: "stdout", text: "hi\n" });
  latest().send(ok(run1?.id ?? "", 1));
  expect(await first).toEqual({ status: "ok", executionCount: 1 });
  expect(outputs).toEqual([JSON.stringify({ kind: "stream", name: "stdout", text: "hi\n" })]);
  const run2 = latest().executes()[1];
  expect(run2?.cellName).toBe("cell-2");
  latest().send(ok(run2?.id ?? "", 2));
  expect(await second).toEqual({ status: "ok", executionCount: 2 });
  expect(states.at(-1)?.status).toBe("idle");
});

test("malformed messages are dropped and the kernel keeps working", async () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const kernel = client();
  latest().send({ type: "kernel/ready" }); // no backend: malformed
  expect(kernel.current.status).toBe("starting");
  latest().send({ type: "kernel/ready", backend: "cpu" });
  const run = kernel.execute("cell-1", "1", () => undefined);
  const id = latest().executes()[0]?.id ?? "";
  latest().send({ type: "kernel/execute-reply", id, status: "ok" }); // no count: malformed
  latest().send(ok(id, 1));
  expect(await run).toEqual({ status: "ok", executionCount: 1 });
  expect(warn).toHaveBeenCalledTimes(2);
});

test("a kernel that never starts ends in a state the learner can see", () => {
  const kernel = client({ startTimeoutMs: 5_000 });
  vi.advanceTimersByTime(5_001);
  expect(kernel.current.status).toBe("dead");
  expect(kernel.current.notice).toMatch(/did not start within 5 s/);
});

test("an interrupt the cell ignores terminates the worker, restarts it and says state was lost", async () => {
  const kernel = client({ interruptGraceMs: 1_000 });
  const old = latest();
  old.send({ type: "kernel/ready", backend: "cpu" });
  const run = kernel.execute("cell-1", "while (true) {}", () => undefined);
  const queued = kernel.execute("cell-2", "1", () => undefined);
  kernel.interrupt();
  expect(old.received.map((m) => m.type)).toContain("kernel/interrupt");
  expect(await queued).toMatchObject({ status: "aborted" });
  vi.advanceTimersByTime(1_001);
  expect(await run).toMatchObject({ status: "error", error: { name: "KernelRestarted" } });
  expect(old.terminated).toBe(true);
  expect(latest()).not.toBe(old);
  expect(kernel.current).toMatchObject({ status: "restarting", notice: expect.stringMatching(/variables were lost/) });
  // A late reply from the old worker is dropped.
  old.send(ok(old.executes()[0]?.id ?? "", 1));
  latest().send({ type: "kernel/ready", backend: "cpu" });
  expect(kernel.current.status).toBe("idle");
});

test("an interrupt the cell honours keeps the same worker", async () => {
  const kernel = client();
  latest().send({ type: "kernel/ready", backend: "cpu" });
  const run = kernel.execute("cell-1", "while (true) {}", () => undefined);
  kernel.interrupt();
  const id = latest().executes()[0]?.id ?? "";
  latest().send({ type: "kernel/execute-reply", id, status: "error", executionCount: 1, error: { name: "Interrupted", message: "stopped" } });
  expect(await run).toMatchObject({ status: "error", error: { name: "Interrupted" } });
  vi.advanceTimersByTime(5_000);
  expect(FakeWorker.all).toHaveLength(1);
  expect(kernel.current.status).toBe("idle");
});

test("restart aborts running and queued cells and starts a fresh worker", async () => {
  const kernel = client();
  latest().send({ type: "kernel/ready", backend: "cpu" });
  const running = kernel.execute("cell-1", "await new Promise(() => {})", () => undefined);
  const queued = kernel.execute("cell-2", "1", () => undefined);
  const restarted = kernel.restart();
  expect(await running).toMatchObject({ status: "aborted" });
  expect(await queued).toMatchObject({ status: "aborted" });
  expect(FakeWorker.all[0]?.terminated).toBe(true);
  latest().send({ type: "kernel/ready", backend: "cpu" });
  await restarted;
  expect(kernel.current).toMatchObject({ status: "idle", notice: expect.stringMatching(/restarted/) });
});

test("the backend the kernel moves to shows in its state", () => {
  const kernel = client();
  latest().send({ type: "kernel/ready", backend: "cpu" });
  latest().send({ type: "kernel/backend", backend: "wasm", probe: { chosen: "wasm", trials: { wasm: 1, cpu: 20 }, unavailable: {}, probeMs: 90 } });
  expect(kernel.current).toMatchObject({ status: "idle", backend: "wasm" });
});

test("a kernel that fails to start says why at once", () => {
  const kernel = client();
  latest().send({ type: "kernel/fatal", message: "no tensors here" });
  expect(kernel.current).toMatchObject({ status: "dead", notice: expect.stringContaining("no tensors here") });
});

test("Interrupt with no cell running still reaches the kernel, which stops the timers cells left", () => {
  const kernel = client();
  latest().send({ type: "kernel/ready", backend: "cpu" });
  kernel.interrupt();
  expect(latest().received.map((m) => m.type)).toContain("kernel/interrupt");
  vi.advanceTimersByTime(5_000);
  expect(FakeWorker.all).toHaveLength(1);
});

test("output a finished run's timer sends later lands under that run, not the one running now", async () => {
  const kernel = client();
  latest().send({ type: "kernel/ready", backend: "cpu" });
  const first: string[] = [];
  const second: string[] = [];
  const run1 = kernel.execute("cell-1", "setInterval(...)", (o) => first.push(o.kind === "stream" ? o.text : o.kind));
  const id1 = latest().executes()[0]?.id ?? "";
  latest().send(ok(id1, 1));
  await run1;
  void kernel.execute("cell-2", "1", (o) => second.push(o.kind === "stream" ? o.text : o.kind));
  latest().send({ type: "kernel/stream", id: id1, name: "stdout", text: "tick\n" });
  expect(first).toEqual(["tick\n"]);
  expect(second).toEqual([]);
});

/** A worker the page's inline script started and ran cells in before the client existed. */
function adopted(runs: { id: string; posted: boolean }[], messages: unknown[], init: unknown = { type: "kernel/init", backend: "auto" }) {
  const worker = new FakeWorker("/engine/kernel.js");
  return { worker, kernel: { worker: worker as unknown as Worker, init, messages, runs: runs.map((run, i) => ({ ...run, cellName: `cell-${i + 1}`, code: `${i}` })) } };
}

test("an adopted kernel keeps its worker and state: a finished early run's output goes to the cell that claims it", async () => {
  const early = adopted([{ id: "early-1", posted: true }], [
    { type: "kernel/ready", backend: "cpu" },
    { type: "kernel/stream", id: "early-1", name: "stdout", text: "heads\n" },
    ok("early-1", 1),
  ]);
  const kernel = client({ adopt: early.kernel });
  expect(FakeWorker.all).toEqual([early.worker]);
  expect(early.worker.received, "the client sends no second kernel/init and does not re-send the run").toEqual([]);
  expect(kernel.current.status).toBe("idle");
  const outputs: unknown[] = [];
  expect(await kernel.execute("cell-1", "0", (o) => outputs.push(o), "early-1")).toEqual({ status: "ok", executionCount: 1 });
  expect(outputs).toEqual([{ kind: "stream", name: "stdout", text: "heads\n" }]);
  // The next cell runs in the same kernel, after the early one.
  const next = kernel.execute("cell-2", "flips", () => undefined);
  const [run] = early.worker.executes();
  expect(run?.cellName).toBe("cell-2");
  early.worker.send(ok(run?.id ?? "", 2));
  expect(await next).toEqual({ status: "ok", executionCount: 2 });
});

test("an early run still going is the client's running cell: its later output, its reply and Interrupt reach it", async () => {
  const buffer = new SharedArrayBuffer(4);
  const early = adopted(
    [
      { id: "early-1", posted: true },
      { id: "early-2", posted: false },
    ],
    [{ type: "kernel/ready", backend: "cpu" }, { type: "kernel/stream", id: "early-1", name: "stdout", text: "a\n" }],
    { type: "kernel/init", backend: "auto", interruptBuffer: buffer },
  );
  const kernel = client({ adopt: early.kernel });
  expect(kernel.current.status).toBe("busy");
  const outputs: unknown[] = [];
  const first = kernel.execute("cell-1", "0", (o) => outputs.push(o), "early-1");
  const second = kernel.execute("cell-2", "1", () => undefined, "early-2");
  early.worker.send({ type: "kernel/stream", id: "early-1", name: "stdout", text: "b\n" });
  expect(outputs).toHaveLength(2);
  kernel.interrupt();
  expect(new Int32Array(buffer)[0], "the flag the early run's kernel watches").toBe(1);
  expect(early.worker.received.map((m) => m.type)).toEqual(["kernel/interrupt"]);
  expect(await second).toMatchObject({ status: "aborted" });
  early.worker.send({ type: "kernel/execute-reply", id: "early-1", status: "error", executionCount: 1, error: { name: "Interrupted", message: "stopped" } });
  expect(await first).toMatchObject({ status: "error", error: { name: "Interrupted" } });
  expect(early.worker.executes(), "the run the interrupt cancelled was never sent").toEqual([]);
});

test("an adopted run not sent yet is sent when its turn comes; a worker started for another backend is replaced", async () => {
  const waiting = adopted([{ id: "early-1", posted: false }], []);
  const kernel = client({ adopt: waiting.kernel });
  waiting.worker.send({ type: "kernel/ready", backend: "cpu" });
  expect(waiting.worker.executes().map((m) => m.id)).toEqual(["early-1"]);
  waiting.worker.send(ok("early-1", 1));
  expect(await kernel.execute("cell-1", "0", () => undefined, "early-1")).toEqual({ status: "ok", executionCount: 1 });

  const other = adopted([{ id: "early-1", posted: true }], [], { type: "kernel/init", backend: "webgl" });
  const fresh = client({ adopt: other.kernel, backend: "cpu" });
  expect(other.worker.terminated).toBe(true);
  expect(latest()).not.toBe(other.worker);
  expect(latest().received[0]).toMatchObject({ type: "kernel/init", backend: "cpu" });
  // The cell runs afresh in the new kernel.
  const run = fresh.execute("cell-1", "0", () => undefined, "early-1");
  latest().send({ type: "kernel/ready", backend: "cpu" });
  expect(latest().executes()).toHaveLength(1);
  latest().send(ok(latest().executes()[0]?.id ?? "", 1));
  expect(await run).toEqual({ status: "ok", executionCount: 1 });
});
