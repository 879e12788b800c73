"use client";

/**
 * Drafts on the server for a signed-in learner: the code of each edited cell and exercise, saved
 * (debounced) with the version it was edited from, so a browser holding an older copy can never
 * silently overwrite newer work from another device. When this browser's copy and the server's
 * differ and both were edited, the learner sees both and chooses. Signed out (GET answers 401),
 * nothing here does anything: the browser's own copy (localStorage) is all there is.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type * as z from "zod/mini";
import type { Draft } from "@/app/api/contract";
import { storedSchemas } from "./exercise-store";
import type { draftBaseSchema } from "./stored-schemas";

export type ServerDraft = Draft;

export interface DraftConflict {
  mine: string;
  theirs: ServerDraft;
}

const SAVE_AFTER_MS = 1_000;
const baseKey = (lesson: string, key: string) => `descent:draft-base:v1:${lesson}:${key}`;

/** The server version this browser last saw or saved, and its code. */
type Base = z.infer<typeof draftBaseSchema>;

async function readBase(lesson: string, key: string): Promise<Base | undefined> {
  const { draftBaseSchema } = await storedSchemas();
  try {
    return draftBaseSchema.safeParse(JSON.parse(localStorage.getItem(baseKey(lesson, key)) ?? "null")).data;
  } catch {
    // Unreadable: as if none.
    return undefined;
  }
}

function writeBase(lesson: string, key: string, base: Base) {
  try {
    localStorage.setItem(baseKey(lesson, key), JSON.stringify(base));
  } catch {
    // Storage full: the next save may report a conflict that is not one; the learner still chooses.
  }
}

const lessonDrafts = new Map<string, Promise<ServerDraft[] | undefined>>();
/** Every draft of the lesson, fetched once per page; undefined when signed out or offline. */
function fetchDrafts(lesson: string): Promise<ServerDraft[] | undefined> {
  let pending = lessonDrafts.get(lesson);
  if (!pending) {
    pending = fetch(`/api/drafts?lesson=${encodeURIComponent(lesson)}`, { headers: { accept: "application/json" } })
      // The body is read even for a 401: an unread body keeps the request open.
      .then(async (response) => {
        const body = await response.text();
        return response.ok ? (await storedSchemas()).draftsAnswerSchema.parse(JSON.parse(body)).drafts : undefined;
      })
      .catch(() => undefined);
    lessonDrafts.set(lesson, pending);
  }
  return pending;
}

type Saved = "saved" | "saving" | undefined;

/**
 * Keeps one cell's or exercise's code in step with the server. `code()` reads the code shown now,
 * `initial` is the lesson's own, `show(code)` replaces what the editor shows.
 */
export function useServerDraft({ lesson, draftKey, initial, code, show, restored }: {
  lesson: string;
  /** `cell:<n>` or `exercise:<id>`; undefined for code that is not kept (a scratch cell). */
  draftKey: string | undefined;
  initial: string;
  code: () => string;
  show: (code: string) => void;
  /** Resolves once this browser's own copy of the code is shown (it is read asynchronously). */
  restored: () => Promise<void>;
}) {
  const [conflict, setConflict] = useState<DraftConflict>();
  const [saved, setSaved] = useState<Saved>(undefined);
  const signedIn = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const showRef = useRef(show);
  showRef.current = show;
  const codeRef = useRef(code);
  codeRef.current = code;
  const restoredRef = useRef(restored);
  restoredRef.current = restored;

  const save = useCallback(
    async (text: string, baseVersion: number) => {
      if (!draftKey) return;
      setSaved("saving");
      try {
        const response = await fetch("/api/drafts", {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ lesson, key: draftKey, code: text, baseVersion }),
        });
        const { draftConflictSchema, draftSavedSchema } = await storedSchemas();
        if (response.status === 409) {
          const { current } = draftConflictSchema.parse(await response.json());
          setConflict({ mine: text, theirs: current });
          setSaved(undefined);
          return;
        }
        if (!response.ok) {
          await response.text();
          setSaved(undefined);
          return;
        }
        const { draft } = draftSavedSchema.parse(await response.json());
        writeBase(lesson, draftKey, { version: draft.version, code: draft.code });
        setSaved("saved");
      } catch {
        setSaved(undefined);
      }
    },
    [lesson, draftKey],
  );

  useEffect(() => {
    if (!draftKey) return;
    let cancelled = false;
    // After this browser's own copy is restored: it is what the server's draft is compared with.
    void Promise.all([fetchDrafts(lesson), restoredRef.current()]).then(async ([drafts]) => {
      if (cancelled || !drafts) return;
      signedIn.current = true;
      const server = drafts.find((draft) => draft.key === draftKey);
      const base = await readBase(lesson, draftKey);
      if (cancelled) return;
      const mine = codeRef.current();
      if (!server) {
        if (mine !== initial) void save(mine, 0);
        return;
      }
      if (server.code === mine) {
        writeBase(lesson, draftKey, { version: server.version, code: server.code });
        setSaved("saved");
        return;
      }
      if (base && server.version === base.version) {
        // Only this browser changed it since: send ours.
        void save(mine, server.version);
        return;
      }
      // The server moved on. If this browser did not edit since it last synced, take the newer code;
      // otherwise both were edited, and the learner chooses.
      const untouched = mine === initial || mine === base?.code;
      if (untouched) {
        writeBase(lesson, draftKey, { version: server.version, code: server.code });
        showRef.current(server.code);
        setSaved("saved");
      } else {
        setConflict({ mine, theirs: server });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [lesson, draftKey, initial, save]);

  /** Call on every edit: saves a second after typing stops. */
  const changed = useCallback(
    (text: string) => {
      if (!draftKey || !signedIn.current || conflict) return;
      clearTimeout(timer.current);
      setSaved("saving");
      timer.current = setTimeout(() => void readBase(lesson, draftKey).then((base) => save(text, base?.version ?? 0)), SAVE_AFTER_MS);
    },
    [save, lesson, draftKey, conflict],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  const resolve = useCallback(
    (choice: "mine" | "theirs") => {
      if (!conflict || !draftKey) return;
      setConflict(undefined);
      if (choice === "theirs") {
        writeBase(lesson, draftKey, { version: conflict.theirs.version, code: conflict.theirs.code });
        showRef.current(conflict.theirs.code);
        setSaved("saved");
      } else {
        void save(conflict.mine, conflict.theirs.version);
      }
    },
    [conflict, save, lesson, draftKey],
  );

  return { conflict, resolve, changed, saved };
}

/** Where this browser keeps a learner's edit of one piece of code (localStorage, or an exercise's memory). */
export interface BrowserCopy {
  /** May resolve later: an exercise's memory is read once its schema has loaded. */
  load(): Promise<string | undefined> | string | undefined;
  save(code: string): void;
}

/**
 * The code a learner edits in a cell or an exercise: `initial` (the lesson's) until edited; every edit
 * kept in this browser (`copy`, restored after hydration so the server render and the first client
 * render agree) and, for a signed-in learner, saved as a server draft; Reset code puts `initial` back.
 * `resets` counts the times the code was replaced from outside the editor (Reset, a draft taken from
 * another browser): key the editor on it, since Monaco keeps its own text once mounted.
 */
export function useEditedCode({ lesson, draftKey, initial, copy }: { lesson: string; draftKey: string | undefined; initial: string; copy: BrowserCopy | undefined }) {
  const [code, setCode] = useState(initial);
  const current = useRef(initial);
  const [resets, setResets] = useState(0);
  const keep = useCallback(
    (value: string) => {
      current.current = value;
      setCode(value);
      copy?.save(value);
    },
    [copy],
  );
  const restored = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    let cancelled = false;
    restored.current = Promise.resolve(copy?.load()).then((saved) => {
      // An edit made while the copy was being read is newer than the copy.
      if (cancelled || saved === undefined || saved === initial || current.current !== initial) return;
      current.current = saved;
      setCode(saved);
    });
    return () => {
      cancelled = true;
    };
  }, [copy, initial]);
  const draft = useServerDraft({
    restored: () => restored.current,
    lesson,
    draftKey,
    initial,
    code: () => current.current,
    show: (value) => {
      keep(value);
      setResets((n) => n + 1);
    },
  });
  const edit = (value: string) => {
    keep(value);
    draft.changed(value);
  };
  const reset = () => {
    edit(initial);
    setResets((n) => n + 1);
  };
  return { code, current, edit, reset, resets, draft };
}
