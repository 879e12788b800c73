/**
 * **Check** in the browser kernel (the `grader/check` message): the harness is the kernel's own;
 * what arrives per exercise is the visible tests' script (inputs, `run` and `check`, no answers) and
 * the reference solution's answers as data, computed by the server. The learner's code runs in a
 * scope of its own (engine/transpile.ts, `closures`), and each test's `run` is closed over it.
 */
import * as grading from "./index";
import {
  checkOne,
  DEFAULT_TIME_LIMIT_MS,
  type ExpectedAnswers,
  type Grade,
  type ProbeOutcome,
  stopMessages,
  type TestCase,
  type TestFile,
  toGrade,
} from "./harness";
import { installProbe, PROBE_OUTPUT_LIMIT } from "./probe";
import { encodeValue } from "./values";

/** The name a tests script assigns its module to, and the name under which it finds the harness. */
export const TESTS_GLOBAL = "__descentTests";
export const GRADING_GLOBAL = "__descentGrading";

/** Builds the tests a tests script defines, for one seed. */
export function loadCheckTests(script: string, seed: number): TestCase[] {
  // The script runs in a function of its own, so its names never reach the learner's globals.
  const load = new Function(GRADING_GLOBAL, `${script}\n;return ${TESTS_GLOBAL};`) as (harness: typeof grading) => unknown;
  const module = load(grading) as { default?: TestFile } | undefined;
  if (typeof module?.default?.build !== "function") throw new Error("The exercise's tests could not be loaded: reload the page.");
  return module.default.build(seed >>> 0);
}

export interface CheckHost {
  /** The kernel's TensorFlow.js: tensors a test creates are disposed after it. */
  tf?: unknown;
  /** Throws when the learner pressed Interrupt, ending the whole check. */
  stopIfInterrupted(): void;
  /** Makes the learner's loops stop `ms` from now (undefined: no limit), as the server's per-test timeout does. */
  limitTo?(ms: number | undefined): void;
  now?: () => number;
}

type ProbeSteps = { prepare(inputJson: string): void; call(run: unknown): void; collect(): string };

/**
 * Runs each test's `run` (closed over the learner's scope) through the probe, with the server's
 * per-test limits and budget measured as time spent in the call, then checks the answers here.
 */
export function gradeInKernel(tests: TestCase[], runs: unknown[], request: { answers: ExpectedAnswers; budgetMs: number }, host: CheckHost): Grade {
  const now = host.now ?? (() => performance.now());
  const probe = installProbe({}, PROBE_OUTPUT_LIMIT, host.tf) as unknown as ProbeSteps;
  let spent = 0;
  const outcomes = tests.map((test, i): ProbeOutcome => {
    const limit = test.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    if (spent >= request.budgetMs) return { stopped: "budget", message: stopMessages.budget(request.budgetMs), ms: 0 };
    try {
      probe.prepare(encodeValue(test.input));
    } catch {
      return { stopped: "crashed", message: "This test's input could not be given to your code.", ms: 0 };
    }
    const budgetLeft = request.budgetMs - spent;
    host.limitTo?.(Math.min(limit, budgetLeft));
    const started = now();
    try {
      probe.call(runs[i]);
    } finally {
      host.limitTo?.(undefined);
    }
    const ms = now() - started;
    spent += ms;
    const json = probe.collect();
    host.stopIfInterrupted();
    if (ms > budgetLeft && budgetLeft < limit) return { stopped: "budget", message: stopMessages.budget(request.budgetMs), ms };
    return ms > limit ? { stopped: "timeout", message: stopMessages.timeout(limit), ms } : { json, ms };
  });
  return toGrade(tests.map((test, i) => checkOne(test, outcomes[i], request.answers[test.name])));
}
