/**
 * The rules of an exercise (exercise.yaml: `maxAttempts`, `late`, `hintPenalty`) as the server
 * enforces them: whether a submission is admitted, and a learner's effective score with every step
 * that made it, so the learner and the instructor read the same arithmetic.
 */
import "server-only";
import type { EffectiveScore } from "@/app/api/contract";
import type { ExerciseMeta } from "@/engine/grading/schema";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a submission is refused, with the status the API answers. */
export interface Refusal {
  status: 403 | 409;
  message: string;
}

/** Started days after `due` (0 when on time). */
export function daysLate(meta: ExerciseMeta, at: Date): number {
  if (!meta.due) return 0;
  const late = at.getTime() - new Date(meta.due).getTime();
  return late <= 0 ? 0 : Math.ceil(late / DAY_MS);
}

/** Whether this learner may submit now, having made `used` submissions already. */
export function admission(meta: ExerciseMeta, used: number, now: Date): Refusal | undefined {
  if (meta.maxAttempts !== undefined && used >= meta.maxAttempts) {
    return { status: 409, message: `you have used all ${meta.maxAttempts} attempts at this exercise: your best submission counts` };
  }
  if (meta.late?.after === "refuse" && daysLate(meta, now) > meta.late.lastDay) {
    return { status: 403, message: `submissions closed ${meta.late.lastDay} day${meta.late.lastDay === 1 ? "" : "s"} after the due date (${meta.due})` };
  }
  return undefined;
}

export type { EffectiveScore };

const signed = (points: number) => (points < 0 ? `−${-points}` : `+${points}`);
const round = (points: number) => Math.round(points * 1000) / 1000;

/**
 * The score that counts: the auto-grade, plus a review's points, minus the late penalty for when it
 * was submitted and the hint penalty for hints opened; never below 0 nor above the maximum.
 */
export function effectiveScore(
  meta: ExerciseMeta,
  input: { score: number; maxScore: number; reviewPoints?: number | undefined; submittedAt: string; hintsOpened: number; base?: string },
): EffectiveScore {
  const clamp = (points: number) => round(Math.min(Math.max(points, 0), input.maxScore));
  let score = input.score;
  const steps = [`${input.base ?? "auto-graded"} ${score}/${input.maxScore}`];
  if (input.reviewPoints !== undefined) {
    score = clamp(score + input.reviewPoints);
    steps.push(`review ${signed(input.reviewPoints)} → ${score}`);
  }
  const late = daysLate(meta, new Date(input.submittedAt));
  if (meta.late && late > meta.late.lastDay) {
    score = 0;
    steps.push(`submitted ${late} days after the due date, past the last day (${meta.late.lastDay}): → 0`);
  } else if (meta.late && late > 0 && meta.late.penaltyPerDay > 0) {
    const off = round(late * meta.late.penaltyPerDay);
    score = clamp(score - off);
    steps.push(`late ${late} day${late === 1 ? "" : "s"} × ${meta.late.penaltyPerDay}: −${off} → ${score}`);
  }
  if (meta.hintPenalty > 0 && input.hintsOpened > 0) {
    const off = round(input.hintsOpened * meta.hintPenalty);
    score = clamp(score - off);
    steps.push(`${input.hintsOpened} hint${input.hintsOpened === 1 ? "" : "s"} opened × ${meta.hintPenalty}: −${off} → ${score}`);
  }
  return { score, maxScore: input.maxScore, steps };
}
