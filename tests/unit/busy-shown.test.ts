// A quick run changes the page once, when its output is there; a long one shows that it runs.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { BUSY_SHOWN_AFTER_MS, showKernelState } from "../../components/busy-shown";
import { CellOutputs } from "../../components/cell-outputs";
import type { KernelState } from "../../engine/client";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Every view the cell's store showed, in order. */
function watched() {
  const outputs = new CellOutputs();
  const views: string[] = [];
  outputs.subscribe(() => {
    const { count, outputs: shown } = outputs.get();
    views.push(`[${count ?? " "}] ${shown.map((output) => (output.kind === "stream" ? output.text.trim() : output.kind)).join(",")}`);
  });
  return { outputs, views };
}

test("a quick re-run goes from the old output to the new in one step: no empty cell, no [*]", () => {
  const { outputs, views } = watched();
  outputs.begin();
  outputs.add({ kind: "stream", name: "stdout", text: "first\n" });
  outputs.end(1);
  vi.advanceTimersByTime(BUSY_SHOWN_AFTER_MS * 3);
  views.length = 0;

  outputs.begin();
  vi.advanceTimersByTime(BUSY_SHOWN_AFTER_MS - 10);
  outputs.end(2, { kind: "stream", name: "stdout", text: "second\n" });
  vi.advanceTimersByTime(BUSY_SHOWN_AFTER_MS * 3);
  expect(views).toEqual(["[2] second"]);
});

test("a long run clears the old output and shows [*] once it has lasted a moment, then its own output", () => {
  const { outputs, views } = watched();
  outputs.begin();
  outputs.end(1, { kind: "stream", name: "stdout", text: "old\n" });
  views.length = 0;

  outputs.begin();
  vi.advanceTimersByTime(BUSY_SHOWN_AFTER_MS - 1);
  expect(views).toEqual([]);
  vi.advanceTimersByTime(1);
  expect(views).toEqual(["[*] "]);
  outputs.add({ kind: "stream", name: "stdout", text: "working\n" });
  outputs.end(2);
  expect(views).toEqual(["[*] ", "[*] working", "[2] working"]);
});

test("a run's first line comes with its start: the old output is gone, the new line is there", () => {
  const { outputs, views } = watched();
  outputs.begin();
  outputs.end(1, { kind: "stream", name: "stdout", text: "old\n" });
  views.length = 0;
  outputs.begin();
  outputs.add({ kind: "stream", name: "stdout", text: "new\n" });
  vi.advanceTimersByTime(BUSY_SHOWN_AFTER_MS * 3);
  expect(views).toEqual(["[*] new"]);
});

test("output a finished run's timer prints later keeps the run's count", () => {
  const { outputs, views } = watched();
  outputs.begin();
  outputs.end(4);
  outputs.add({ kind: "stream", name: "stdout", text: "tick\n" });
  expect(views.at(-1)).toBe("[4] tick");
});

test("the kernel shows busy only for a run that lasts; every other state at once, and never twice", () => {
  const shown: KernelState[] = [];
  const { listener, stop } = showKernelState((state) => shown.push(state));
  listener({ status: "starting" });
  listener({ status: "idle", backend: "cpu" });
  listener({ status: "busy", backend: "cpu" });
  vi.advanceTimersByTime(BUSY_SHOWN_AFTER_MS - 1);
  listener({ status: "idle", backend: "cpu" });
  vi.advanceTimersByTime(BUSY_SHOWN_AFTER_MS * 3);
  expect(shown.map((state) => state.status)).toEqual(["starting", "idle"]);

  listener({ status: "busy", backend: "cpu" });
  vi.advanceTimersByTime(BUSY_SHOWN_AFTER_MS);
  expect(shown.map((state) => state.status)).toEqual(["starting", "idle", "busy"]);
  listener({ status: "restarting", backend: "cpu", notice: "restarted" });
  expect(shown.at(-1)).toEqual({ status: "restarting", backend: "cpu", notice: "restarted" });

  listener({ status: "idle", backend: "wasm" });
  listener({ status: "busy", backend: "wasm" });
  stop();
  vi.advanceTimersByTime(BUSY_SHOWN_AFTER_MS * 3);
  expect(shown.at(-1)?.status).toBe("idle");
});
