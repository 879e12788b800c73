/**
 * Where a class struggles on one exercise: per-test pass counts, which declared mistake each failing
 * submission shows, the score distribution, and first-try versus eventual success
 * (GET /api/instructor/exercises/:id/analytics and /instructor/exercises/<id>).
 *
 * A mistake's signature is what its file earns when graded as a learner's code is: the same tests,
 * the same seed (a seeded exercise gives each learner other numbers, so other messages), the same
 * reference answers, through the same `grade`. A submission shows that mistake when it fails exactly
 * those tests with exactly those messages.
 */
import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { grade } from "@/engine/grading/harness";
import { nodeRealm } from "./node-realm.server";
import type { GradingService } from "./service.server";
import type { StoredResult, StoredSubmission } from "./store.server";

export interface TestStats {
  name: string;
  hidden: boolean;
  points: number;
  /** Graded submissions that passed it, and learners with at least one such submission. */
  submissions: number;
  learners: number;
}

export interface MistakeStats {
  file: string;
  about: string;
  fails: string;
  feedback: string;
  submissions: number;
  learners: number;
}

export interface ExerciseAnalytics {
  exerciseId: string;
  title: string;
  maxScore: number;
  learners: number;
  /** Graded submissions (queued or running ones are not counted anywhere below). */
  submissions: number;
  tests: TestStats[];
  mistakes: MistakeStats[];
  /** Failing submissions that match no declared mistake. */
  unexplained: number;
  /** Per score: how many submissions scored it, and how many learners have it as their best. */
  scores: { score: number; submissions: number; learners: number }[];
  /** Learners by when they first got full marks: on their first graded submission, later, or not yet. */
  success: { firstTry: number; eventually: number; notYet: number };
}

/** What a set of results fails, in a form two sets compare equal by. */
export const failureSignature = (results: Pick<StoredResult, "name" | "passed" | "message">[]) =>
  JSON.stringify(
    results
      .filter((result) => !result.passed)
      .map((result) => [result.name, result.message])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );

/**
 * Mistake signatures, by exercise, tests version and seed: they change only when the exercise does, and
 * a seeded exercise has a seed per learner, each costing one grading of every mistake file (~0.25 s for
 * bernoulli-nll's 100,000 flips). Kept across requests, so only a class's new learners cost anything.
 */
const signatureCache = new Map<string, Promise<string[]>>();
const SIGNATURE_CACHE = 50_000;

/** Lets other requests run between two gradings on this thread: a class's first view takes a while, and must not stall the site meanwhile. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function exerciseAnalytics(grader: GradingService, exerciseId: string): Promise<ExerciseAnalytics> {
  const loaded = await grader.load(exerciseId);
  const { exercise } = loaded;
  const all = await grader.store.forExercise(exerciseId);
  const graded = all.filter((submission) => submission.status === "graded");
  const mistakeCode = exercise.meta.mistakes.map((mistake) => readFileSync(join(/*turbopackIgnore: true*/ exercise.dir, "mistakes", mistake.file), "utf8"));

  const mistakesVersion = createHash("sha256").update(mistakeCode.join("\0")).digest("hex").slice(0, 16);

  // Mistake signatures per seed: one grading of each mistake file per seed that occurs.
  const signaturesFor = async (learnerEmail: string): Promise<string[]> => {
    await yieldToOthers();
    const { seed, visible, hidden, answers } = await grader.testsFor(exerciseId, learnerEmail);
    const key = `${exerciseId} ${loaded.version} ${mistakesVersion} ${seed}`;
    let found = signatureCache.get(key);
    if (!found) {
      found = (async () => {
        const signatures: string[] = [];
        for (const code of mistakeCode) {
          await yieldToOthers();
          signatures.push(failureSignature((await grade([...visible, ...hidden], nodeRealm(code, { tensors: exercise.meta.tensors }), answers)).tests));
        }
        return signatures;
      })();
      found.catch(() => signatureCache.delete(key));
      if (signatureCache.size >= SIGNATURE_CACHE) signatureCache.delete(signatureCache.keys().next().value as string);
      signatureCache.set(key, found);
    }
    return found;
  };

  const byLearner = new Map<string, StoredSubmission[]>();
  for (const submission of graded) byLearner.set(submission.learnerEmail, [...(byLearner.get(submission.learnerEmail) ?? []), submission]);

  const testOrder = new Map<string, TestStats>();
  const passedBy = new Map<string, Set<string>>();
  const mistakeSubmissions = exercise.meta.mistakes.map(() => 0);
  const mistakeLearners = exercise.meta.mistakes.map(() => new Set<string>());
  let unexplained = 0;
  for (const submission of graded) {
    for (const result of submission.results) {
      const stats = testOrder.get(result.name) ?? { name: result.name, hidden: result.hidden, points: result.points, submissions: 0, learners: 0 };
      testOrder.set(result.name, stats);
      if (result.passed) {
        stats.submissions++;
        passedBy.set(result.name, (passedBy.get(result.name) ?? new Set()).add(submission.learnerEmail));
      }
    }
    if (submission.results.every((result) => result.passed)) continue;
    const signature = failureSignature(submission.results);
    const mistakes = await signaturesFor(submission.learnerEmail);
    const matched = mistakes.indexOf(signature);
    if (matched === -1) {
      unexplained++;
      continue;
    }
    mistakeSubmissions[matched] = (mistakeSubmissions[matched] ?? 0) + 1;
    mistakeLearners[matched]?.add(submission.learnerEmail);
  }
  const tests = [...testOrder.values()].map((stats) => ({ ...stats, learners: passedBy.get(stats.name)?.size ?? 0 }));

  const maxScore = loaded.maxScore;
  const counts = new Map<number, { submissions: number; learners: number }>();
  const bucket = (score: number) => counts.get(score) ?? counts.set(score, { submissions: 0, learners: 0 }).get(score)!;
  for (let score = 0; score <= maxScore; score++) bucket(score);
  for (const submission of graded) bucket(submission.score ?? 0).submissions++;
  const success = { firstTry: 0, eventually: 0, notYet: 0 };
  for (const submissions of byLearner.values()) {
    bucket(Math.max(...submissions.map((submission) => submission.score ?? 0))).learners++;
    const full = submissions.findIndex((submission) => submission.maxScore !== null && submission.score === submission.maxScore);
    if (full === 0) success.firstTry++;
    else if (full > 0) success.eventually++;
    else success.notYet++;
  }

  return {
    exerciseId,
    title: exercise.meta.title,
    maxScore,
    learners: byLearner.size,
    submissions: graded.length,
    tests,
    mistakes: exercise.meta.mistakes.map((mistake, i) => ({ ...mistake, submissions: mistakeSubmissions[i] ?? 0, learners: mistakeLearners[i]?.size ?? 0 })),
    unexplained,
    scores: [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([score, count]) => ({ score, ...count })),
    success,
  };
}
