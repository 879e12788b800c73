"use client";

/**
 * An exercise in a lesson: the prompt, an editable cell holding the starter code, **Check** (the
 * visible tests, run in this page's kernel: instant, offline), **Submit** (graded on the server,
 * hidden tests included), hints one at a time, and results that survive a reload.
 */
import { lazy, type ReactNode, startTransition, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SubmissionView } from "@/app/api/contract";
import type { CellOutput } from "@/engine/protocol";
import { EditableCode } from "./editor/EditableCode";
import { type CheckData, exerciseMemory, type ExerciseMemory, type Learner, learnerMemory, storedSchemas } from "./exercise-store";
import { ExerciseReview } from "./ExerciseReview";
import { useKernelReady, useNotebook } from "./Notebook";
import { DraftNotice } from "./DraftNotice";
import { type BrowserCopy, useEditedCode } from "./drafts";
import { OutputArea } from "./OutputArea";
import { progressSignedIn, progressStore } from "./progress-store";
import { exerciseAnchor, sectionOf } from "./section-of";
import "./exercise.css";

/** Only `npm run dev` shows it (authorPreview): learners' pages do not load its code. */
const AuthorPreview = lazy(() => import("./AuthorPreview").then((module) => ({ default: module.AuthorPreview })));
/**
 * Shown only once there is something to show, never in the server's HTML: their code (and the
 * submission client's) loads after the page is interactive, with the exercise's memory.
 */
const loadResults = () => import("./ExerciseResults");
const ExerciseResults = lazy(() => loadResults().then((module) => ({ default: module.ExerciseResults })));
const ExerciseSignIn = lazy(() => import("./ExerciseSignIn").then((module) => ({ default: module.ExerciseSignIn })));

export interface ExerciseProps {
  id: string;
  title: string;
  starter: string;
  hints: string[];
  seeded: boolean;
  /** Time for all tests of one Check or submission, in ms. */
  budgetMs: number;
  /** The visible tests as a script for the kernel (inputs, run and check; never the hidden tests or the solution). */
  checkTests: string;
  /** The reference solution's answers to the visible tests, computed on the server, for a learner who has not signed in. */
  checkAnswers: CheckData;
  /** The exercise's rules (exercise.yaml): submissions allowed, points off per hint opened. */
  maxAttempts?: number | undefined;
  hintPenalty?: number;
  /** npm run dev: show the author preview (tests against the solution and each declared mistake). */
  authorPreview?: boolean;
  /** The prompt, rendered on the server. */
  children?: ReactNode;
}

/** Slack on top of the exercise's budget before a Check is interrupted (an endless loop in the learner's code). */
const CHECK_GRACE_MS = 3_000;

/** The signed-in learner's own numbers for a seeded exercise, from the server (kept for offline Checks). */
async function fetchCheckData(id: string): Promise<CheckData | undefined> {
  try {
    const response = await fetch(`/api/exercises/${encodeURIComponent(id)}/visible`, { headers: { accept: "application/json" } });
    if (!response.ok) return undefined;
    const { visibleAnswersSchema } = await storedSchemas();
    const body = visibleAnswersSchema.safeParse(await response.json());
    return body.success ? body.data : undefined;
  } catch {
    return undefined;
  }
}

export function Exercise({ id, title, starter, hints, seeded, budgetMs, checkTests, checkAnswers, maxAttempts, hintPenalty = 0, authorPreview = false, children }: ExerciseProps) {
  const { check: checkInKernel, interrupt, lesson } = useNotebook();
  const region = useRef<HTMLElement>(null);
  /** The id of the submission this exercise shows now (a restored one is followed only while it is this). */
  const shownSubmission = useRef<string | undefined>(undefined);
  const [memory, setMemory] = useState<ExerciseMemory>({});
  const [learner, setLearner] = useState<Learner | undefined>(undefined);
  const [busy, setBusy] = useState<"check" | "submit" | undefined>(undefined);
  const [outputs, setOutputs] = useState<CellOutput[]>([]);
  const [needsSignIn, setNeedsSignIn] = useState(false);
  /** What a screen reader hears when a Check or submission ends (the results list itself is not live). */
  const [announcement, setAnnouncement] = useState("");

  // Restored after hydration, so the server-rendered page and the first client render agree; read
  // once the schemas that check it have loaded (exercise-store), so off the path to an interactive page.
  useEffect(() => {
    let cancelled = false;
    void Promise.all([exerciseMemory.load(id), learnerMemory.load(), loadResults()]).then(([saved, who]) => {
      if (cancelled) return;
      // Not urgent: a transition, so restoring every exercise of a lesson is rendered in slices
      // between the page's other work instead of in one task.
      startTransition(() => {
        // What this page remembered meanwhile (a Check that ended first) is newer than what was read.
        if (Object.keys(saved).length > 0) setMemory((previous) => ({ ...saved, ...previous }));
        setLearner((signedIn) => signedIn ?? who);
      });
      // The submission may have been reviewed by hand or regraded since, or still be waiting: show
      // the server's current view of it, and follow it until it is graded.
      const last = saved.submission;
      if (!last || "error" in last) return;
      const show = (fresh: SubmissionView) => {
        // A submission sent from this page since then is the one to show.
        if (cancelled || (shownSubmission.current !== undefined && shownSubmission.current !== fresh.id)) return;
        exerciseMemory.save(id, { submission: fresh });
        setMemory((previous) => ({ ...previous, submission: fresh }));
      };
      void import("./submissions")
        .then(({ currentSubmission }) => currentSubmission(last.id, show))
        .then((fresh) => fresh && show(fresh))
        .catch(() => undefined);
    });
    return () => {
      cancelled = true;
    };
  }, [id]);

  const remember = useCallback(
    (patch: Partial<ExerciseMemory>) => {
      exerciseMemory.save(id, patch);
      setMemory((previous) => ({ ...previous, ...patch }));
    },
    [id],
  );

  // The code is kept with the rest of this exercise's memory in the browser.
  const copy = useMemo<BrowserCopy>(() => ({ load: async () => (await exerciseMemory.load(id)).code, save: (value) => exerciseMemory.save(id, { code: value }) }), [id]);
  const { code, current: codeRef, edit, reset, resets, draft } = useEditedCode({ lesson, draftKey: `exercise:${id}`, initial: starter, copy });

  /** The seed and answers to Check with: the learner's own when signed in (fetched once, then kept), else the page's. */
  const checkData = async (): Promise<CheckData> => {
    if (!seeded || !learner) return checkAnswers;
    const { learnerSeed } = await import("@/engine/grading/seed");
    const seed = learnerSeed(learner.email.toLowerCase(), id);
    const kept = (await exerciseMemory.load(id)).checkData;
    if (kept?.seed === seed) return kept;
    const fetched = await fetchCheckData(id);
    if (fetched?.seed === seed) {
      remember({ checkData: fetched });
      return fetched;
    }
    return checkAnswers;
  };

  const check = async () => {
    setBusy("check");
    setOutputs([]);
    try {
      const { seed, answers } = await checkData();
      // An endless loop in the learner's code: stop it as the server would, then say so.
      let stopped = false;
      const timer = setTimeout(() => {
        stopped = true;
        interrupt();
      }, budgetMs + CHECK_GRACE_MS);
      const outcome = await checkInKernel({ code: codeRef.current, tests: checkTests, seed, answers, budgetMs }, (output) => setOutputs((previous) => [...previous, output]));
      clearTimeout(timer);
      if (outcome.status === "graded") {
        remember({ check: outcome.grade });
        setAnnouncement(`Check: ${outcome.grade.score} of ${outcome.grade.maxScore} points`);
        progressStore.exercise(lesson, id, { checked: true, passed: outcome.grade.score === outcome.grade.maxScore }, sectionOf(region.current));
        return;
      }
      setAnnouncement("Check: your code did not run");
      if (stopped) {
        remember({ check: { error: `Stopped after ${Math.round((budgetMs + CHECK_GRACE_MS) / 1000)} s: your code took too long (is there a loop that never ends?)` } });
        return;
      }
      const why = outcome.status === "error" ? `${outcome.error.name}: ${outcome.error.message}${outcome.error.line ? ` (line ${outcome.error.line})` : ""}` : outcome.reason;
      remember({ check: { error: `Your code did not run, so no test was checked. ${why}` } });
    } finally {
      setBusy(undefined);
    }
  };

  const submit = async () => {
    setBusy("submit");
    try {
      const { submitAndWait } = await import("./submissions");
      const outcome = await submitAndWait(id, codeRef.current, (progress) => remember({ submission: progress }));
      if (outcome === "signed-out") {
        setNeedsSignIn(true);
        return;
      }
      remember({ submission: outcome });
      setAnnouncement("error" in outcome ? `Submission: ${outcome.error}` : `Submission: ${outcome.score} of ${outcome.maxScore} points`);
      if (!("error" in outcome) && outcome.status === "graded") {
        progressStore.exercise(lesson, id, { best: outcome.score, max: outcome.maxScore }, sectionOf(region.current));
      }
    } finally {
      setBusy(undefined);
    }
  };

  const shownHints = Math.min(memory.hints ?? 0, hints.length);
  const submission = memory.submission;
  useEffect(() => {
    shownSubmission.current = submission && !("error" in submission) ? submission.id : undefined;
  }, [submission]);
  return (
    <section ref={region} id={exerciseAnchor(id)} className="exercise" role="region" aria-label={`Exercise: ${title}`}>
      <h2>Exercise: {title}</h2>
      <div className="exercise-prompt">{children}</div>
      <div className="exercise-code">
        <EditableCode
          key={resets}
          code={code}
          label="Exercise code"
          path={`file:///exercises/${id}.ts`}
          otherCells={() => []}
          onChange={edit}
          onRun={() => void check()}
        />
      </div>
      <DraftNotice edited={code !== starter} saved={draft.saved} conflict={draft.conflict} resolve={draft.resolve} />
      <div className="exercise-actions">
        <CheckButton checking={busy === "check"} disabled={busy !== undefined} onCheck={() => void check()} />
        <button type="button" onClick={() => void submit()} disabled={busy !== undefined}>
          {busy === "submit" ? "Submitting…" : "Submit"}
        </button>
        {shownHints < hints.length ? (
          <button
            type="button"
            onClick={() => {
              remember({ hints: shownHints + 1 });
              // The hint penalty is counted on the server; a learner who is not signed in pays none.
              if (learner) void fetch(`/api/exercises/${encodeURIComponent(id)}/hints`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ opened: shownHints + 1 }) }).catch(() => undefined);
            }}
          >
            {shownHints === 0 ? "Show a hint" : "Next hint"}
            {hintPenalty > 0 ? ` (−${hintPenalty} point${hintPenalty === 1 ? "" : "s"})` : ""}
          </button>
        ) : null}
        <button
          type="button"
          onClick={reset}
          disabled={busy !== undefined}
        >
          Reset code
        </button>
      </div>
      {shownHints > 0 ? (
        <ol className="exercise-hints" aria-label="Hints">
          {hints.slice(0, shownHints).map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ol>
      ) : null}
      <OutputArea outputs={outputs} />
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {needsSignIn ? (
        <Suspense fallback={null}>
          <ExerciseSignIn
            onSignedIn={(who) => {
              setLearner(who);
              setNeedsSignIn(false);
              progressSignedIn();
              void submit();
            }}
          />
        </Suspense>
      ) : null}
      {memory.check || submission ? (
        <Suspense fallback={null}>
          <ExerciseResults label="Check" grade={memory.check} note="(visible tests)" />
          <ExerciseResults
            label="Submission"
            grade={submission}
            note={submission && !("error" in submission) && submission.status !== "graded" ? `(${submission.status}…)` : "(all tests, graded on the server)"}
          />
        </Suspense>
      ) : null}
      <ExerciseReview submission={submission} maxAttempts={maxAttempts} />
      {authorPreview ? (
        <Suspense fallback={null}>
          <AuthorPreview id={id} />
        </Suspense>
      ) : null}
    </section>
  );
}

/**
 * **Check**, enabled once the kernel can take work: the only part of an exercise that reads the
 * kernel's readiness, so the kernel starting re-renders these buttons and not the exercises.
 */
function CheckButton({ checking, disabled, onCheck }: { checking: boolean; disabled: boolean; onCheck: () => void }) {
  const kernelReady = useKernelReady();
  return (
    <button type="button" onClick={onCheck} disabled={disabled || !kernelReady}>
      {checking ? "Checking…" : "Check"}
    </button>
  );
}
