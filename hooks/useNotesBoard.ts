import { useEffect } from 'react';
import type { OrchStore } from '../src/store/orchStore.js';
import type { NotesBoard } from '../src/notes/notesBoard.js';
import { unreadCounts } from '../src/notes/replayNotes.js';
import type { OrchState } from '../src/store/orchState.js';

export interface NotesBoardOptions {
  store: OrchStore;
  board: NotesBoard | undefined;
  intervalMs: number;
}

const sameCounts = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * Reads the notes board on a chained timer and writes the store only when
 * something changed: the notes (for the board view) and each worker's
 * unread count (for its pane header). Every process posts to the board, so
 * reading it is the only way to see notes arrive.
 */
export function useNotesBoard({ store, board, intervalMs }: NotesBoardOptions): void {
  useEffect(() => {
    if (!board) return;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    let lastKey = '';
    const tick = async () => {
      try {
        const read = await board.load();
        const state = store.getState();
        const names = state.order.map((id) => state.workers[id]?.name).filter((n): n is string => n !== undefined);
        const unreadNotes = unreadCounts(read, names);
        const key = JSON.stringify(read.notes);
        const next: Partial<OrchState> = {};
        if (key !== lastKey) next.notes = read.notes;
        if (!sameCounts(unreadNotes, state.unreadNotes)) next.unreadNotes = unreadNotes;
        lastKey = key;
        if (!stopped && Object.keys(next).length > 0) store.setState(next);
      } catch {
        // A board that cannot be read now is read again next time; the task view reports journal trouble.
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [store, board, intervalMs]);
}
