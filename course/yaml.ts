/**
 * The one YAML reader for course content (lesson front matter, exercise.yaml): the `yaml` library's
 * document with a LineCounter, so every error and every schema problem is placed by the library's
 * own positions, never by searching the text for a key.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { z } from "zod";

/** Text that is not YAML. `line` and `column` are 1-based, in the numbering of the file the text came from. */
export class YamlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${line}:${column}: ${reason}`);
    this.name = "YamlSyntaxError";
  }
}

export interface YamlText {
  value: unknown;
  /**
   * The line of the key (or list item) at `path`, e.g. ["mistakes", 1, "fails"]; when the path goes
   * further than the text does, the line of the deepest part that exists; undefined when not even
   * the first part exists.
   */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses `text`, which starts on line `firstLine` of its file (front matter starts on line 2).
 * Uses the YAML 1.2 core schema: dates stay text for the schema to check.
 */
export function parseYaml(text: string, firstLine = 1): YamlText {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, schema: "core" });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const [error] = document.errors;
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new YamlSyntaxError(line + firstLine - 1, col, error.message);
  }
  return {
    value: document.toJS(),
    lineOf(path) {
      let node: unknown = document.contents;
      let offset: number | undefined;
      for (const part of path) {
        const found = childOf(node, part);
        if (!found) break;
        offset = found.offset;
        node = found.node;
      }
      return offset === undefined ? undefined : lineAt(offset);
    },
  };
}

/** A map's value under `key` (placed at its key) or a list's item at `index` (placed at the item). */
function childOf(node: unknown, part: PropertyKey): { node: unknown; offset: number } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
    const start = (pair?.key as YamlNode | undefined)?.range?.[0];
    return pair && start !== undefined ? { node: pair.value, offset: start } : undefined;
  }
  if (isSeq(node)) {
    const item = node.items[Number(part)] as YamlNode | undefined;
    const start = item?.range?.[0];
    return start !== undefined ? { node: item, offset: start } : undefined;
  }
  return undefined;
}

/** The path a schema issue is about: for an unknown key, the key itself (zod reports its parent). */
export function issuePath(issue: z.core.$ZodIssue): PropertyKey[] {
  return issue.code === "unrecognized_keys" && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : [...issue.path];
}
