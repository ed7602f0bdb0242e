import type { PaneInfo } from '../tmux/paneFormat.js';
import type { AgentKind } from '../state/agentState.js';
import type { Task } from '../tasks/taskTypes.js';
import type { ObservedWorker } from '../tasks/observeWorkers.js';
import { isAgentKind, isManaged } from '../workers/agentBoundary.js';
import type { NotesBoard } from './notesBoard.js';
import { inFlightFor, unreadFor, type NoteBoard } from './replayNotes.js';
import { YOU, type Note } from './noteTypes.js';

/** Notes given at once; more wait for the next task or message. */
export const MAX_NOTES_PER_DELIVERY = 20;

const TASK_HEADING = 'Notes from your team (for your information):';
const MESSAGE_HEADING = 'Notes from your team (for your information; no task comes with them):';

/**
 * Whether a note may be typed into this pane. Only agents get notes (text
 * given to a shell would run). A note an agent wrote goes only where an
 * agent may type: a managed worker (see agentBoundary); yours go to any agent.
 */
export function mayReceive(note: Note, pane: PaneInfo, kind: AgentKind): boolean {
  if (!isAgentKind(kind)) return false;
  return note.author === YOU || isManaged(pane);
}

/** The notes to give this worker now: addressed to it, unread, not on their way, oldest first. */
export function notesToDeliver(board: NoteBoard, worker: Pick<ObservedWorker, 'name' | 'pane' | 'seen'>): Note[] {
  const inFlight = inFlightFor(board, worker.name);
  return unreadFor(board, worker.name)
    .filter((n) => !inFlight.has(n.id) && mayReceive(n, worker.pane, worker.seen.kind))
    .slice(0, MAX_NOTES_PER_DELIVERY);
}

/** One note as a worker reads it: `- n3 from backend (api): text`, further lines indented. */
export function noteLine(note: Note): string {
  const about = note.topic ? ` (${note.topic})` : '';
  const [first = '', ...rest] = note.text.split('\n');
  return [`- ${note.id} from ${note.author}${about}: ${first}`, ...rest.map((l) => `  ${l}`)].join('\n');
}

/** A task's text with the notes before it, under a short heading. */
export function prependNotes(notes: readonly Note[], taskText: string): string {
  if (notes.length === 0) return taskText;
  return `${TASK_HEADING}\n${notes.map(noteLine).join('\n')}\n\nYour task:\n${taskText}`;
}

/** Notes sent as a message of their own. */
export function notesMessage(notes: readonly Note[]): string {
  return `${MESSAGE_HEADING}\n${notes.map(noteLine).join('\n')}`;
}

/** What the task engine sends: the task's text with the notes it carries (see TaskEngineDeps.withNotes). */
export type TaskNotes = (task: Task, worker: ObservedWorker, text: string) => Promise<{ text: string; notes: string[] }>;

/**
 * The task engine's hook: a task's text becomes the text to send plus the
 * ids of the notes it delivers. The engine records those ids in the task's
 * `sending` event, so they count as delivered exactly when the task does.
 */
export function taskNotesFrom(board: NotesBoard): TaskNotes {
  return async (_task, worker, text) => {
    const notes = notesToDeliver(await board.load(), worker);
    return { text: prependNotes(notes, text), notes: notes.map((n) => n.id) };
  };
}
