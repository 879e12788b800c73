/**
 * Values crossing a realm boundary as JSON text: what a learner's function returned, and the input
 * it was given. NaN, ±Infinity, -0, undefined and tensors survive the trip, because "got NaN" is
 * exactly the feedback a learner with an overflowing softmax needs.
 */
import { formatNumber } from "../numbers";

/** A tensor as it comes out of the learner's realm: data only (shape, dtype, values nested like arraySync()), never a live object. */
export interface TensorValue {
  $tensor: number[];
  dtype?: string;
  values: unknown;
}

export function isTensorValue(value: unknown): value is TensorValue {
  return typeof value === "object" && value !== null && Array.isArray((value as TensorValue).$tensor);
}

/** Stands for `undefined` while parsing: a reviver that returned undefined would delete the entry. */
const UNDEFINED = Object.freeze({});

/**
 * Reads JSON written by the probe (see probe.ts) back into values. `undefined` inside an array stays
 * an element, never a hole: array methods skip holes, so `[undefined, undefined]` must not read as
 * an array that every check passes vacuously.
 */
export function decodeValue(json: string): unknown {
  // Most answers hold no special value: JSON.parse without a reviver is several times faster (the
  // server decodes every test's answer and reference per submission). The probe's JSON.stringify never
  // escapes "$", so text without these markers has no entry for the reviver to change.
  if (!json.includes('"$num"') && !json.includes('"$undefined"')) return JSON.parse(json) as unknown;
  const parsed: unknown = JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === "object" && value !== null && "$num" in value) {
      const text = (value as { $num: unknown }).$num;
      return text === "-0" ? -0 : Number(text);
    }
    if (typeof value === "object" && value !== null && "$undefined" in value) return UNDEFINED;
    return value;
  });
  return restoreUndefined(parsed);
}

function restoreUndefined(value: unknown): unknown {
  if (value === UNDEFINED) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreUndefined(value[i]);
  } else if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = restoreUndefined((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Writes an input for the probe; the same encoding as the probe's, so inputs may hold NaN too. */
export function encodeValue(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) return { $num: Object.is(v, -0) ? "-0" : String(v) };
    if (v === undefined) return { $undefined: true };
    return v;
  }) ?? "null";
}

/** A short, learner-readable rendering of a value for failure messages. */
export function show(value: unknown, depth = 0): string {
  if (typeof value === "number") return showNumber(value);
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (isTensorValue(value)) return `a tensor of shape [${value.$tensor.join(", ")}] ${show(value.values, depth)}`;
  if (Array.isArray(value)) {
    if (depth > 2) return "[...]";
    const items = value.length > 8 ? [...value.slice(0, 3), "…", ...value.slice(-3)] : value;
    return `[${items.map((item) => (item === "…" && value.length > 8 ? "…" : show(item, depth + 1))).join(", ")}]`;
  }
  if (typeof value === "object") {
    if (depth > 2) return "{...}";
    const entries = Object.entries(value).slice(0, 8);
    return `{ ${entries.map(([k, v]) => `${k}: ${show(v, depth + 1)}`).join(", ")} }`;
  }
  return String(value);
}

export function showNumber(value: number): string {
  return Object.is(value, -0) ? "-0" : formatNumber(value, { precision: 4, exponentDigits: 3 });
}

/** What kind of thing a value is, in words: "a string", "undefined", "an array of 3 items". */
export function kindOf(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (isTensorValue(value)) return `a tensor of shape [${value.$tensor.join(", ")}]`;
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
