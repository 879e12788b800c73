/**
 * Every message between the sandbox pool (sandbox.server.ts) and a sandbox child (sandbox-child.ts),
 * in both directions, validated on arrival on both sides. Outcomes are a discriminated union, so a
 * verdict is formed from what happened, never from a string that happens to say "memory".
 * No `server-only` here: the child bundles this module and runs outside React's server condition.
 */
import * as z from "zod/mini";

// ---- pool -> child ------------------------------------------------------------------------------

/**
 * Sent once after spawning: the probe's install script (compiled once per isolate, run in each
 * submission's context) and TensorFlow.js as a script (compiled when a job needs it). Neither is sent
 * again with each job: the run messages carry only what differs between submissions.
 */
export const sandboxSetupSchema = z.object({ type: z.literal("grader/setup"), probeInstall: z.string(), tfScript: z.string() });

export const probeStepsSchema = z.object({ prepare: z.string(), call: z.string(), collect: z.string() });

export const sandboxRunSchema = z.object({
  type: z.literal("grader/run"),
  id: z.int(),
  /** The learner's code, compiled to a classic script. */
  js: z.string(),
  /** Time for the code's top level, before any test. */
  loadTimeMs: z.number(),
  /** Time for all tests together. */
  budgetMs: z.number(),
  /** The realm gets `tf` first (a tensor exercise). */
  tensors: z.boolean(),
  probes: z.array(z.object({ steps: probeStepsSchema, timeLimitMs: z.number() })),
});

export const toSandboxSchema = z.discriminatedUnion("type", [sandboxSetupSchema, sandboxRunSchema]);
export type ToSandbox = z.infer<typeof toSandboxSchema>;
export type SandboxRun = z.infer<typeof sandboxRunSchema>;

// ---- child -> pool ------------------------------------------------------------------------------

/** Why the learner's top level did not finish, so no test ran. */
export const loadFailureSchema = z.enum(["timeout", "memory", "threw"]);

/** What one probe came to inside the child. `ms` is the isolate's CPU time for the learner's call. */
export const childOutcomeSchema = z.discriminatedUnion("outcome", [
  /** The probe's JSON text: the learner's answer, compared outside. */
  z.object({ outcome: z.literal("value"), json: z.string(), ms: z.number() }),
  /** The test's own time limit (or what was left of the budget) ran out. */
  z.object({ outcome: z.literal("timeout"), limitMs: z.number(), ms: z.number() }),
  /** The isolate went past its memory limit (and was disposed). */
  z.object({ outcome: z.literal("memory"), ms: z.number() }),
  /** An error escaped the probe (not one the learner's call threw: the probe reports those as JSON). */
  z.object({ outcome: z.literal("threw"), message: z.string(), ms: z.number() }),
  /** Not run: earlier tests used up the submission's budget. */
  z.object({ outcome: z.literal("budget") }),
  /** Not run: the code's top level failed. */
  z.object({ outcome: z.literal("load-failed"), reason: loadFailureSchema, message: z.string() }),
  /** The child itself failed around the isolate (isolated-vm threw outside any probe). */
  z.object({ outcome: z.literal("sandbox-error"), message: z.string() }),
]);
export type ChildOutcome = z.infer<typeof childOutcomeSchema>;

export const sandboxReadySchema = z.object({ type: z.literal("grader/ready") });
export const sandboxResultSchema = z.object({ type: z.literal("grader/result"), id: z.int(), outcomes: z.array(childOutcomeSchema) });

export const fromSandboxSchema = z.discriminatedUnion("type", [sandboxReadySchema, sandboxResultSchema]);
export type FromSandbox = z.infer<typeof fromSandboxSchema>;
