import type { JournalEvent, Task } from './taskTypes.js';

/** A task whose paste may or may not have happened when the dispatcher stopped. */
export interface PendingSend {
  id: string;
  paneId: string;
  text: string;
  at: number;
}

export interface TaskBook {
  tasks: Map<string, Task>;
  /** Sends begun ('sending') and not settled: check them before any retry. */
  pending: Map<string, PendingSend>;
  /** The highest `tN` ever added, removed ones included, so an id never names two tasks. */
  lastNumber: number;
}

export const emptyBook = (): TaskBook => ({ tasks: new Map(), pending: new Map(), lastNumber: 0 });

/** Apply one journal event. Pure apart from mutating the book it is given. */
export function applyEvent(book: TaskBook, event: JournalEvent): void {
  const task = book.tasks.get(event.id);
  switch (event.type) {
    case 'add': {
      const n = /^t(\d+)$/.exec(event.id);
      if (n) book.lastNumber = Math.max(book.lastNumber, Number(n[1]));
      if (!task) {
        book.tasks.set(event.id, {
          id: event.id, worker: event.worker, text: event.text, after: event.after, state: 'queued',
          times: { added: event.at }, ...(event.team ? { team: event.team } : {}), ...(event.by ? { by: event.by } : {}),
          ...(event.server ? { server: event.server } : {}),
        });
      }
      return;
    }
    case 'sending':
      if (task) book.pending.set(event.id, { id: event.id, paneId: event.paneId, text: event.text, at: event.at });
      return;
    case 'sent': {
      const sentText = book.pending.get(event.id)?.text ?? task?.sentText;
      book.pending.delete(event.id);
      if (task) book.tasks.set(event.id, { ...task, state: 'sent', ...(sentText ? { sentText } : {}), times: { ...task.times, sent: event.at } });
      return;
    }
    case 'unsent':
      book.pending.delete(event.id);
      return;
    case 'done':
      if (task) book.tasks.set(event.id, { ...task, state: 'done', result: event.result, times: { ...task.times, finished: event.at } });
      return;
    case 'failed':
      book.pending.delete(event.id);
      if (task) book.tasks.set(event.id, { ...task, state: 'failed', reason: event.reason, times: { ...task.times, finished: event.at } });
      return;
    case 'cancel':
      book.pending.delete(event.id);
      if (task && task.state !== 'done') book.tasks.set(event.id, { ...task, state: 'cancelled', reason: 'cancelled', times: { ...task.times, finished: event.at } });
      return;
    case 'retry':
      if (task && (task.state === 'failed' || task.state === 'cancelled' || task.state === 'done')) {
        const { reason: _reason, result: _result, sentText: _sentText, ...rest } = task;
        book.tasks.set(event.id, { ...rest, state: 'queued', times: { added: task.times.added }, ...(event.server ? { server: event.server } : {}) });
      }
      return;
    case 'remove':
      book.tasks.delete(event.id);
      book.pending.delete(event.id);
      return;
  }
}

export function replay(events: readonly JournalEvent[], book: TaskBook = emptyBook()): TaskBook {
  for (const event of events) applyEvent(book, event);
  return book;
}

/** The next `tN` id never used in this journal. */
export function nextTaskId(book: TaskBook): string {
  let n = book.lastNumber + 1;
  while (book.tasks.has(`t${n}`)) n++;
  return `t${n}`;
}

/** `{{result:ID}}` replaced by that task's result. */
export function fillResults(text: string, tasks: ReadonlyMap<string, Task>): string {
  return text.replace(/\{\{result:([A-Za-z0-9_.-]+)\}\}/g, (whole, id: string) => tasks.get(id)?.result ?? whole);
}
