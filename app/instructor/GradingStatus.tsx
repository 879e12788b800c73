import type { Operations } from "@/grader/service.server";

const ago = (iso: string, now: Date) => {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  return seconds < 90 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
};

/** Queue depth, the oldest waiting submission and the grader workers' heartbeats, for the instructor. */
export function GradingStatus({ ops, now = new Date() }: { ops: Operations; now?: Date }) {
  const alive = ops.workers.filter((w) => w.alive);
  return (
    <section aria-label="Grading status">
      <h2>Grading</h2>
      <dl>
        <dt>Where</dt>
        <dd>
          {ops.mode === "embedded"
            ? `In the web server (embedded, SQLite): ${ops.sandboxProcesses} sandbox processes.`
            : `By grader workers (npm run grader) on PostgreSQL: ${alive.length} alive.`}
        </dd>
        <dt>Queue depth</dt>
        <dd>
          {ops.queued} waiting, {ops.running} being graded
        </dd>
        <dt>Oldest waiting</dt>
        <dd>{ops.oldestQueuedAt ? `queued ${ago(ops.oldestQueuedAt, now)} (${ops.oldestQueuedAt})` : "none"}</dd>
      </dl>
      {ops.mode === "postgres" ? (
        <table className="gradebook" aria-label="Grader workers">
          <thead>
            <tr>
              <th scope="col">Worker</th>
              <th scope="col">State</th>
              <th scope="col">Busy</th>
              <th scope="col">Graded</th>
              <th scope="col">Last heartbeat</th>
            </tr>
          </thead>
          <tbody>
            {ops.workers.map((w) => (
              <tr key={w.id}>
                <th scope="row">{w.id}</th>
                <td>{w.alive ? "alive" : "gone"}</td>
                <td>
                  {w.busy}/{w.capacity}
                </td>
                <td>{w.graded}</td>
                <td>{ago(w.seenAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {ops.mode === "postgres" && alive.length === 0 ? <p role="alert">No grader worker is alive: submissions wait until one starts (npm run grader).</p> : null}
    </section>
  );
}
