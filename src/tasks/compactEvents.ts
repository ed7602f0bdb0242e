import type { TaskBook } from './replayTasks.js';
import type { JournalEvent } from './taskTypes.js';

type CompactEvent = Extract<JournalEvent, { type: 'compact-policy' | 'compact' | 'compact-sent' | 'compact-unsent' | 'compacted' | 'compact-failed' }>;

/** Apply one auto-compact event (see autoCompact.ts). Pure apart from mutating the book. */
export function applyCompactEvent(book: TaskBook, event: CompactEvent): void {
  if (event.type === 'compact-policy') {
    const { compactAt, compactGoal, team } = event;
    if (compactAt === undefined && compactGoal === undefined) book.policies.delete(event.id);
    else book.policies.set(event.id, { ...(compactAt !== undefined ? { compactAt } : {}), ...(compactGoal !== undefined ? { compactGoal } : {}), ...(team ? { team } : {}) });
    return;
  }
  const task = book.tasks.get(event.id);
  if (!task) return;
  const set = (compaction: typeof task.compaction) => {
    const { compaction: _old, ...rest } = task;
    book.tasks.set(event.id, compaction ? { ...rest, compaction } : rest);
  };
  const current = task.compaction;
  switch (event.type) {
    case 'compact':
      return set({ state: 'sending', goal: event.goal, percent: event.percent, at: event.at });
    case 'compact-sent':
      return current ? set({ ...current, state: 'sent' }) : undefined;
    case 'compact-unsent':
      return set(undefined);
    case 'compacted':
      return current ? set({ ...current, state: 'done', finishedAt: event.at, ...(event.percentAfter !== undefined ? { percentAfter: event.percentAfter } : {}) }) : undefined;
    case 'compact-failed':
      return current ? set({ ...current, state: 'failed', finishedAt: event.at, reason: event.reason }) : undefined;
  }
}
