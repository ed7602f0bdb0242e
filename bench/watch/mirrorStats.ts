/**
 * The pane mirrors' record against tmux, as orch-tui's output watcher
 * writes it to the file named by ORCH_TUI_MIRROR_STATS (running totals
 * since the watcher started, rewritten whenever they move): seeds taken,
 * comparisons with a fresh capture-pane that no output raced, how many of
 * those disagreed, and how many of the disagreements were on a pane that
 * had been quiet before the capture (those must be 0: a quiet pane's
 * mirror has nothing left to catch up on).
 */
import { readFileSync } from 'node:fs';

export interface MirrorCounts {
  seeds: number;
  compared: number;
  disagreed: number;
  disagreed_quiet: number;
  /** The watcher's latest disagreement, as it described it (when there was one in the span). */
  last_difference?: string;
}

/** Parses the stats file's text; undefined when it is not (yet) a record of numbers. */
export function parseMirrorStats(text: string): MirrorCounts | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined; // absent or half-written
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const num = (key: string) => (typeof r[key] === 'number' ? (r[key] as number) : undefined);
  const [seeds, compared, disagreed, disagreedQuiet] = [num('seeds'), num('compared'), num('disagreed'), num('disagreedQuiet')];
  if (seeds === undefined || compared === undefined || disagreed === undefined || disagreedQuiet === undefined) return undefined;
  const counts: MirrorCounts = { seeds, compared, disagreed, disagreed_quiet: disagreedQuiet };
  if (typeof r.lastDifference === 'string') counts.last_difference = r.lastDifference;
  return counts;
}

export const NO_MIRROR_COUNTS: MirrorCounts = { seeds: 0, compared: 0, disagreed: 0, disagreed_quiet: 0 };

/**
 * The totals now, or undefined when there is no record: the watcher has
 * not written one (it writes on its first seed), writes another format, or
 * is half way through a write. Never zeros for "no record": 0 disagreements
 * must mean the watcher counted none.
 */
export function readMirrorStats(file: string): MirrorCounts | undefined {
  try {
    return parseMirrorStats(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** `read` again while it has no record (a write in progress), up to half a second. */
export async function readMirrorStatsWhole(read: () => MirrorCounts | undefined): Promise<MirrorCounts | undefined> {
  for (let tries = 0; ; tries++) {
    const counts = read();
    if (counts || tries >= 10) return counts;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What happened between two readings (the description only if a disagreement fell in between); null without a record at the end. */
export function mirrorDelta(before: MirrorCounts | undefined, after: MirrorCounts | undefined): MirrorCounts | null {
  if (!after) return null;
  before ??= NO_MIRROR_COUNTS;
  const delta: MirrorCounts = {
    seeds: after.seeds - before.seeds,
    compared: after.compared - before.compared,
    disagreed: after.disagreed - before.disagreed,
    disagreed_quiet: after.disagreed_quiet - before.disagreed_quiet,
  };
  if (delta.disagreed > 0 && after.last_difference) delta.last_difference = after.last_difference;
  return delta;
}
