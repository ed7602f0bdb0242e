/** Nearest-rank percentile (p in 0..100) of unsorted numbers; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** p50, p95 and p99 rounded to 0.1 ms. */
export function latencySummary(values: readonly number[]): { p50: number | null; p95: number | null; p99: number | null } {
  const r = (p: number) => round1(percentile(values, p));
  return { p50: r(50), p95: r(95), p99: r(99) };
}

export function round1(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

/** Milliseconds on a clock shared by the bench and its children (wall clock, sub-ms). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
