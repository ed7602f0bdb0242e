import type { Compaction } from './taskTypes.js';

/** The task view's line for the /compact sent before a task. */
export function compactionLine(c: Compaction): string {
  const goal = c.goal.length > 60 ? `${c.goal.slice(0, 59)}…` : c.goal;
  switch (c.state) {
    case 'sending':
    case 'sent':
      return `compacting first: its worker was ${c.percent}% full (goal: ${goal})`;
    case 'done':
      return `compacted first at ${c.percent}%${c.percentAfter !== undefined ? `, then ${c.percentAfter}%` : ''} (goal: ${goal})`;
    case 'failed':
      return `compacting first failed at ${c.percent}%: ${c.reason ?? 'unknown'}`;
  }
}
