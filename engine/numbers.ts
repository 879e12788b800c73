/**
 * How numbers are written for learners, in one place with no imports: cell outputs use it, and so do
 * grading messages, which are bundled into the Check script and the server's realms.
 */

/**
 * A number as cells and messages show it: integers as they are, very small or large values in
 * exponent form, others rounded to `precision` significant digits (6 in outputs; 4 in grading messages).
 */
export function formatNumber(value: number, { precision = 6, exponentDigits = 4 } = {}): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return value.toExponential(exponentDigits);
  return String(Number(value.toPrecision(precision)));
}
