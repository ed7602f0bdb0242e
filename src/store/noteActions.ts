import type { OrchState } from './orchState.js';
import type { Note } from '../notes/noteTypes.js';
import { addressedTo } from '../notes/replayNotes.js';

/** The notes the board view lists: newest first, only the filtered worker's when a filter is set. */
export function shownNotes(state: Pick<OrchState, 'notes' | 'noteFilter'>): Note[] {
  const filter = state.noteFilter;
  return state.notes.filter((n) => filter === undefined || addressedTo(n, filter) || n.author === filter).reverse();
}

export function moveNoteCursor(state: OrchState, delta: number): OrchState {
  const last = Math.max(0, shownNotes(state).length - 1);
  const noteCursor = Math.min(last, Math.max(0, Math.min(state.noteCursor, last) + delta));
  return noteCursor === state.noteCursor ? state : { ...state, noteCursor };
}

/** All notes → the first worker's → the next worker's … → all again. */
export function cycleNoteFilter(state: OrchState): OrchState {
  const names = state.order.map((id) => state.workers[id]?.name).filter((n): n is string => n !== undefined);
  const at = state.noteFilter === undefined ? -1 : names.indexOf(state.noteFilter);
  const next = names[at + 1];
  return { ...state, noteFilter: next, noteCursor: 0 };
}
