/**
 * `progress(total)` for hosts that can only print text (a Jupyter notebook on tslab): the bar
 * degrades to lines such as `training: 50/100 (50%), 1.2 s elapsed, ETA 1.2 s`, at most one per
 * tenth of the total, so a long loop prints about ten lines.
 */
export interface ProgressBar {
  /** Advances the count by `step` (1 by default). */
  tick(step?: number): void;
  /** Sets the count. */
  update(count: number): void;
  /** Marks the work finished and prints the final line. */
  done(): void;
}

export type Progress = (total: number, label?: string) => ProgressBar;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function createTextProgress(write: (line: string) => void, now: () => number = Date.now): Progress {
  return (total, label = "progress") => {
    if (!Number.isFinite(total) || total <= 0) {
      throw new RangeError(`progress: total must be a positive number, got ${String(total)}`);
    }
    const started = now();
    let count = 0;
    let printedTenth = -1;
    let finished = false;
    const line = () => {
      const elapsed = now() - started;
      const percent = Math.min(100, Math.round((count / total) * 100));
      const eta = count > 0 && count < total ? `, ETA ${seconds((elapsed / count) * (total - count))}` : "";
      return `${label}: ${count}/${total} (${percent}%), ${seconds(elapsed)} elapsed${eta}`;
    };
    const report = () => {
      const tenth = Math.floor((Math.min(count, total) / total) * 10);
      if (tenth === printedTenth || finished) return;
      printedTenth = tenth;
      if (count >= total) finished = true;
      write(line());
    };
    return {
      tick(step = 1) {
        count += step;
        report();
      },
      update(value) {
        count = value;
        report();
      },
      done() {
        if (finished) return;
        count = Math.max(count, total);
        report();
      },
    };
  };
}
