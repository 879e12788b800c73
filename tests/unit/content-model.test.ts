/**
 * The one content model (course/): lessons' structure comes from the MDX tree, so shapes a
 * line-by-line reader gets wrong come out right; YAML problems are placed by the YAML library's
 * positions, in lesson front matter and in exercise.yaml alike.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { ContentError, readExercise } from "@/course/exercises.server";
import { LessonError, lessonBlocks, parseLesson } from "@/course/lesson";
import { compileLessonFile } from "@/course/lessons.server";

const ODD = "tests/fixtures/lessons/odd/odd-layout.mdx";

describe("a lesson's structure, from the MDX tree", () => {
  const lesson = parseLesson(readFileSync(ODD, "utf8"), ODD);

  test("sections, cells and exercises ignore what is commented out or inside fences, and read multi-line tags", () => {
    expect(lesson.sections.map(({ id, title, cells, exercises }) => ({ id, title, cells, exercises }))).toEqual([
      { id: "first-steps", title: "First steps", cells: [1], exercises: ["bernoulli-nll"] },
      // The page's anchor: rehype-slug keeps the space before the comment.
      { id: "second-steps-", title: "Second steps", cells: [2], exercises: [] },
    ]);
    expect(lesson.sections[0]?.text).toBe("Some prose, with in inline code. A list item with an indented fence:");
  });

  test("the section anchors are the ones the page gives its headings", async () => {
    const { code } = await compileLessonFile(path.resolve(ODD));
    for (const { id } of lesson.sections) expect(code).toContain(`id:"${id}"`);
  });

  test("a notebook gets the prose as written, without comments, and each cell's code", () => {
    const blocks = lessonBlocks(lesson);
    expect(blocks.filter((block) => block.kind !== "prose")).toEqual([
      { kind: "cell", code: "const indented = 1;" },
      { kind: "exercise", id: "bernoulli-nll" },
      { kind: "cell", code: "const tilde = 2;" },
    ]);
    const prose = blocks.flatMap((block) => (block.kind === "prose" ? [block.text] : []));
    expect(prose[0]).toMatch(/^## First steps\n\nSome prose/);
    expect(prose[0]).toContain("  ```ts\n  ## not a heading\n  <Cell>\n  ```");
    expect(prose[1]).toBe('````md\n```ts\n<Exercise id="not-an-exercise" />\n```\n````');
    expect(prose[2]).toBe("## Second steps");
    expect(prose.join("\n")).not.toMatch(/Draft|for authors/);
  });

  test("a <Cell> inside another element is refused for notebooks at its line", () => {
    const nested = parseLesson("---\ntitle: T\norder: 1\nsummary: S\n---\n\n<details>\n\n<Cell>\n```ts\n1\n```\n</Cell>\n\n</details>\n", "nested.mdx");
    expect(nested.sections).toEqual([]);
    expect(() => lessonBlocks(nested)).toThrow(/^nested\.mdx:9:1: <Cell> inside another element cannot become a notebook cell/);
  });
});

describe("front matter problems name the line of the field", () => {
  const lesson = (front: string) => () => parseLesson(`---\n${front}\n---\n\nText.\n`, "lesson.mdx");

  test("a value the schema refuses, an unknown field, a missing one, bad YAML", () => {
    expect(lesson("title: T\norder: 1\nsummary: S\nbackend: gpu")).toThrow(new LessonError("lesson.mdx", 5, 1, 'front matter field "backend" must be one of auto, webgl, wasm, cpu'));
    expect(lesson("title: T\norder: 1\nauthor: me\nsummary: S")).toThrow(
      new LessonError("lesson.mdx", 4, 1, 'unknown front matter field "author": the fields are title, order, summary and backend'),
    );
    expect(lesson("title: T\norder: 1")).toThrow(/^lesson\.mdx:1:1: front matter field "summary" is missing: add it/);
    expect(lesson("title: T\norder: 1\nsummary: S\ntitle: again")).toThrow(/^lesson\.mdx:5:1: front matter is not valid YAML: Map keys must be unique/);
  });
});

describe("exercise.yaml problems name the line the YAML library places them at", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  /** A copy of bernoulli-nll with its exercise.yaml edited. */
  function broken(edit: (text: string) => string): ContentError {
    dir = mkdtempSync(path.join(tmpdir(), "descent-model-"));
    const copy = path.join(dir, "bernoulli-nll");
    cpSync("content/exercises/maximum-likelihood/bernoulli-nll", copy, { recursive: true });
    const file = path.join(copy, "exercise.yaml");
    writeFileSync(file, edit(readFileSync(file, "utf8")));
    try {
      readExercise("maximum-likelihood", copy);
    } catch (error) {
      if (error instanceof ContentError) return error;
      throw error;
    }
    throw new Error("the broken exercise was accepted");
  }

  test("a field deep in a list, an unknown key in a list item, a missing mistake file, bad indentation", () => {
    expect(broken((text) => text.replace("fails: a fair coin", 'fails: ""'))).toMatchObject({ line: 19, problem: expect.stringMatching(/^mistakes\.1\.fails /) });
    expect(broken((text) => text.replace("    fails: a fair coin", "    fails: a fair coin\n    failz: typo"))).toMatchObject({ line: 20, problem: expect.stringMatching(/^mistakes\.1 Unrecognized key: "failz"/) });
    expect(broken((text) => text.replace("file: forgets-the-minus-sign.ts", "file: nowhere.ts"))).toMatchObject({ line: 17, problem: "mistake file mistakes/nowhere.ts does not exist" });
    const yaml = broken((text) => text.replace("    about: Returns the mean log-likelihood", "      about: Returns the mean log-likelihood"));
    // The library's place: the value that the over-indented line below turns into a key.
    expect(yaml.message).toMatch(/bernoulli-nll\/exercise\.yaml:17: is not valid YAML: Nested mappings are not allowed in compact mappings$/);
  });
});
