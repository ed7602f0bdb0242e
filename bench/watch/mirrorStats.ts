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

/** The totals now; zeros while the watcher has written nothing (it writes on its first seed). */
export function readMirrorStats(file: string): MirrorCounts {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return NO_MIRROR_COUNTS;
  }
  return parseMirrorStats(text) ?? NO_MIRROR_COUNTS;
}

/** What happened between two readings (the description only if a disagreement fell in between). */
export function mirrorDelta(before: MirrorCounts, after: MirrorCounts): MirrorCounts {
  const delta: MirrorCounts = {
    seeds: after.seeds - before.seeds,
    compared: after.compared - before.compared,
    disagreed: after.disagreed - before.disagreed,
    disagreed_quiet: after.disagreed_quiet - before.disagreed_quiet,
  };
  if (delta.disagreed > 0 && after.last_difference) delta.last_difference = after.last_difference;
  return delta;
}
