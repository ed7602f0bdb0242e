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

/**
 * Catch-up latency: for each line, the time until the screen showed that
 * line *or a later line of the same worker*. Unlike the latency of the line
 * itself it does not count only the lines that stayed on screen long enough
 * to be drawn (a watcher that draws rarely shows few lines, all of them
 * recent). `writes` are [worker, sequence, write time]; `shown` gives the
 * first time a (worker, sequence) was shown. Lines of workers never shown
 * after them are left out.
 */
export function catchUpLatencies(
  writes: ReadonlyArray<readonly [string, number, number]>,
  shown: (worker: string, sequence: number) => number | undefined,
  include: (writtenAt: number) => boolean,
): number[] {
  const byWorker = new Map<string, Array<readonly [string, number, number]>>();
  for (const w of writes) {
    const list = byWorker.get(w[0]);
    if (list) list.push(w);
    else byWorker.set(w[0], [w]);
  }
  const out: number[] = [];
  for (const lines of byWorker.values()) {
    lines.sort((a, b) => b[1] - a[1]);
    let earliest = Infinity;
    for (const [worker, sequence, at] of lines) {
      earliest = Math.min(earliest, shown(worker, sequence) ?? Infinity);
      if (include(at) && earliest !== Infinity) out.push(earliest - at);
    }
  }
  return out;
}
