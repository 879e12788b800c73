"use client";

/**
 * The learner's progress in this browser (localStorage), as a small external store React reads
 * with useSyncExternalStore. Everyone's progress is kept here; for a signed-in learner it is also
 * merged with the server's (GET/PUT /api/progress) when a page opens and, debounced, after each
 * change, so it follows them to another device.
 */
import { useSyncExternalStore } from "react";
import {
  emptyLesson,
  emptyProgress,
  type ExerciseProgress,
  type LessonProgress,
  mergeProgress,
  type Progress,
} from "./progress-model";

const KEY = "descent:progress:v1";
const PUSH_AFTER_MS = 800;

let current: Progress | undefined;
const listeners = new Set<() => void>();

/**
 * The schema that checks stored progress loads after the page (zod is not needed before anything is
 * interactive); until then there is no progress to show, as while hydrating.
 */
type Schema = (typeof import("./progress-schema"))["progressSchema"];
let schema: Schema | undefined;
const schemaReady: Promise<Schema> | undefined =
  typeof window === "undefined"
    ? undefined
    : import("./progress-schema").then((module) => {
        schema = module.progressSchema;
        for (const listener of listeners) listener();
        return schema;
      });
/** Runs `task` now if the schema is there, else once it is. */
function withSchema(task: () => void) {
  if (schema) task();
  else void schemaReady?.then(task);
}
/** Whether the server keeps this learner's progress (a signed-in learner); learned from GET /api/progress. */
let synced = false;
let pushTimer: ReturnType<typeof setTimeout> | undefined;

function load(): Progress {
  if (current) return current;
  if (!schema) return emptyProgress();
  try {
    const parsed = schema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? "null"));
    current = parsed.success ? parsed.data : emptyProgress();
  } catch {
    current = emptyProgress();
  }
  return current;
}

function set(next: Progress) {
  current = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or blocked: progress lasts for this page.
  }
  for (const listener of listeners) listener();
  if (synced) schedulePush();
}

function schedulePush() {
  clearTimeout(pushTimer);
  pushTimer = setTimeout(() => void push(), PUSH_AFTER_MS);
}

async function push() {
  try {
    const response = await fetch("/api/progress", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(load()) });
    // Read every answer to the end: an unread body keeps the request open (and the page never network-idle).
    await response.text();
    if (response.status === 401) synced = false;
  } catch {
    // Offline: the next change or page load pushes again.
  }
}

/** Merges the server's copy in (and sends ours when it has something the server lacks). Once per page. */
let syncing: Promise<void> | undefined;
export function syncProgress(): Promise<void> {
  syncing ??= (async () => {
    try {
      const [response, progressSchema] = await Promise.all([fetch("/api/progress", { headers: { accept: "application/json" } }), schemaReady]);
      const body = await response.text();
      if (!response.ok || !progressSchema) return;
      const parsed = progressSchema.safeParse(JSON.parse(body));
      if (!parsed.success) return;
      synced = true;
      const local = load();
      const merged = mergeProgress(parsed.data, local);
      current = merged;
      set(merged);
      if (JSON.stringify(merged) !== JSON.stringify(mergeProgress(parsed.data, emptyProgress()))) await push();
    } catch {
      // Offline or signed out: this browser's copy is all there is.
    }
  })();
  return syncing;
}

/** After signing in on this page: start keeping progress on the server too. */
export function progressSignedIn() {
  syncing = undefined;
  void syncProgress();
}

function updateLesson(lesson: string, change: (progress: LessonProgress) => LessonProgress, section?: string) {
  withSchema(() => {
    const progress = load();
    const before = progress.lessons[lesson] ?? emptyLesson();
    set({ lessons: { ...progress.lessons, [lesson]: change(before) }, last: { lesson, ...(section ? { section } : {}), at: new Date().toISOString() } });
  });
}

export const progressStore = {
  cellRan(lesson: string, index: number, section?: string) {
    updateLesson(lesson, (p) => (p.cells.includes(index) ? p : { ...p, cells: [...p.cells, index].sort((a, b) => a - b) }), section);
  },
  exercise(lesson: string, id: string, patch: Partial<ExerciseProgress>, section?: string) {
    updateLesson(
      lesson,
      (p) => {
        const before = p.exercises[id] ?? { checked: false, passed: false, best: null, max: null };
        const best = patch.best === undefined || patch.best === null ? before.best : before.best === null ? patch.best : Math.max(before.best, patch.best);
        const next: ExerciseProgress = {
          checked: before.checked || patch.checked === true,
          passed: before.passed || patch.passed === true,
          best,
          max: patch.max ?? before.max,
        };
        return { ...p, exercises: { ...p.exercises, [id]: next } };
      },
      section,
    );
  },
  /** Opening a lesson makes it the one to continue with (keeping the section when it already was). */
  visited(lesson: string) {
    withSchema(() => {
      const progress = load();
      if (progress.last?.lesson === lesson) return;
      set({ ...progress, last: { lesson, at: new Date().toISOString() } });
    });
  },
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== KEY) return;
    current = undefined;
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The progress, or undefined while the page is rendered on the server and hydrating. */
export function useProgress(): Progress | undefined {
  return useSyncExternalStore(subscribe, () => (schema ? load() : undefined), () => undefined);
}
