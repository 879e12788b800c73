import { readFileSync } from "node:fs";
import path from "node:path";
import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { LessonError } from "@/course/lesson";
import { compileLessonFile, listLessons } from "@/course/lessons.server";
import { fixtureTests } from "./fixtures";
import { StaticProse } from "@/components/StaticProse";

const fixtures = path.join(__dirname, "../fixtures/lessons");

/** Stands in for the interactive cell: shows exactly what the pipeline hands it. */
function FixtureCell({ code, html, index }: { code: string; html: string; index: number }) {
  return createElement("section", { "data-cell": index }, createElement("pre", null, code), createElement("div", { dangerouslySetInnerHTML: { __html: html } }));
}

describe("lesson pipeline fixtures", () => {
  fixtureTests(fixtures, ".html", async (_source, file) => {
    const lesson = await compileLessonFile(file);
    const Content = getMDXComponent(lesson.code);
    const html = renderToStaticMarkup(createElement(Content, { components: { Cell: FixtureCell, StaticProse } }));
    return `<!-- ${lesson.title} | order ${lesson.order} | ${lesson.summary} -->\n<style>${lesson.codeStyles.replaceAll("}", "}\n")}</style>\n${html.replaceAll("><", ">\n<")}\n`;
  });
});

describe("malformed lessons fail with the file, the line and what is wrong", () => {
  const expected = JSON.parse(readFileSync(path.join(fixtures, "invalid", "expected.json"), "utf8")) as Record<string, string>;
  for (const [name, prefix] of Object.entries(expected)) {
    test(name, async () => {
      const error = await compileLessonFile(path.join(fixtures, "invalid", name)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LessonError);
      const message = (error as LessonError).message;
      expect(message.startsWith(prefix), message).toBe(true);
      expect(message).toMatch(/^[^:]+\.mdx:\d+:\d+: \S/);
    });
  }
});

test("the course's lessons all compile and are listed in order", async () => {
  const lessons = await listLessons();
  expect(lessons.length).toBeGreaterThan(0);
  expect(lessons.map((lesson) => lesson.order)).toEqual([...lessons.map((lesson) => lesson.order)].sort((a, b) => a - b));
  for (const lesson of lessons) await compileLessonFile(path.join(process.cwd(), "content", "lessons", `${lesson.slug}.mdx`));
});
