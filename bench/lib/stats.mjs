// Summaries of repeated measurements. Every figure the harness reports comes through here, so
// medians, percentiles and ranges are computed one way for every comparison.

/** Nearest-rank percentile (p in 0..100) of a list of numbers; null for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

const round = (value, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));

/** {runs, p50Ms, minMs, maxMs} (plus p95/p99 when asked) of samples in milliseconds. */
export function summarize(samples, { percentiles = [] } = {}) {
  const summary = {
    runs: samples.length,
    p50Ms: round(percentile(samples, 50)),
    minMs: round(samples.length ? Math.min(...samples) : null),
    maxMs: round(samples.length ? Math.max(...samples) : null),
  };
  for (const p of percentiles) summary[`p${p}Ms`] = round(percentile(samples, p));
  summary.samplesMs = samples.map((value) => round(value));
  return summary;
}

/** a / b, rounded; null when either side is missing. */
export function ratio(a, b, digits = 3) {
  if (typeof a !== "number" || typeof b !== "number" || b === 0) return null;
  return round(a / b, digits);
}

/** A figure that could not be measured, with the reason (never a made-up number). */
export function missing(reason) {
  return { value: null, reason };
}
