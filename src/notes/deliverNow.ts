import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { acquireDispatcherLock, DispatcherBusyError } from '../tasks/dispatcherLock.js';
import type { NotesBoard } from './notesBoard.js';
import { NotesCourier, type CourierRound } from './notesCourier.js';

export type NowDelivery = { by: 'here'; round: CourierRound } | { by: 'elsewhere'; holder: string };

/**
 * `note add --now` (and the orchestrator's `post_note` with `now`): when no
 * dispatcher runs, this process is the dispatcher for one round of the
 * courier, under the same lock, so it cannot race a task send to the same
 * worker; when one runs, that dispatcher sends the note once the worker is idle.
 */
export async function deliverNow(deps: { adapter: TmuxAdapter; dispatcher: Dispatcher; board: NotesBoard; lockDir: string; who: string }): Promise<NowDelivery> {
  let release: () => Promise<void>;
  try {
    release = await acquireDispatcherLock(deps.lockDir, deps.who);
  } catch (error) {
    if (error instanceof DispatcherBusyError) return { by: 'elsewhere', holder: error.message.replace(/^Tasks are already dispatched by /, '').replace(/\.$/, '') };
    throw error;
  }
  try {
    return { by: 'here', round: await new NotesCourier(deps).round() };
  } finally {
    await release();
  }
}

/** One sentence per worker: what became of the `now` notes. */
export function describeNowDelivery(result: NowDelivery, noteId: string): string {
  if (result.by === 'elsewhere') return `${noteId} is sent by the running dispatcher (${result.holder}) as soon as its worker is idle.`;
  const lines = [
    ...result.round.delivered.map((d) => `Sent ${d.notes.join(', ')} to ${d.worker}.`),
    ...result.round.waiting.map((w) => `Not sent to ${w.worker}: ${w.reason.replace(/\.$/, '')}.`),
  ];
  return lines.length ? lines.join(' ') : `${noteId} has no worker to send it to now.`;
}
