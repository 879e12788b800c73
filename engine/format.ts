/**
 * Turns cell values into MIME bundles, the way Jupyter's display system does: every value gets a
 * `text/plain` form, and richer forms where the value has one.
 */
import inspect from "object-inspect";
import { formatNumber } from "./numbers";

/** The duck type of a tfjs tensor: enough to format one without importing tfjs here. */
export interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  isDisposed: boolean;
  arraySync(): unknown;
}

export function isTensorLike(value: unknown): value is TensorLike {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as TensorLike).shape) &&
    typeof (value as TensorLike).dtype === "string" &&
    typeof (value as TensorLike).arraySync === "function"
  );
}

export function formatTensor(tensor: TensorLike): string {
  const header = `Tensor ${tensor.dtype} [${tensor.shape.join(", ")}]`;
  if (tensor.isDisposed) return `${header} (disposed)`;
  const values = tensor.arraySync();
  return `${header}\n${formatNested(values, 0)}`;
}

/** Nested arrays in NumPy's style: long axes show their first and last three entries. */
function formatNested(value: unknown, depth: number): string {
  if (!Array.isArray(value)) return typeof value === "number" ? formatNumber(value) : String(value);
  const edge = 3;
  const items =
    value.length > 2 * edge + 1
      ? [...value.slice(0, edge).map((v) => formatNested(v, depth + 1)), "...",
         ...value.slice(-edge).map((v) => formatNested(v, depth + 1))]
      : value.map((v) => formatNested(v, depth + 1));
  const nested = Array.isArray(value[0]);
  const separator = nested ? `,\n${" ".repeat(depth + 1)}` : ", ";
  return `[${items.join(separator)}]`;
}

export function formatText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(value);
  if (isTensorLike(value)) return formatTensor(value);
  return inspect(value, { depth: 4, maxStringLength: 10_000 });
}

/** What console.log prints for its arguments: strings as they are, other values inspected. */
export function formatConsoleArgs(args: unknown[]): string {
  return args.map((arg) => (typeof arg === "string" ? arg : formatText(arg))).join(" ");
}
