/**
 * The grading harness, as exercise tests import it (`import { defineTests } from "@/engine/grading"`).
 * Pure TypeScript: it runs in the browser kernel and in the server grader alike.
 */
export { expect, GradingFailure, type Expect, type Tolerance } from "./assert";
export {
  defineTests,
  grade,
  type CheckContext,
  type Grade,
  type Probe,
  type ProbeOutcome,
  type Realm,
  type TestCase,
  type TestFile,
  type TestResult,
  type TestSpec,
} from "./harness";
export { createRng, hashSeed, learnerSeed, type Rng } from "./seed";
