/**
 * What the page keeps in localStorage is read through its schema: a field an older page stored
 * differently (or that someone edited) is dropped, and the learner's code is kept.
 */
import { beforeEach, expect, test } from "vitest";
import { exerciseMemory, learnerMemory } from "@/components/exercise-store";

const stored = new Map<string, string>();
beforeEach(() => {
  stored.clear();
  const localStorage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
  Object.assign(globalThis, { window: { localStorage } });
});

test("an exercise's memory round-trips", async () => {
  const submission = { id: "s1", status: "graded" as const, score: 1, maxScore: 2, tests: [{ name: "t", passed: true, points: 1, message: "" }] };
  exerciseMemory.save("bernoulli-nll", { code: "const x = 1;", hints: 2, submission });
  expect(await exerciseMemory.load("bernoulli-nll")).toEqual({ code: "const x = 1;", hints: 2, submission });
});

test("a field stored in an older shape is dropped, the code is kept", async () => {
  stored.set("descent:exercise:bernoulli-nll", JSON.stringify({ code: "const mine = 2;", hints: "two", submission: { id: 7 }, checkData: { seed: 3, answers: { t: "1" } } }));
  expect(await exerciseMemory.load("bernoulli-nll")).toEqual({ code: "const mine = 2;", checkData: { seed: 3, answers: { t: "1" } } });
});

test("a save merges into what is stored without waiting for the schema, and a bad field is still dropped on read", async () => {
  stored.set("descent:exercise:bernoulli-nll", JSON.stringify({ code: "const mine = 2;", hints: "two" }));
  exerciseMemory.save("bernoulli-nll", { check: { error: "Your code did not run" } });
  expect(JSON.parse(stored.get("descent:exercise:bernoulli-nll") ?? "null")).toMatchObject({ code: "const mine = 2;", check: { error: "Your code did not run" } });
  expect(await exerciseMemory.load("bernoulli-nll")).toEqual({ code: "const mine = 2;", check: { error: "Your code did not run" } });
});

test("unreadable storage is as if nothing were stored", async () => {
  stored.set("descent:exercise:bernoulli-nll", "{not json");
  stored.set("descent:learner", JSON.stringify({ name: "Ada" }));
  expect(await exerciseMemory.load("bernoulli-nll")).toEqual({});
  expect(await learnerMemory.load()).toBeUndefined();
});
