/**
 * What the page remembers about an exercise across reloads (localStorage): the learner's code, the
 * last Check and submission results, how many hints are shown, and who is signed in. Reading checks
 * what is stored with its schema, which loads after the page is interactive (storedSchemas), so a
 * read resolves later; writing needs no schema and happens at once.
 */
import type * as z from "zod/mini";
import type { SubmissionView, VisibleAnswers } from "@/app/api/contract";
import type { exerciseMemorySchema, learnerSchema } from "./stored-schemas";

export type { SubmissionView };

/** What Check needs besides the tests: the learner's seed and the reference's answers for it (data, never code). */
export type CheckData = VisibleAnswers;
export type ExerciseMemory = z.infer<typeof exerciseMemorySchema>;
export type Learner = z.infer<typeof learnerSchema>;
type Schemas = typeof import("./stored-schemas");

let schemas: Promise<Schemas> | undefined;
/** The page's schemas for stored and fetched data, loaded on first use (once). */
export const storedSchemas = (): Promise<Schemas> => (schemas ??= import("./stored-schemas"));

const key = (id: string) => `descent:exercise:${id}`;
const LEARNER_KEY = "descent:learner";

function readJson(name: string): unknown {
  try {
    const text = window.localStorage.getItem(name);
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

async function read<T>(pick: (all: Schemas) => z.ZodMiniType<T>, name: string): Promise<T | undefined> {
  const schema = pick(await storedSchemas());
  // Read after the schema is there, so a write made meanwhile is part of what is read.
  return schema.safeParse(readJson(name)).data;
}

function write(name: string, value: unknown) {
  try {
    window.localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the page still works, it just forgets on reload.
  }
}

export const exerciseMemory = {
  load: async (id: string): Promise<ExerciseMemory> => (await read((all) => all.exerciseMemorySchema, key(id))) ?? {},
  /** Merged into what is stored as it is: a field stored in a shape the schema refuses is still dropped when read. */
  save: (id: string, patch: Partial<ExerciseMemory>) => {
    const stored = readJson(key(id));
    write(key(id), { ...(typeof stored === "object" && stored !== null && !Array.isArray(stored) ? stored : {}), ...patch });
  },
};

export const learnerMemory = {
  load: (): Promise<Learner | undefined> => read((all) => all.learnerSchema, LEARNER_KEY),
  save: (learner: Learner) => write(LEARNER_KEY, learner),
};
