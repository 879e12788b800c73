/**
 * What the page remembers about an exercise across reloads (localStorage): the learner's code, the
 * last Check and submission results, how many hints are shown, and who is signed in.
 */
import type { ExpectedAnswers, Grade } from "@/engine/grading/harness";

export interface SubmissionView extends Grade {
  id: string;
  status: "queued" | "running" | "graded";
  /** An instructor's review by hand: rubric lines and a comment. */
  review?: { lines: { points: number; comment: string }[]; comment: string; points: number };
  /** The score that counts under the exercise's rules, and how it was computed. */
  effective?: { score: number; maxScore: number; steps: string[] };
  attempts?: { used: number; max: number };
}

/** What Check needs besides the tests: the learner's seed and the reference's answers for it (data, never code). */
export interface CheckData {
  seed: number;
  answers: ExpectedAnswers;
}

export interface ExerciseMemory {
  code?: string;
  /** A signed-in learner's own numbers, kept so that Check works offline. */
  checkData?: CheckData;
  check?: Grade | { error: string };
  submission?: SubmissionView | { error: string };
  hints?: number;
}

export interface Learner {
  name: string;
  email: string;
}

const key = (id: string) => `descent:exercise:${id}`;
const LEARNER_KEY = "descent:learner";

function read<T>(name: string): T | undefined {
  try {
    const text = window.localStorage.getItem(name);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(name: string, value: unknown) {
  try {
    window.localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the page still works, it just forgets on reload.
  }
}

export const exerciseMemory = {
  load: (id: string): ExerciseMemory => read<ExerciseMemory>(key(id)) ?? {},
  save: (id: string, patch: Partial<ExerciseMemory>) => write(key(id), { ...exerciseMemory.load(id), ...patch }),
};

export const learnerMemory = {
  load: (): Learner | undefined => read<Learner>(LEARNER_KEY),
  save: (learner: Learner) => write(LEARNER_KEY, learner),
};
