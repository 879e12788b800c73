/**
 * Grade passback: after a submission is graded or reviewed, the learner's score of record for that
 * exercise (their best effective score: reviewed, with the exercise's late and hint rules applied)
 * goes to every LMS course they launched it from, through AGS. A regrade or review that changes it
 * is sent again. Failures are logged (never with a token) and do not touch the grade stored here.
 */
import "server-only";
import type { StoredSubmission, SubmissionsStore } from "../store.server";
import { ensureLineItem, postScore } from "./services.server";

export interface ExerciseInfo {
  title: string;
  maxScore: number;
}

export async function passBack(
  store: SubmissionsStore,
  exerciseInfo: (id: string) => Promise<ExerciseInfo | undefined>,
  ids: string[],
  scoreOf: (submission: StoredSubmission) => Promise<number> = async (submission) => submission.score ?? 0,
): Promise<number> {
  let posted = 0;
  // Looked up all at once (the Postgres store makes one query of each kind); scores are posted one by one.
  const graded = (await Promise.all(ids.map((id) => store.get(id)))).filter((submission): submission is StoredSubmission => submission?.status === "graded");
  const targetsOf = await Promise.all(graded.map((submission) => store.lti.gradeTargets(submission.learnerEmail, submission.exerciseId)));
  for (const [index, submission] of graded.entries()) {
    const targets = targetsOf[index] ?? [];
    if (targets.length === 0) continue;
    const mine = (await store.forExercise(submission.exerciseId)).filter((s) => s.learnerEmail === submission.learnerEmail && s.status === "graded");
    const best = Math.max(...(await Promise.all(mine.map(scoreOf))));
    const info = await exerciseInfo(submission.exerciseId);
    const maximum = submission.maxScore ?? info?.maxScore ?? 0;
    for (const target of targets) {
      try {
        const platform = await store.lti.platform(target.platformId);
        if (!platform) continue;
        let lineitem = target.lineitemUrl;
        if (!lineitem && target.lineitemsUrl) {
          lineitem = await ensureLineItem(store.lti, platform, target.lineitemsUrl, { id: submission.exerciseId, title: info?.title ?? submission.exerciseId, maxScore: maximum });
          await store.lti.setLineItem(target.platformId, target.contextId, submission.exerciseId, lineitem);
        }
        if (!lineitem) continue;
        await postScore(store.lti, platform, lineitem, { sub: target.sub, given: best, maximum, comment: `Best of ${mine.length} submission${mine.length === 1 ? "" : "s"} in Descent` });
        await store.lti.recordScore({ ...target, exerciseId: submission.exerciseId }, best, maximum);
        posted++;
      } catch (error) {
        console.error(`[descent lti] score for ${submission.exerciseId} not sent to platform ${target.platformId}: ${(error as Error).message}`);
      }
    }
  }
  return posted;
}
