import type { GradebookRow } from "@/grader/store.server";
import type { GradingService } from "@/grader/service.server";

/** The LMS courses' rosters (NRPS and launches) with each member's best score here. */
export async function LtiRoster({ grader, rows }: { grader: GradingService; rows: GradebookRow[] }) {
  const lti = grader.store.lti;
  const contexts = await lti.contexts();
  const exercises = grader.exerciseList();
  const rosters = await Promise.all(contexts.map(async (context) => ({ context, members: await lti.members(context.platformId, context.contextId) })));
  return (
    <section aria-label="LMS roster">
      <h2>LMS roster</h2>
      <p>
        Courses that launched Descent through LTI (<a href="/instructor/lti">register an LMS</a>).
      </p>
      <form method="post" action="/api/lti/roster">
        <button type="submit">Read rosters from the LMS</button>
      </form>
      {rosters.map(({ context, members }) => (
        <table className="gradebook" key={`${context.platformId} ${context.contextId}`} aria-label={`Roster of ${context.title}`}>
          <caption>{context.title}</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              {exercises.map((exercise) => (
                <th scope="col" key={exercise.id}>
                  {exercise.meta.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.sub}>
                <th scope="row">
                  {member.name} {member.lmsEmail ? <small>{member.lmsEmail}</small> : null} {member.launchedAt ? null : <small>(has not opened Descent yet)</small>}
                </th>
                <td>{member.role}</td>
                {exercises.map((exercise) => {
                  const row = rows.find((r) => r.email === member.learnerEmail && r.exerciseId === exercise.id);
                  return <td key={exercise.id}>{row ? `${row.best ?? "–"}/${row.maxScore ?? "?"}` : "–"}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
