/**
 * The lesson pipeline: finds lessons in content/lessons, checks their front matter and compiles
 * their MDX (math, highlighted cells) with mdx-bundler. Every failure names the file and line.
 */
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { bundleMDX } from "mdx-bundler";
import rehypeKatex from "rehype-katex";
import rehypeSlug from "rehype-slug";
import remarkMath from "remark-math";
import { createHighlighter, type Highlighter } from "shiki";
import type { VFile } from "vfile";
import { lineColumnAt } from "@/engine/positions";
import { type LessonSection, lessonOutline } from "./lesson-outline";
import { lessonFrontmatterSchema, type LessonFrontmatter } from "./lesson-schema";
import { remarkCells } from "./remark-cells";
import { rehypeStaticMath } from "./rehype-static-math";

export const LESSONS_DIR = path.join(process.cwd(), "content", "lessons");

export interface LessonSummary extends LessonFrontmatter {
  slug: string;
  /** Its `##` sections, with their anchors, cells, exercises and prose (progress and search). */
  sections: LessonSection[];
}

export interface CompiledLesson extends LessonSummary {
  /** The compiled MDX, for mdx-bundler's getMDXComponent. */
  code: string;
}

/** A lesson that cannot be built. The message starts with `file:line:column:`. */
export class LessonError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = "LessonError";
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Both themes are written into the HTML at build time (light as the colour, dark as --shiki-dark),
 * and CSS picks one. The high-contrast pair: github-light's comments and punctuation fall below
 * WCAG AA contrast on our code background (axe-core counted 92 such tokens on one lesson).
 */
const CODE_THEMES = { light: "github-light-high-contrast", dark: "github-dark-high-contrast" } as const;

let highlighter: Promise<Highlighter> | undefined;
function getHighlighter() {
  highlighter ??= createHighlighter({ themes: [CODE_THEMES.light, CODE_THEMES.dark], langs: ["typescript"] });
  return highlighter;
}

function displayPath(file: string) {
  return path.relative(process.cwd(), file) || file;
}

export async function listLessons(dir = LESSONS_DIR): Promise<LessonSummary[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((name) => name.endsWith(".mdx")).sort();
  const lessons = await Promise.all(files.map((name) => readLessonSummary(path.join(/*turbopackIgnore: true*/ dir, name))));
  return lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

export async function compileLesson(slug: string, dir = LESSONS_DIR): Promise<CompiledLesson> {
  return compileLessonFile(path.join(/*turbopackIgnore: true*/ dir, `${slug}.mdx`));
}

async function readLessonSummary(file: string): Promise<LessonSummary> {
  const source = await readFile(file, "utf8");
  return { slug: slugOf(file), ...parseFrontmatter(file, source), sections: lessonOutline(source) };
}

function slugOf(file: string): string {
  const slug = path.basename(file, ".mdx");
  if (!SLUG.test(slug)) {
    throw new LessonError(displayPath(file), 1, 1, `the file name "${slug}.mdx" must be a slug: lower-case letters, digits and dashes`);
  }
  return slug;
}

/** Checks the front matter block: YAML first, then the schema. */
function parseFrontmatter(file: string, source: string): LessonFrontmatter {
  const block = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (!block?.[1]) {
    throw new LessonError(displayPath(file), 1, 1, "a lesson must start with front matter between --- lines (title, order, summary)");
  }
  const data = parseYaml(file, block[1]);
  const checked = lessonFrontmatterSchema.safeParse(data);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  const key = issue?.path[0] !== undefined ? String(issue.path[0]) : undefined;
  const unknownKey = issue?.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const field = unknownKey ?? key;
  const lines = block[1].split(/\r?\n/);
  const lineIndex = field === undefined ? -1 : lines.findIndex((line) => line.startsWith(`${field}:`));
  const line = lineIndex === -1 ? 1 : lineIndex + 2;
  const what =
    unknownKey !== undefined
      ? `unknown front matter field "${unknownKey}": the fields are title, order, summary and backend`
      : `front matter field "${field}" ${issue?.message ?? "is invalid"}`;
  throw new LessonError(displayPath(file), line, 1, what);
}

function parseYaml(file: string, text: string): unknown {
  try {
    return yaml.load(text);
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      // +2: line 1 of the file is the opening ---, and js-yaml counts from 0.
      throw new LessonError(displayPath(file), error.mark.line + 2, error.mark.column + 1, `front matter is not valid YAML: ${error.reason}`);
    }
    throw error;
  }
}

export async function compileLessonFile(file: string): Promise<CompiledLesson> {
  const source = await readFile(file, "utf8").catch(() => {
    throw new LessonError(displayPath(file), 1, 1, "no such lesson file");
  });
  const slug = slugOf(file);
  const frontmatter = parseFrontmatter(file, source);
  const highlight = await getHighlighter();
  try {
    const { code } = await bundleMDX({
      source,
      cwd: path.dirname(file),
      mdxOptions(options) {
        options.remarkPlugins = [
          ...(options.remarkPlugins ?? []),
          remarkMath,
          [remarkCells, { highlight: (value: string) => highlight.codeToHtml(value, { lang: "typescript", themes: CODE_THEMES, tokenizeTimeLimit: 0 }) }],
        ];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeSlug, [rehypeKatex, { strict: "ignore" }], rehypeFailOnMathErrors, rehypeStaticMath];
        return options;
      },
      esbuildOptions(options) {
        options.logLevel = "silent";
        return options;
      },
    });
    return { slug, ...frontmatter, sections: lessonOutline(source), code };
  } catch (error) {
    throw toLessonError(file, error);
  }
}

function textOf(node: unknown): string {
  if (typeof node !== "object" || node === null) return "";
  const { value, children } = node as { value?: unknown; children?: unknown[] };
  return typeof value === "string" ? value : (children ?? []).map(textOf).join("");
}

/** rehype-katex reports bad LaTeX as a warning and renders it red; a lesson must not ship that. */
function rehypeFailOnMathErrors() {
  return (_tree: unknown, file: VFile) => {
    const problem = file.messages.find((message) => message.source === "rehype-katex");
    if (!problem) return;
    const detail = problem.cause instanceof Error ? problem.cause.message : problem.reason;
    // Positions do not survive to this point; find the LaTeX in the source instead.
    const latex = textOf(problem.ancestors?.at(-1)).trim();
    const offset = latex ? String(file.value).indexOf(latex) : -1;
    const place = offset === -1 ? undefined : lineColumnAt(String(file.value), offset);
    file.fail(`math could not be typeset: ${detail}`, place, "descent:math");
  };
}

interface EsbuildMessage {
  text?: string;
  location?: { line?: number; column?: number } | null;
  detail?: unknown;
}

/** The MDX compiler wraps the real problem in `cause`s; the innermost one says what is wrong. */
function innermostReason(detail: unknown): string | undefined {
  let reason: string | undefined;
  for (let current = detail; typeof current === "object" && current !== null; current = (current as { cause?: unknown }).cause) {
    const candidate = (current as { reason?: unknown }).reason;
    if (typeof candidate === "string") reason = candidate;
  }
  return reason;
}

/** esbuild wraps MDX errors; dig out the first location and message. */
function toLessonError(file: string, error: unknown): LessonError {
  const first = (error as { errors?: EsbuildMessage[] }).errors?.[0];
  if (!first) return new LessonError(displayPath(file), 1, 1, error instanceof Error ? error.message : String(error));
  let reason = innermostReason(first.detail) ?? (first.text ?? "could not compile").replace(/^\[plugin: [^\]]+\]\s*/, "");
  let line = first.location?.line ?? 1;
  let column = (first.location?.column ?? 0) + 1;
  // "<entry>.mdx:9:1-11:8: message": the position of the offending node.
  const prefixed = /\.mdx:(\d+):(\d+)(?:-\d+:\d+)?:\s*([\s\S]*)$/.exec(reason);
  if (prefixed) [line, column, reason] = [Number(prefixed[1]), Number(prefixed[2]), prefixed[3] ?? reason];
  // "message (9:1-9:7)": micromark puts the position at the end.
  const suffixed = /\s*\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(reason);
  if (suffixed) {
    [line, column] = [Number(suffixed[1]), Number(suffixed[2])];
    reason = reason.slice(0, suffixed.index);
  }
  return new LessonError(displayPath(file), line, column, reason);
}
