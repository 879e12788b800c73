/**
 * Every cell of every lesson runs, in page order, through the same kernel the browser uses (here in
 * Node), and every lesson opens with learning objectives and ends with a summary. Cells are taken
 * from the lesson pipeline itself (compile, then render with a stand-in <Cell>), so this test sees
 * exactly the cells a learner sees.
 */
import { describe, expect, test } from "vitest";
import { compileLessonCells, listLessons } from "@/course/lessons.server";
import { NODE_BACKENDS, startNodeKernel } from "../../engine/node-host";
import { countingCompiler } from "./helpers/counting-compiler";
import { renderLesson } from "./lesson-source";

/** A cell on CPU must finish in "a few seconds"; this allows for a loaded test machine. */
const CELL_TIME_LIMIT_MS = 8_000;

const lessons = await listLessons();

describe.each(lessons.map((lesson) => [lesson.slug] as const))("lesson %s", (slug) => {
  test("opens with learning objectives and ends with a summary", async () => {
    const { headings } = await renderLesson(slug);
    expect(headings[0], `${slug}: the first section must be "Learning objectives"`).toBe("Learning objectives");
    expect(headings.at(-1), `${slug}: the last section must be "Summary"`).toBe("Summary");
  });

  // The browser kernel moves to the fastest backend it measures, so every lesson must run on each.
  test.each(NODE_BACKENDS)("every cell runs in order without an error on the %s backend", { timeout: 180_000 }, async (backend) => {
    const { cells } = await renderLesson(slug);
    expect(cells.length, `${slug} has no cells`).toBeGreaterThan(0);
    expect(cells.map((cell) => cell.index)).toEqual(cells.map((_, i) => i + 1));
    // As in the browser: the cells compiled at build time (compiled-cells.json), keyed by the code the
    // page sends; a cell missing from them would make the kernel load the transpiler for its first run.
    const precompiled = new Map((await compileLessonCells(slug)).map((cell) => [cell.code, cell]));
    const { calls, compiler } = countingCompiler();
    const { kernel, outputs } = await startNodeKernel({ backend, precompiled, compiler });
    const timings: string[] = [];
    for (const { index, code } of cells) {
      const started = performance.now();
      const reply = await kernel.execute({ id: `${slug}-${index}`, cellName: `cell-${index}`, code });
      const elapsed = performance.now() - started;
      timings.push(`cell ${index}: ${elapsed.toFixed(0)} ms`);
      if (process.env.LESSON_TRACE) {
        const printed = outputs.filter((o) => o.id === reply.id && o.type === "kernel/stream").map((o) => (o.type === "kernel/stream" ? o.text : ""));
        const shown = reply.status === "ok" ? (reply.result?.["text/plain"] ?? "") : "";
        console.log(`--- ${slug} cell ${index} on ${backend} (${elapsed.toFixed(0)} ms)\n${printed.join("")}${String(shown)}`);
      }
      if (reply.status === "error") {
        const { name, message, line, column } = reply.error;
        const where = line === undefined ? "" : ` (line ${line}, column ${column ?? "?"})`;
        expect.fail(`${slug}, cell ${index} (${backend}): ${name}: ${message}${where}`);
      }
      expect(elapsed, `${slug}, cell ${index} took ${elapsed.toFixed(0)} ms on ${backend}`).toBeLessThan(CELL_TIME_LIMIT_MS);
    }
    expect(calls.map((call) => call.source), `${slug}: cells the build did not compile`).toEqual([]);
    // LESSON_TIMINGS=1 prints each cell's time; LESSON_TRACE=1 also prints its output.
    if (process.env.LESSON_TIMINGS) console.log(`${slug} on ${backend}\n  ${timings.join("\n  ")}`);
  });
});
