import type { JournalEvent } from '../tasks/taskTypes.js';
import { ALL, type Note, type NoteEvent, type NoteParty, type PendingNoteMessage } from './noteTypes.js';

/** The board as both journals tell it. */
export interface NoteBoard {
  /** Oldest first; a note's id is `n` + its place here. */
  notes: Note[];
  byId: Map<string, Note>;
  /** Notes messages begun and not settled (a dispatcher died in the middle). */
  pendingMessages: Map<string, PendingNoteMessage>;
  /** Notes riding on a task send begun and not settled, per worker. */
  pendingInTasks: Map<string, Set<string>>;
}

/**
 * Rebuild the board. Pure. The notes journal holds the notes, who read
 * them and the notes messages; the task journal holds the notes carried by
 * task sends (`sending` with `notes`, then `sent`): that a note went with a
 * task is written once, where the send is recorded, so a crash between two
 * journals can neither lose nor repeat it.
 */
export function replayNotes(noteEvents: readonly NoteEvent[], taskEvents: readonly JournalEvent[] = []): NoteBoard {
  const board: NoteBoard = { notes: [], byId: new Map(), pendingMessages: new Map(), pendingInTasks: new Map() };
  for (const event of noteEvents) applyNoteEvent(board, event);
  applyTaskSends(board, taskEvents);
  return board;
}

function applyNoteEvent(board: NoteBoard, event: NoteEvent): void {
  switch (event.type) {
    case 'post': {
      // A change note is posted once per task; a second (two dispatchers in turn) is ignored.
      if (event.task !== undefined && board.notes.some((n) => n.task === event.task)) return;
      const note: Note = {
        id: `n${board.notes.length + 1}`, key: event.key, at: event.at, author: event.author, text: event.text, to: event.to ?? [],
        ...(event.topic ? { topic: event.topic } : {}), ...(event.tags?.length ? { tags: event.tags } : {}),
        ...(event.now ? { now: true } : {}), ...(event.task !== undefined ? { task: event.task } : {}),
        readBy: [event.author], deliveries: [],
      };
      board.notes.push(note);
      board.byId.set(note.id, note);
      return;
    }
    case 'read':
      markRead(board, event.id, event.reader);
      return;
    case 'sending':
      board.pendingMessages.set(event.key, {
        key: event.key, worker: event.worker, paneId: event.paneId, notes: event.notes, text: event.text, at: event.at,
      });
      return;
    case 'sent': {
      const pending = board.pendingMessages.get(event.key);
      board.pendingMessages.delete(event.key);
      if (pending) for (const id of pending.notes) deliver(board, id, { worker: pending.worker, at: event.at, via: 'message' });
      return;
    }
    case 'unsent':
      board.pendingMessages.delete(event.key);
      return;
  }
}

/** Task sends that carried notes: delivered once sent, nothing when unsent, failed, cancelled or removed. */
function applyTaskSends(board: NoteBoard, events: readonly JournalEvent[]): void {
  const workerOf = new Map<string, string>();
  const carrying = new Map<string, string[]>();
  for (const event of events) {
    if (event.type === 'add') workerOf.set(event.id, event.worker);
    else if (event.type === 'sending') {
      const notes = (event as { notes?: unknown }).notes;
      if (Array.isArray(notes) && notes.length > 0) carrying.set(event.id, notes.map(String));
      else carrying.delete(event.id);
    } else if (event.type === 'sent') {
      const notes = carrying.get(event.id);
      const worker = workerOf.get(event.id);
      carrying.delete(event.id);
      if (notes && worker) for (const id of notes) deliver(board, id, { worker, at: event.at, via: 'task', task: event.id });
    } else if (event.type === 'unsent' || event.type === 'failed' || event.type === 'cancel' || event.type === 'remove') {
      carrying.delete(event.id);
    }
  }
  for (const [task, notes] of carrying) {
    const worker = workerOf.get(task);
    if (!worker) continue;
    const set = board.pendingInTasks.get(worker) ?? new Set<string>();
    for (const id of notes) set.add(id);
    board.pendingInTasks.set(worker, set);
  }
}

function markRead(board: NoteBoard, id: string, reader: NoteParty): void {
  const note = board.byId.get(id);
  if (note && !note.readBy.includes(reader)) note.readBy.push(reader);
}

function deliver(board: NoteBoard, id: string, delivery: Note['deliveries'][number]): void {
  const note = board.byId.get(id);
  if (!note) return;
  if (!note.deliveries.some((d) => d.worker === delivery.worker)) note.deliveries.push(delivery);
  markRead(board, id, delivery.worker);
}

/** Whether `worker` is one the note is for: named in `to`, or `all` and not its author. */
export function addressedTo(note: Note, worker: string): boolean {
  if (note.to.includes(worker)) return true;
  return note.to.includes(ALL) && note.author !== worker;
}

/** Notes for `worker` it has not read (nor been given), oldest first. */
export function unreadFor(board: NoteBoard, worker: string): Note[] {
  return board.notes.filter((n) => addressedTo(n, worker) && !n.readBy.includes(worker));
}

/** Notes on their way to `worker` (a send begun and not settled): not to be given again meanwhile. */
export function inFlightFor(board: NoteBoard, worker: string): Set<string> {
  const ids = new Set(board.pendingInTasks.get(worker) ?? []);
  for (const message of board.pendingMessages.values()) if (message.worker === worker) for (const id of message.notes) ids.add(id);
  return ids;
}

/** Unread notes per worker name, for the pane headers. */
export function unreadCounts(board: NoteBoard, workers: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const worker of workers) {
    const n = unreadFor(board, worker).length;
    if (n > 0) counts[worker] = n;
  }
  return counts;
}
