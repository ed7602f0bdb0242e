import { turnOf } from '../dispatch/claudeTranscript.js';
import type { ObservedWorker } from './observeWorkers.js';
import { transcriptOf } from './taskResults.js';
import type { Task } from './taskTypes.js';

const WORKING = new Set(['working', 'compacting', 'waiting', 'starting']);
/** A worker that says nothing about itself, idle this long after a send, has finished it. */
const QUIET_DONE_MS = 3000;
/** A Claude idle this long after working has finished its task even if its transcript never closed the turn. */
const OPEN_TURN_DONE_MS = 10_000;

/**
 * When a sent task is finished, by what its worker can tell:
 * - Claude: its transcript closes the turn the task opened;
 * - a shell (its state read from /proc): its command finished, i.e. it is
 *   back at its prompt with no foreground job, on two looks a moment apart
 *   (one look could fall between two commands of a loop): the caller looks
 *   again when told to;
 * - anything else: idle again after working, or quiet for a while.
 */
export class FinishWatch {
  private readonly seenWorking = new Set<string>();
  private readonly idle = new Map<string, { since: number; looks: number }>();

  /** A task was just sent: nothing seen of it yet. */
  sent(id: string): void {
    this.forget(id);
  }

  forget(id: string): void {
    this.seenWorking.delete(id);
    this.idle.delete(id);
  }

  async finished(task: Task, worker: ObservedWorker, sentText: string, now = Date.now()): Promise<boolean | 'look-again'> {
    const { state, source } = worker.seen.decision;
    if (WORKING.has(state)) {
      this.seenWorking.add(task.id);
      this.idle.delete(task.id);
      return false;
    }
    if (state !== 'idle' && state !== 'unknown') return false;
    const idle = this.idle.get(task.id) ?? { since: now, looks: 0 };
    idle.looks++;
    this.idle.set(task.id, idle);
    const worked = this.seenWorking.has(task.id);
    if (worker.seen.kind === 'claude' && worker.seen.session) {
      // Claude's own record decides: the turn is over once its transcript
      // says so. Idle with the turn still open (its last lines not yet
      // written, or a turn cut short by Escape) finishes only after a while.
      const turn = turnOf(await transcriptOf(worker), sentText);
      return turn?.ended === true || (worked && now - idle.since > OPEN_TURN_DONE_MS);
    }
    if (source === 'proc') return idle.looks >= 2 || 'look-again';
    return worked || now - (task.times.sent ?? 0) > QUIET_DONE_MS;
  }
}
