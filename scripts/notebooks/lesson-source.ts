/**
 * Splits a lesson's MDX into what a notebook needs: the front matter, prose, and the code of each
 * `<Cell>` and each `<Exercise id="…" />`, in order. The lesson pipeline (app/_lib) has already checked the lesson's shape at build
 * time; this reads the source line by line so the prose reaches the notebook exactly as written.
 */
import yaml from "js-yaml";
import { lessonFrontmatterSchema, type LessonFrontmatter } from "../../app/_lib/lesson-schema";

export type LessonBlock = { kind: "prose"; text: string } | { kind: "cell"; code: string } | { kind: "exercise"; id: string };

export interface LessonSource {
  frontmatter: LessonFrontmatter;
  blocks: LessonBlock[];
}

const FENCE = /^\s*(```+|~~~+)/;
const EXERCISE = /^<Exercise\s+id="([^"]+)"\s*\/>$/;

export function parseLessonSource(source: string, file: string): LessonSource {
  const text = source.replace(/\r\n/g, "\n");
  const block = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!block?.[1]) throw new Error(`${file}:1:1: a lesson must start with front matter between --- lines`);
  const checked = lessonFrontmatterSchema.safeParse(yaml.load(block[1]));
  if (!checked.success) throw new Error(`${file}:1:1: front matter is invalid: ${checked.error.issues[0]?.message ?? "unknown problem"}`);

  const lines = text.slice(block[0].length).split("\n");
  const firstLine = text.slice(0, block[0].length).split("\n").length;
  const blocks: LessonBlock[] = [];
  let prose: string[] = [];
  const flushProse = () => {
    const joined = stripMdxComments(prose.join("\n")).replace(/^\s*\n/, "").trimEnd();
    if (joined.trim() !== "") blocks.push({ kind: "prose", text: joined });
    prose = [];
  };

  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker.startsWith(fence)) fence = undefined;
      prose.push(line);
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      prose.push(line);
      continue;
    }
    const exercise = EXERCISE.exec(line.trim())?.[1];
    if (exercise !== undefined) {
      flushProse();
      blocks.push({ kind: "exercise", id: exercise });
      continue;
    }
    if (line.trim() !== "<Cell>") {
      prose.push(line);
      continue;
    }
    flushProse();
    const start = i;
    const end = lines.findIndex((candidate, index) => index > i && candidate.trim() === "</Cell>");
    if (end === -1) throw new Error(`${file}:${firstLine + start}:1: <Cell> is never closed: add </Cell>`);
    blocks.push({ kind: "cell", code: fencedCode(lines.slice(start + 1, end), file, firstLine + start) });
    i = end;
  }
  flushProse();
  return { frontmatter: checked.data, blocks };
}

function fencedCode(inner: string[], file: string, line: number): string {
  const body = inner.filter((_, index) => index > 0 || inner[0]?.trim() !== "");
  const open = FENCE.exec(body[0] ?? "")?.[1];
  const closeIndex = body.findLastIndex((candidate) => candidate.trim() !== "");
  if (open === undefined || closeIndex < 1 || !(body[closeIndex] ?? "").trim().startsWith(open)) {
    throw new Error(`${file}:${line}:1: <Cell> must hold exactly one fenced code block`);
  }
  return body.slice(1, closeIndex).join("\n");
}

/** MDX comments (`{/* … *\/}`) are for authors; notebooks would show them as text. */
export function stripMdxComments(text: string): string {
  return text.replace(/\{\/\*[\s\S]*?\*\/\}\n?/g, "");
}
