import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { loadWorkerRecords, type WorkerRecord } from '../reports/workerRecord.js';
import { turnOf } from '../dispatch/claudeTranscript.js';
import { arrivalByHooks } from '../dispatch/reportedTurns.js';
import type { ObservedWorker } from './observeWorkers.js';
import type { TaskBook } from './replayTasks.js';
import { sameServerLife } from './serverLife.js';
import { transcriptOf } from './taskResults.js';
import type { JournalEvent, ServerLife, Task } from './taskTypes.js';

/**
 * What a restored Claude is told about a task whose turn its server's end
 * cut short. Claude Code 2.1.328 does not go on with such a turn when
 * resumed (measured: it waits at its prompt, and its next request answers
 * the cut turn with a made-up "No response requested."), and the task
 * itself must not be sent twice.
 */
export const CONTINUE_TEXT =
  'Your session ended before you finished the request above (the machine or tmux restarted, and orch-tui restored you). Carry on with it from where you left off.';

/** How long a restored worker may take to show its conversation before its in-flight task is called interrupted. */
const READ_CONVERSATION_MS = 60_000;

export interface CarryDeps {
  adapter: TmuxAdapter;
  record(event: JournalEvent): Promise<void>;
  report?: (message: string, tone: 'info' | 'ok' | 'error') => void;
  /** The records of this server's workers (tests give their own). */
  records?: () => Promise<WorkerRecord[]>;
  /** Fail a task, saying why. */
  fail(id: string, reason: string): Promise<void>;
}

/** Whether a task of `life` belongs to a worker restored from that life onto `now`. */
function carriedBy(record: WorkerRecord | undefined, life: ServerLife, now: ServerLife): boolean {
  return record?.server !== undefined && sameServerLife(record.server, now) && (record.formerServers ?? []).some((l) => sameServerLife(l, life));
}

/** Whether a task of `life` belongs to a recorded worker not restored yet (it last ran on that life, or was restored onto one from it). */
function awaitsRestore(record: WorkerRecord | undefined, life: ServerLife, now: ServerLife): boolean {
  if (record?.server === undefined || sameServerLife(record.server, now)) return false;
  return [record.server, ...(record.formerServers ?? [])].some((l) => sameServerLife(l, life));
}

/**
 * Tasks across the gap: a task queued on a server life that is gone, whose
 * worker `restore` made again on this one, is this worker's still. Queued,
 * it stays queued (on this life). In flight (sending or sent), it is never
 * sent again blindly: the restored worker's conversation decides. Its turn
 * ended there: done, with that answer. It arrived and its turn was cut:
 * it goes on (the worker is asked to carry on, and its answer is the
 * task's result). Nothing shows it arrived, or the worker came back fresh:
 * `interrupted`, to be retried by a person (or `--retry-interrupted`).
 */
export class CarryAcross {
  /** In-flight tasks whose restored worker cannot be read yet, and since when. */
  private readonly waiting = new Map<string, number>();
  /** Tasks whose worker is recorded and not restored yet, by id, with the sentence that says so. */
  private awaiting = new Map<string, string>();

  constructor(private readonly deps: CarryDeps) {}

  /** Why a task is held rather than sent or failed for its old server (undefined: it is not). */
  holds(id: string): string | undefined {
    if (this.waiting.has(id)) return 'its restored worker\'s conversation is being read';
    return this.awaiting.get(id);
  }

  async round(book: TaskBook, life: ServerLife | undefined, workers: ReadonlyMap<string, ObservedWorker>, now = Date.now()): Promise<void> {
    if (!life) return;
    const stale = [...book.tasks.values()].filter((t) =>
      t.server !== undefined && !sameServerLife(t.server, life) && (t.state === 'queued' || t.state === 'sent'));
    this.awaiting = new Map();
    if (stale.length === 0) return;
    const records = new Map((await (this.deps.records?.() ?? loadWorkerRecords(this.deps.adapter.server).then((r) => r.records))).map((r) => [r.name, r]));
    for (const task of stale) {
      const record = records.get(task.worker);
      const pending = book.pending.get(task.id);
      if (awaitsRestore(record, task.server!, life)) {
        this.awaiting.set(task.id, `its worker ${task.worker} is not restored yet (orch-tui restore ${task.worker})`);
        continue;
      }
      if (!carriedBy(record, task.server!, life)) {
        // A send begun on a server that is gone, to a worker no restore brought back: it is not sent on this one.
        if (pending) await this.deps.fail(task.id, `its send began on another tmux server, which is gone; orch-tui task retry ${task.id} queues it on this one`);
        continue;
      }
      if (task.state === 'queued' && !pending) {
        await this.deps.record({ type: 'carried', at: now, id: task.id, server: life, outcome: 'queued' });
        continue;
      }
      await this.decide(task, pending?.text ?? task.sentText ?? task.text, workers.get(task.worker), life, now, pending !== undefined);
    }
  }

  private async decide(task: Task, text: string, worker: ObservedWorker | undefined, life: ServerLife, now: number, pending: boolean): Promise<void> {
    const interrupted = async (reason: string) => {
      this.waiting.delete(task.id);
      await this.deps.record({ type: 'carried', at: now, id: task.id, server: life, outcome: 'interrupted', reason });
      this.deps.report?.(`Task ${task.id} was interrupted: ${reason}; orch-tui task retry ${task.id} sends it again.`, 'error');
    };
    if (worker && worker.seen.kind !== 'claude' && worker.seen.decision.state !== 'starting') {
      return interrupted(`${task.worker} came back without its conversation, so nothing shows the task had arrived`);
    }
    const transcript = worker?.seen.kind === 'claude' && worker.seen.session ? await transcriptOf(worker) : undefined;
    if (transcript === undefined || transcript === '') {
      const since = this.waiting.get(task.id) ?? now;
      this.waiting.set(task.id, since);
      if (now - since > READ_CONVERSATION_MS) return interrupted(`${task.worker}'s conversation could not be read after its restore`);
      return;
    }
    this.waiting.delete(task.id);
    const arrived = arrivalByHooks(worker!.seen.report?.events ?? [], 0, text);
    const turn = turnOf(transcript, text);
    if (!turn && arrived?.kind !== 'whole') return interrupted(`it had not reached ${task.worker} when its server went`);
    if (turn?.ended) {
      if (pending) await this.deps.record({ type: 'sent', at: now, id: task.id });
      await this.deps.record({ type: 'done', at: now, id: task.id, result: turn.answer ?? '' });
      this.deps.report?.(`Task ${task.id} had been finished by ${task.worker} before its server went.`, 'ok');
      return;
    }
    await this.deps.record({ type: 'carried', at: now, id: task.id, server: life, outcome: 'continue' });
    this.deps.report?.(`Task ${task.id} had reached ${task.worker} before its server went; it is asked to carry on.`, 'info');
  }
}
