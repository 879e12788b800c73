"use client";

/**
 * An exercise in a lesson: the prompt, an editable cell holding the starter code, **Check** (the
 * visible tests, run in this page's kernel: instant, offline), **Submit** (graded on the server,
 * hidden tests included), hints one at a time, and results that survive a reload.
 */
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { learnerSeed } from "@/engine/grading/seed";
import { checkCellCode, readKernelGrade } from "@/engine/grading/kernel-check";
import type { CellOutput } from "@/engine/protocol";
import { EditableCode } from "./editor/EditableCode";
import { exerciseMemory, type ExerciseMemory, type Learner, learnerMemory } from "./exercise-store";
import { ExerciseResults } from "./ExerciseResults";
import { ExerciseSignIn } from "./ExerciseSignIn";
import { useKernelState, useNotebook } from "./Notebook";
import { OutputArea } from "./OutputArea";
import { submitAndWait } from "./submissions";
import "./exercise.css";

export interface ExerciseProps {
  id: string;
  title: string;
  starter: string;
  hints: string[];
  seeded: boolean;
  /** The harness and the visible tests, as one script for the kernel (never the hidden tests). */
  checkBundle: string;
  /** The prompt, rendered on the server. */
  children?: ReactNode;
}

/** A Check that runs longer than this is interrupted (an endless loop in the learner's code). */
const CHECK_TIMEOUT_MS = 15_000;

export function Exercise({ id, title, starter, hints, seeded, checkBundle, children }: ExerciseProps) {
  const { execute } = useNotebook();
  const kernel = useKernelState();
  const [code, setCode] = useState(starter);
  const codeRef = useRef(starter);
  const [memory, setMemory] = useState<ExerciseMemory>({});
  const [learner, setLearner] = useState<Learner | undefined>(undefined);
  /** Bumped by Reset code: the editor is remounted, since Monaco keeps its own text. */
  const [resets, setResets] = useState(0);
  const [busy, setBusy] = useState<"check" | "submit" | undefined>(undefined);
  const [outputs, setOutputs] = useState<CellOutput[]>([]);
  const [needsSignIn, setNeedsSignIn] = useState(false);

  // Restored after hydration, so the server-rendered page and the first client render agree.
  useEffect(() => {
    const saved = exerciseMemory.load(id);
    setMemory(saved);
    if (saved.code !== undefined) {
      codeRef.current = saved.code;
      setCode(saved.code);
    }
    setLearner(learnerMemory.load());
  }, [id]);

  const remember = useCallback(
    (patch: Partial<ExerciseMemory>) => {
      exerciseMemory.save(id, patch);
      setMemory((previous) => ({ ...previous, ...patch }));
    },
    [id],
  );

  const updateCode = useCallback(
    (value: string) => {
      codeRef.current = value;
      setCode(value);
      exerciseMemory.save(id, { code: value });
    },
    [id],
  );

  const check = async () => {
    setBusy("check");
    setOutputs([]);
    try {
      const ran = await execute(`exercise-${id}`, codeRef.current, (output) => setOutputs((previous) => [...previous, output]));
      if (ran.status !== "ok") {
        const why = ran.status === "error" ? `${ran.error.name}: ${ran.error.message}${ran.error.line ? ` (line ${ran.error.line})` : ""}` : ran.reason;
        remember({ check: { error: `Your code did not run, so no test was checked. ${why}` } });
        return;
      }
      const seed = seeded ? learnerSeed((learner?.email ?? "anonymous").toLowerCase(), id) : 0;
      let value = "";
      const timer = setTimeout(() => setOutputs((previous) => [...previous, { kind: "stream", name: "stderr", text: `Check is taking more than ${CHECK_TIMEOUT_MS / 1000} s: press Interrupt in the kernel bar if your code loops forever.\n` }]), CHECK_TIMEOUT_MS);
      const graded = await execute(`check-${id}`, checkCellCode(checkBundle, seed), (output) => {
        if (output.kind === "result") value = String(output.data["text/plain"] ?? "");
      });
      clearTimeout(timer);
      if (graded.status !== "ok") {
        const why = graded.status === "error" ? `${graded.error.name}: ${graded.error.message}` : graded.reason;
        remember({ check: { error: `The check stopped before it finished. ${why}` } });
        return;
      }
      remember({ check: readKernelGrade(value) ?? { error: "The check gave no result." } });
    } finally {
      setBusy(undefined);
    }
  };

  const submit = async () => {
    setBusy("submit");
    try {
      const outcome = await submitAndWait(id, codeRef.current, (progress) => remember({ submission: progress }));
      if (outcome === "signed-out") {
        setNeedsSignIn(true);
        return;
      }
      remember({ submission: outcome });
    } finally {
      setBusy(undefined);
    }
  };

  const shownHints = Math.min(memory.hints ?? 0, hints.length);
  const kernelReady = kernel.status === "idle" || kernel.status === "busy";
  const submission = memory.submission;
  return (
    <section className="exercise" role="region" aria-label={`Exercise: ${title}`}>
      <h2>Exercise: {title}</h2>
      <div className="exercise-prompt">{children}</div>
      <div className="exercise-code">
        <EditableCode
          key={resets}
          code={code}
          label="Exercise code"
          path={`file:///exercises/${id}.ts`}
          otherCells={() => []}
          onChange={updateCode}
          onRun={() => void check()}
        />
      </div>
      <div className="exercise-actions">
        <button type="button" onClick={() => void check()} disabled={busy !== undefined || !kernelReady}>
          {busy === "check" ? "Checking…" : "Check"}
        </button>
        <button type="button" onClick={() => void submit()} disabled={busy !== undefined}>
          {busy === "submit" ? "Submitting…" : "Submit"}
        </button>
        {shownHints < hints.length ? (
          <button type="button" onClick={() => remember({ hints: shownHints + 1 })}>
            {shownHints === 0 ? "Show a hint" : "Next hint"}
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => {
            updateCode(starter);
            setResets((n) => n + 1);
          }}
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
      {needsSignIn ? (
        <ExerciseSignIn
          onSignedIn={(who) => {
            setLearner(who);
            setNeedsSignIn(false);
            void submit();
          }}
        />
      ) : null}
      <ExerciseResults label="Check" grade={memory.check} note="(visible tests)" />
      <ExerciseResults
        label="Submission"
        grade={submission}
        note={submission && !("error" in submission) && submission.status !== "graded" ? `(${submission.status}…)` : "(all tests, graded on the server)"}
      />
    </section>
  );
}
