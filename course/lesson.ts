/**
 * A lesson, read from its MDX source once: the front matter (YAML, checked by its schema), its `##`
 * sections (the anchors rehype-slug gives the page's headings, the cells and exercises each holds,
 * its prose as plain text for search) and, for notebooks, its top-level blocks (prose as written,
 * cells' code, exercises). Everything comes from the mdast tree that the MDX parser (the same
 * extensions the page compiles with: MDX, front matter, math) makes, never from the text by lines.
 * Progress counts a section done when all its cells ran and its exercises passed.
 */
import GithubSlugger from "github-slugger";
import type { Code, Root, RootContent, Yaml } from "mdast";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import remarkFrontmatter from "remark-frontmatter";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { CONTINUE, SKIP, visit } from "unist-util-visit";
import { lessonFrontmatterSchema, type LessonFrontmatter } from "./lesson-schema";
import { issuePath, parseYaml, YamlSyntaxError, type YamlText } from "./yaml";

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

export interface LessonSection {
  id: string;
  title: string;
  cells: number[];
  exercises: string[];
  /** The section's prose without code, math or markup: what search matches. */
  text: string;
}

export type LessonBlock = { kind: "prose"; text: string } | { kind: "cell"; code: string } | { kind: "exercise"; id: string };

export interface ParsedLesson {
  file: string;
  source: string;
  tree: Root;
  frontmatter: LessonFrontmatter;
  sections: LessonSection[];
}

export const CELL_SHAPE = "<Cell> must hold exactly one fenced code block: put ```ts on the line after <Cell> and ``` before </Cell>";

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ["yaml"]).use(remarkMath);

/** The mdast tree of MDX source; a syntax error becomes a LessonError at its place. */
export function parseMdx(source: string, file: string): Root {
  try {
    return parser.parse(source);
  } catch (error) {
    const { line, column, reason } = error as { line?: number; column?: number; reason?: string };
    throw mdxSyntaxError(file, reason ?? String(error), line ?? 1, column ?? 1);
  }
}

/** An MDX syntax error at its place: micromark often puts the place at the end of the message, "reason (9:1-9:7)". */
export function mdxSyntaxError(file: string, reason: string, line: number, column: number): LessonError {
  const suffixed = /\s*\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(reason);
  if (!suffixed) return new LessonError(file, line, column, reason);
  return new LessonError(file, Number(suffixed[1]), Number(suffixed[2]), reason.slice(0, suffixed.index));
}

/** Parses and checks a lesson: its front matter, its cells' shape, its sections. `file` is what errors name. */
export function parseLesson(source: string, file: string): ParsedLesson {
  const tree = parseMdx(source, file);
  const frontmatter = checkFrontmatter(tree, file);
  visit(tree, "mdxJsxFlowElement", (node: MdxJsxFlowElement) => {
    if (node.name === "Cell") cellCode(node, file);
  });
  return { file, source, tree, frontmatter, sections: outline(tree) };
}

function checkFrontmatter(tree: Root, file: string): LessonFrontmatter {
  const [first] = tree.children;
  if (first?.type !== "yaml" || !first.position) {
    throw new LessonError(file, 1, 1, "a lesson must start with front matter between --- lines (title, order, summary)");
  }
  const block = first as Yaml;
  // The YAML's first line is the one after the opening ---.
  const firstLine = (first.position?.start.line ?? 1) + 1;
  let yaml: YamlText;
  try {
    yaml = parseYaml(block.value, firstLine);
  } catch (error) {
    if (error instanceof YamlSyntaxError) throw new LessonError(file, error.line, error.column, `front matter is not valid YAML: ${error.reason}`);
    throw error;
  }
  const checked = lessonFrontmatterSchema.safeParse(yaml.value);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  const path = issue ? issuePath(issue) : [];
  const field = String(path[0] ?? "");
  const what =
    issue?.code === "unrecognized_keys"
      ? `unknown front matter field "${field}": the fields are ${Object.keys(lessonFrontmatterSchema.shape).join(", ").replace(/, (\w+)$/, " and $1")}`
      : `front matter field "${field}" ${issue?.message ?? "is invalid"}`;
  // A missing field has no line of its own: name the opening ---.
  throw new LessonError(file, yaml.lineOf(path) ?? 1, 1, what);
}

/** The code of a `<Cell>`: its one fenced code block. */
export function cellCode(node: MdxJsxFlowElement, file: string): string {
  const [only, ...rest] = node.children;
  if (!only || rest.length > 0 || only.type !== "code") {
    throw new LessonError(file, node.position?.start.line ?? 1, node.position?.start.column ?? 1, CELL_SHAPE);
  }
  return (only as Code).value;
}

/** An `<Exercise id="…">`'s id, when it is plain text. */
function idOf(node: MdxJsxFlowElement): string | undefined {
  const id = node.attributes.find((attribute) => attribute.type === "mdxJsxAttribute" && attribute.name === "id")?.value;
  return typeof id === "string" && id !== "" ? id : undefined;
}

function exerciseId(node: MdxJsxFlowElement, file: string): string {
  const id = idOf(node);
  if (id === undefined) {
    throw new LessonError(file, node.position?.start.line ?? 1, node.position?.start.column ?? 1, '<Exercise> needs an id as plain text, e.g. <Exercise id="bernoulli-nll" />');
  }
  return id;
}

/** `node` if it is the JSX element `<name>` on lines of its own (as cells and exercises are written). */
function element(node: unknown, name: string): MdxJsxFlowElement | undefined {
  const candidate = node as MdxJsxFlowElement;
  return candidate.type === "mdxJsxFlowElement" && candidate.name === name ? candidate : undefined;
}

/** All the text in a (mdast or hast) node, as rehype-slug reads a heading: inline code and math included. */
export function nodeText(node: unknown): string {
  if (typeof node !== "object" || node === null) return "";
  const { value, children } = node as { value?: unknown; children?: unknown[] };
  return typeof value === "string" ? value : (children ?? []).map(nodeText).join("");
}

/** Node types whose text is not prose: code, math, expressions, imports, front matter. */
const NOT_PROSE = new Set(["code", "inlineCode", "math", "inlineMath", "mdxFlowExpression", "mdxTextExpression", "mdxjsEsm", "yaml", "html"]);

/** Node types whose words must not run into the next block's. */
const BLOCKS = new Set(["paragraph", "heading", "listItem", "tableCell", "blockquote", "mdxJsxFlowElement"]);

function outline(tree: Root): LessonSection[] {
  // One slugger over every heading in order, as rehype-slug numbers repeated titles on the page.
  const slugger = new GithubSlugger();
  const sections: LessonSection[] = [];
  let current: LessonSection | undefined;
  let prose: string[] = [];
  let cell = 0;
  const close = () => {
    if (current) current.text = prose.join(" ").replace(/\s+/g, " ").trim();
    prose = [];
  };
  visit(tree, (node) => {
    if (node.type === "heading") {
      // rehype-slug slugs the heading's text as the page has it: expressions (comments) leave no text, spaces stay.
      const text = nodeText({ children: node.children.filter((child) => child.type !== "mdxTextExpression") });
      const id = slugger.slug(text);
      if (node.depth !== 2) return CONTINUE;
      close();
      current = { id, title: text.trim(), cells: [], exercises: [], text: "" };
      sections.push(current);
      return SKIP;
    }
    if (element(node, "Cell")) {
      cell += 1;
      current?.cells.push(cell);
      return SKIP;
    }
    const exercise = element(node, "Exercise");
    if (exercise) {
      const id = idOf(exercise);
      if (id !== undefined) current?.exercises.push(id);
      return SKIP;
    }
    if (NOT_PROSE.has(node.type)) return SKIP;
    if (node.type === "text") prose.push(node.value);
    else if (BLOCKS.has(node.type)) prose.push(" ");
    return CONTINUE;
  });
  close();
  return sections;
}

/** Prose of MDX as plain words (no code, math or markup), e.g. an exercise prompt's, for search. */
export function mdxPlainText(source: string, file: string): string {
  return outline(parseMdx(`## x\n\n${source}`, file))[0]?.text ?? "";
}

/**
 * The lesson's top-level blocks in order, for a notebook: prose exactly as written (without MDX
 * comments, which are for authors), each `<Cell>`'s code and each `<Exercise>`'s id.
 */
export function lessonBlocks({ tree, source, file }: ParsedLesson): LessonBlock[] {
  const blocks: LessonBlock[] = [];
  let run: RootContent[] = [];
  const flush = () => {
    const first = run[0]?.position?.start.offset;
    const last = run.at(-1)?.position?.end.offset;
    if (first !== undefined && last !== undefined) {
      const text = withoutComments(source, run, first, last).replace(/^\s*\n/, "").trimEnd();
      if (text.trim() !== "") blocks.push({ kind: "prose", text });
    }
    run = [];
  };
  for (const node of tree.children) {
    if (node.type === "yaml") continue;
    const cell = element(node, "Cell");
    const exercise = element(node, "Exercise");
    if (cell) {
      flush();
      blocks.push({ kind: "cell", code: cellCode(cell, file) });
    } else if (exercise) {
      flush();
      blocks.push({ kind: "exercise", id: exerciseId(exercise, file) });
    } else {
      visit(node, "mdxJsxFlowElement", (inner: MdxJsxFlowElement) => {
        if (inner.name !== "Cell" && inner.name !== "Exercise") return;
        const { line = 1, column = 1 } = inner.position?.start ?? {};
        throw new LessonError(file, line, column, `<${inner.name}> inside another element cannot become a notebook cell: put it at the top level of the lesson`);
      });
      run.push(node);
    }
  }
  flush();
  return blocks;
}

/** MDX source without its comments (`{/* … *\/}`), e.g. an exercise prompt as a notebook shows it. */
export function mdxWithoutComments(source: string, file: string): string {
  const tree = parseMdx(source, file);
  return withoutComments(source, tree.children, 0, source.length);
}

/** `source` from `start` to `end` with every MDX comment among `nodes` cut out (and the line break after it). */
function withoutComments(source: string, nodes: RootContent[], start: number, end: number): string {
  const cuts: [number, number][] = [];
  for (const node of nodes) {
    visit(node, (inner) => {
      if (inner.type !== "mdxFlowExpression" && inner.type !== "mdxTextExpression") return CONTINUE;
      const program = inner.data?.estree;
      const from = inner.position?.start.offset;
      const to = inner.position?.end.offset;
      // A comment is an expression with nothing in it but comments.
      if (program && program.body.length === 0 && (program.comments?.length ?? 0) > 0 && from !== undefined && to !== undefined) {
        cuts.push([from, source[to] === "\n" ? to + 1 : to]);
      }
      return SKIP;
    });
  }
  let text = "";
  let at = start;
  for (const [from, to] of cuts.sort((a, b) => a[0] - b[0])) {
    text += source.slice(at, from);
    at = Math.max(at, to);
  }
  return text + source.slice(at, end);
}
