/**
 * Every message between the lesson page and the kernel worker, in both directions.
 * One discriminated union per direction, tagged with namespaced `type`s, validated on arrival.
 */
import * as z from "zod/mini";

import { BACKENDS } from "./backend-names";
import type { MimeBundle } from "./mime";

export { type MimeBundle, PLOTLY_MIME } from "./mime";

export const mimeBundleSchema = z.record(z.string(), z.unknown());

export const cellErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  /** 1-based line and column in the cell's own source, when known. */
  line: z.optional(z.int()),
  column: z.optional(z.int()),
  /** Stack frames mapped back to cell sources, one per line. */
  stack: z.optional(z.string()),
});
export type CellError = z.infer<typeof cellErrorSchema>;

// ---- page -> kernel ----------------------------------------------------------------------------

export const backendNameSchema = z.enum(BACKENDS);
export type BackendName = z.infer<typeof backendNameSchema>;
/** A pinned backend, or "auto" to probe and move to the fastest. */
export const backendPreferenceSchema = z.enum(["auto", ...BACKENDS]);
export type BackendPreference = z.infer<typeof backendPreferenceSchema>;

export const probeResultSchema = z.object({
  /** The backend the kernel moved to. */
  chosen: backendNameSchema,
  /** Milliseconds per trial on each backend that was tried. */
  trials: z.partialRecord(backendNameSchema, z.number()),
  /** Backends that could not start here, with the reason. */
  unavailable: z.partialRecord(backendNameSchema, z.string()),
  /** Wall time of the whole probe. */
  probeMs: z.number(),
});

export const kernelInitSchema = z.object({
  type: z.literal("kernel/init"),
  backend: z.optional(backendPreferenceSchema),
  /** The backend an earlier probe chose in this browser; skips the trial. */
  cachedBackend: z.optional(backendNameSchema),
  /** Where the lesson's cells compiled at build time are (engine/compiler.ts compiledCellsUrl): same origin only. */
  compiledCells: z.optional(z.string()),
  /** A 4-byte SharedArrayBuffer the page sets to ask a busy cell to stop; absent without isolation. */
  interruptBuffer: z.optional(
    z.custom<SharedArrayBuffer>((v) => typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer),
  ),
});

export const kernelExecuteSchema = z.object({
  type: z.literal("kernel/execute"),
  id: z.string(),
  /** A stable name for the source, e.g. "cell-3", used in stack traces. */
  cellName: z.string(),
  code: z.string(),
});

/** Ask a running cell to stop. Loops see the shared flag; a cell that is awaiting sees this message. */
export const kernelInterruptSchema = z.object({ type: z.literal("kernel/interrupt") });

/**
 * **Check**: grade an exercise's code against its visible tests, in the kernel, in a scope of its own
 * (the lesson's definitions readable, not replaceable). Only data and the tests' own code travel:
 * the reference solution's answers come from the server, never the code that made them.
 */
export const graderCheckSchema = z.object({
  type: z.literal("grader/check"),
  id: z.string(),
  /** The learner's exercise code (TypeScript). */
  code: z.string(),
  /** The exercise's visible tests compiled as a script that defines `__descentTests` (the harness is the kernel's own). */
  tests: z.string(),
  /** The learner's seed for this exercise (0 when not seeded). */
  seed: z.int(),
  /** The reference solution's answer to each test, by test name: the probe's JSON text. */
  answers: z.record(z.string(), z.string()),
  /** Time for all tests together, in ms, as on the server. */
  budgetMs: z.int(),
});

export const toKernelSchema = z.discriminatedUnion("type", [
  kernelInitSchema,
  kernelExecuteSchema,
  kernelInterruptSchema,
  graderCheckSchema,
]);
export type ToKernel = z.infer<typeof toKernelSchema>;
export type GraderCheck = z.infer<typeof graderCheckSchema>;
export type KernelExecute = z.infer<typeof kernelExecuteSchema>;

// ---- kernel -> page ----------------------------------------------------------------------------

export const kernelReadySchema = z.object({
  type: z.literal("kernel/ready"),
  backend: z.string(),
});

/** The kernel moved to another backend (between cells); `probe` says why, when it measured. */
export const kernelBackendSchema = z.object({
  type: z.literal("kernel/backend"),
  backend: z.string(),
  probe: z.optional(probeResultSchema),
  /** Set when a pinned or cached backend could not start and the kernel stayed where it was. */
  problem: z.optional(z.string()),
});

/** The kernel could not start; the page shows `message` and offers a restart. */
export const kernelFatalSchema = z.object({
  type: z.literal("kernel/fatal"),
  message: z.string(),
});

export const kernelStreamSchema = z.object({
  type: z.literal("kernel/stream"),
  id: z.string(),
  name: z.enum(["stdout", "stderr"]),
  text: z.string(),
});

export const kernelDisplaySchema = z.object({
  type: z.literal("kernel/display"),
  id: z.string(),
  data: mimeBundleSchema,
  /** Set for displays that will be updated in place (live charts, progress bars). */
  displayId: z.optional(z.string()),
});

/** Replaces an earlier display with the same `displayId` (Jupyter's update_display_data). */
export const kernelUpdateDisplaySchema = z.object({
  type: z.literal("kernel/update-display"),
  id: z.string(),
  displayId: z.string(),
  data: mimeBundleSchema,
});

export const kernelExecuteReplySchema = z.discriminatedUnion("status", [
  z.object({
    type: z.literal("kernel/execute-reply"),
    id: z.string(),
    status: z.literal("ok"),
    executionCount: z.int(),
    /** The formatted value of the cell's last expression, if it had one. */
    result: z.optional(mimeBundleSchema),
  }),
  z.object({
    type: z.literal("kernel/execute-reply"),
    id: z.string(),
    status: z.literal("error"),
    executionCount: z.int(),
    error: cellErrorSchema,
  }),
]);

/** One test's verdict, for the learner: `message` is empty when it passed. */
export const testResultSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  /** What the test is worth; it counts toward the score when passed. */
  points: z.number(),
  message: z.string(),
});

export const gradeSchema = z.object({
  score: z.number(),
  maxScore: z.number(),
  tests: z.array(testResultSchema),
});

/** The answer to `grader/check`: a grade, or why the code could not be graded (a syntax error, an error at its top level). */
export const graderResultSchema = z.discriminatedUnion("status", [
  z.object({ type: z.literal("grader/result"), id: z.string(), status: z.literal("graded"), grade: gradeSchema }),
  z.object({ type: z.literal("grader/result"), id: z.string(), status: z.literal("error"), error: cellErrorSchema }),
]);

// Picked by `type` (the reply and the grader result are unions by `status` inside): a plain union tried
// every option in turn, building the issues of each miss, on every message the page received.
export const fromKernelSchema = z.discriminatedUnion("type", [
  graderResultSchema,
  kernelReadySchema,
  kernelBackendSchema,
  kernelFatalSchema,
  kernelStreamSchema,
  kernelDisplaySchema,
  kernelUpdateDisplaySchema,
  kernelExecuteReplySchema,
]);
export type FromKernel = z.infer<typeof fromKernelSchema>;
export type KernelStream = z.infer<typeof kernelStreamSchema>;
export type KernelInit = z.infer<typeof kernelInitSchema>;
export type ProbeResult = z.infer<typeof probeResultSchema>;
export type KernelDisplay = z.infer<typeof kernelDisplaySchema>;
export type KernelUpdateDisplay = z.infer<typeof kernelUpdateDisplaySchema>;
/** What a running cell sends besides its reply. */
export type KernelOutput = KernelStream | KernelDisplay | KernelUpdateDisplay;
export type ExecuteReply = z.infer<typeof kernelExecuteReplySchema>;
export type GraderResult = z.infer<typeof graderResultSchema>;
export type Grade = z.infer<typeof gradeSchema>;
export type TestResult = z.infer<typeof testResultSchema>;

/** Output that arrives while a cell runs, before its reply. */
export type CellOutput =
  | { kind: "stream"; name: "stdout" | "stderr"; text: string }
  | { kind: "display"; data: MimeBundle; displayId?: string }
  | { kind: "update"; data: MimeBundle; displayId: string }
  | { kind: "result"; data: MimeBundle }
  | { kind: "error"; error: CellError };
