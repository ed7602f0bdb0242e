/**
 * A pane's lines sent again as what changed: a screen that scrolled is the
 * old lines without the first few, the last of them perhaps rewritten,
 * then new ones. Pure; both ends of the watcher's channel use it.
 */
export interface LineDelta {
  /** Lines dropped from the top of the previous lines. */
  drop: number;
  /** Lines kept after those. */
  keep: number;
  /** Lines that follow. */
  add: string[];
}

/** How far a scroll is looked for. */
const MAX_DROP = 16;

export function lineDelta(previous: readonly string[], next: readonly string[]): LineDelta {
  for (let drop = 0; drop <= Math.min(MAX_DROP, previous.length); drop++) {
    // The last line kept may have been written to since: it is sent again.
    const keep = Math.max(0, Math.min(previous.length - drop - 1, next.length));
    let same = true;
    for (let i = 0; i < keep && same; i++) same = previous[drop + i] === next[i];
    if (same && keep > 0) return { drop, keep, add: next.slice(keep) };
  }
  return { drop: previous.length, keep: 0, add: [...next] };
}

export function applyLineDelta(previous: readonly string[], delta: LineDelta): string[] {
  return [...previous.slice(delta.drop, delta.drop + delta.keep), ...delta.add];
}
