/**
 * Rich representations of values, beside their `text/plain` form: tensors as tables, arrays and
 * objects as trees the page can expand. Both are plain JSON, bounded in size, built in the kernel.
 */
import inspect from "object-inspect";
import { formatText, isTensorLike, type TensorLike } from "./format";
import { formatNumber } from "./numbers";
import type { MimeBundle } from "./mime";

export const TENSOR_MIME = "application/vnd.descent.tensor+json";
export const TREE_MIME = "application/vnd.descent.tree+json";
export const PROGRESS_MIME = "application/vnd.descent.progress+json";

/** Rows and columns shown at each end of a long axis, as NumPy does. */
const EDGE = 5;

export interface TensorView {
  dtype: string;
  shape: number[];
  /** Rank 0-2: the values as rows of formatted cells; "…" marks elided rows or columns. */
  rows?: string[][];
  /** Rank 3+: NumPy-style text. */
  text?: string;
}

function elide<T>(items: T[], gap: T): T[] {
  return items.length > 2 * EDGE ? [...items.slice(0, EDGE), gap, ...items.slice(-EDGE)] : items;
}

export function tensorView(tensor: TensorLike): TensorView {
  const base = { dtype: tensor.dtype, shape: [...tensor.shape] };
  if (tensor.isDisposed) return { ...base, text: "(disposed)" };
  if (tensor.shape.length > 2) return { ...base, text: formatText(tensor).split("\n").slice(1).join("\n") };
  const cell = (value: unknown) => (typeof value === "number" ? formatNumber(value) : String(value));
  const values = tensor.arraySync();
  const matrix: unknown[][] = tensor.shape.length === 0 ? [[values]] : tensor.shape.length === 1 ? [values as unknown[]] : (values as unknown[][]);
  const rows = elide(
    matrix.map((row) => elide(row.map(cell), "…")),
    Array.from({ length: Math.min(matrix[0]?.length ?? 0, 2 * EDGE + 1) }, () => "⋮"),
  );
  return { ...base, rows };
}

export interface TreeNode {
  /** One-line summary, e.g. `Array(3) [1, 2, 3]` or `{ a: 1, b: … }`. */
  preview: string;
  /** Present for containers: their entries, possibly cut short. */
  children?: { key: string; node: TreeNode }[];
  /** How many entries were left out. */
  more?: number;
}

const MAX_CHILDREN = 100;
const MAX_DEPTH = 5;

/** A tree of a value, bounded in depth and width; reads own data properties only (no getters). */
export function treeOf(value: unknown, depth = 0, seen = new Set<object>()): TreeNode {
  if (typeof value !== "object" || value === null) return { preview: previewOf(value) };
  if (isTensorLike(value)) return { preview: `Tensor ${value.dtype} [${value.shape.join(", ")}]` };
  if (seen.has(value)) return { preview: "[Circular]" };
  if (depth >= MAX_DEPTH) return { preview: previewOf(value) };
  seen.add(value);
  const entries = entriesOf(value);
  const shown = entries.slice(0, MAX_CHILDREN);
  const node: TreeNode = {
    preview: previewOf(value),
    children: shown.map(([key, child]) => ({ key, node: treeOf(child, depth + 1, seen) })),
  };
  if (entries.length > shown.length) node.more = entries.length - shown.length;
  seen.delete(value);
  return node;
}

function entriesOf(value: object): [string, unknown][] {
  const tag = Object.prototype.toString.call(value);
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (ArrayBuffer.isView(value) && "length" in value) {
    return Array.from(value as unknown as ArrayLike<number>, (item, index) => [String(index), item]);
  }
  if (tag === "[object Map]") {
    const out: [string, unknown][] = [];
    Map.prototype.forEach.call(value, (item: unknown, key: unknown) => out.push([previewOf(key), item]));
    return out;
  }
  if (tag === "[object Set]") {
    const out: [string, unknown][] = [];
    Set.prototype.forEach.call(value, (item: unknown) => out.push([String(out.length), item]));
    return out;
  }
  return Object.entries(Object.getOwnPropertyDescriptors(value)).flatMap(([key, descriptor]) =>
    descriptor.enumerable && "value" in descriptor ? [[key, descriptor.value as unknown] as [string, unknown]] : [],
  );
}

function previewOf(value: unknown): string {
  try {
    const text = formatText(value).replace(/\s+/g, " ");
    return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  } catch {
    return "<value>";
  }
}

/** Whether a value is worth a tree: a container with something inside. */
export function wantsTree(value: unknown): boolean {
  if (typeof value !== "object" || value === null || isTensorLike(value)) return false;
  const tag = Object.prototype.toString.call(value);
  if (tag === "[object Date]" || tag === "[object RegExp]" || tag === "[object Error]") return false;
  return true;
}

/** The bundle shown for a value: `display(value)` and a cell's last expression both use it. */
export function toMimeBundle(value: unknown): MimeBundle {
  if (typeof value === "string") return { "text/plain": inspect(value) };
  const bundle: MimeBundle = { "text/plain": formatText(value) };
  if (isTensorLike(value)) bundle[TENSOR_MIME] = tensorView(value);
  else if (wantsTree(value)) bundle[TREE_MIME] = treeOf(value);
  return bundle;
}
