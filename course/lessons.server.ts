/**
 * The lesson pipeline: finds lessons in content/lessons, checks their front matter and compiles
 * their MDX (math, highlighted cells) with mdx-bundler. Every failure names the file and line.
 */
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import rehypeKatex from "rehype-katex";
import rehypeSlug from "rehype-slug";
import remarkMath from "remark-math";
import { createHighlighter, type Highlighter } from "shiki";
import type { VFile } from "vfile";
import { type PrecompiledCell, precompileCells } from "@/engine/compiler";
import { lineColumnAt } from "@/engine/positions";
import * as compiler from "@/engine/transpile";
import { LessonError, type LessonSection, lessonBlocks, mdxSyntaxError, nodeText, parseLesson } from "./lesson";
import type { LessonFrontmatter } from "./lesson-schema";
import { remarkCells } from "./remark-cells";
import { rehypeStaticMath } from "./rehype-static-math";
import { rehypeStaticProse } from "./rehype-static-prose";
import { CodePalette, compactCode } from "./compact-code";

export const LESSONS_DIR = path.join(process.cwd(), "content", "lessons");

export interface LessonSummary extends LessonFrontmatter {
  slug: string;
  /** Its `##` sections, with their anchors, cells, exercises and prose (progress and search). */
  sections: LessonSection[];
}

export interface CompiledLesson extends LessonSummary {
  /** The compiled MDX, for mdx-bundler's getMDXComponent. */
  code: string;
  /** The CSS for the token colour classes its highlighted code uses (course/compact-code.ts CodePalette). */
  codeStyles: string;
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
  const { frontmatter, sections } = parseLesson(await readFile(file, "utf8"), displayPath(file));
  return { slug: slugOf(file), ...frontmatter, sections };
}

function slugOf(file: string): string {
  const slug = path.basename(file, ".mdx");
  if (!SLUG.test(slug)) {
    throw new LessonError(displayPath(file), 1, 1, `the file name "${slug}.mdx" must be a slug: lower-case letters, digits and dashes`);
  }
  return slug;
}

/** Math as lessons and prompts typeset it: `$…$` and `$$…$$` to KaTeX HTML at build time. */
const MATH = { remark: [remarkMath], rehype: [[rehypeKatex, { strict: "ignore" }]] } as const;

/** An exercise's prompt.mdx, compiled with the lessons' math (a prompt has no cells or front matter). */
export async function compilePrompt(file: string): Promise<string> {
  const source = await readFile(file, "utf8");
  try {
    const { code } = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), ...MATH.remark];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), ...MATH.rehype, rehypeStaticProse, rehypeStaticMath];
        return options;
      },
    });
    return code;
  } catch (error) {
    throw new Error(`${displayPath(file)}:1: the prompt does not compile: ${(error as Error).message}`);
  }
}

export async function compileLessonFile(file: string): Promise<CompiledLesson> {
  const source = await readFile(file, "utf8").catch(() => {
    throw new LessonError(displayPath(file), 1, 1, "no such lesson file");
  });
  const slug = slugOf(file);
  const { frontmatter, sections } = parseLesson(source, displayPath(file));
  const highlight = await getHighlighter();
  const palette = new CodePalette();
  try {
    const { code } = await bundleMDX({
      source,
      cwd: path.dirname(file),
      mdxOptions(options) {
        options.remarkPlugins = [
          ...(options.remarkPlugins ?? []),
          ...MATH.remark,
          [remarkCells, { highlight: (value: string) => highlight.codeToHtml(value, { lang: "typescript", themes: CODE_THEMES, tokenizeTimeLimit: 0, transformers: [compactCode({ palette })] }) }],
        ];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeSlug, ...MATH.rehype, rehypeFailOnMathErrors, rehypeStaticProse, rehypeStaticMath];
        return options;
      },
      esbuildOptions(options) {
        options.logLevel = "silent";
        return options;
      },
    });
    return { slug, ...frontmatter, sections, code, codeStyles: palette.css() };
  } catch (error) {
    throw toLessonError(file, error);
  }
}

/** rehype-katex reports bad LaTeX as a warning and renders it red; a lesson must not ship that. */
function rehypeFailOnMathErrors() {
  return (_tree: unknown, file: VFile) => {
    const problem = file.messages.find((message) => message.source === "rehype-katex");
    if (!problem) return;
    const detail = problem.cause instanceof Error ? problem.cause.message : problem.reason;
    // Positions do not survive to this point; find the LaTeX in the source instead.
    const latex = nodeText(problem.ancestors?.at(-1)).trim();
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
  return mdxSyntaxError(displayPath(file), reason, line, column);
}

/**
 * A lesson's cells compiled for the kernel at build time (engine/compiler.ts), keyed by their code as
 * the page shows and sends it (app/lessons/[slug]/compiled-cells.json).
 */
export async function compileLessonCells(slug: string, dir = LESSONS_DIR): Promise<PrecompiledCell[]> {
  const file = path.join(/*turbopackIgnore: true*/ dir, `${slug}.mdx`);
  const blocks = lessonBlocks(parseLesson(await readFile(file, "utf8"), displayPath(file)));
  return precompileCells(
    compiler,
    blocks.flatMap((block) => (block.kind === "cell" ? [block.code] : [])),
  );
}
