import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { describeError } from '../tmux/tmuxErrors.js';
import { claudeInputText } from '../dispatch/claudeInputBox.js';
import { TaskJournal } from './taskJournal.js';
import { applyEvent, emptyBook, fillResults, type TaskBook } from './replayTasks.js';
import { planTasks, type WorkerView } from './planTasks.js';
import { observeWorkers, type ObservedWorker } from './observeWorkers.js';
import { resultOf, transcriptOf, wasReceived } from './taskResults.js';
import { turnOf } from '../dispatch/claudeTranscript.js';
import { cachedStateSources } from '../agents/stateSources.js';
import type { JournalEvent, Task } from './taskTypes.js';

export interface TaskEngineDeps {
  adapter: TmuxAdapter;
  dispatcher: Dispatcher;
  journal: TaskJournal;
  /** One sentence for the user: a corrupt journal line, a task that failed, ... */
  report?: (message: string, tone: 'info' | 'ok' | 'error') => void;
}

const WORKING = new Set(['working', 'compacting', 'waiting', 'starting']);
/** A non-agent worker idle this long after a send has finished it. */
const QUIET_DONE_MS = 3000;
/** A Claude idle this long after working has finished its task even if its transcript never closed the turn. */
const OPEN_TURN_DONE_MS = 10_000;

/**
 * The dispatcher: replays the journal, then each tick reads what other
 * processes appended, sees whether sent tasks finished (working → idle),
 * and sends the queued tasks whose turn has come. Every step is journaled
 * before it happens, so `kill -9` at any moment loses no task and sends
 * none twice.
 */
export class TaskEngine {
  private book: TaskBook = emptyBook();
  private offset = 0;
  private readonly seenWorking = new Set<string>();
  /** When each sent task's worker was first seen idle again. */
  private readonly idleSince = new Map<string, number>();
  private recovered = false;
  /** The process table, re-read every few seconds rather than every tick. */
  private readonly sources = cachedStateSources();

  constructor(private readonly deps: TaskEngineDeps) {}

  get tasks(): Task[] {
    return [...this.book.tasks.values()];
  }

  /** Read what the journal gained since the last look. */
  async refresh(): Promise<void> {
    const read = await this.deps.journal.read(this.offset);
    if (this.offset === 0) this.book = emptyBook();
    for (const event of read.events) applyEvent(this.book, event);
    for (const bad of read.corrupt) {
      this.deps.report?.(`The task journal's line ${bad.line} is unreadable and was skipped: ${bad.text.slice(0, 60)}`, 'error');
    }
    this.offset = read.offset;
  }

  private async record(event: JournalEvent): Promise<void> {
    await this.deps.journal.append(event);
    applyEvent(this.book, event);
  }

  /** One round: settle interrupted sends, finish tasks, send what is due. */
  async tick(): Promise<void> {
    await this.refresh();
    const active = this.tasks.filter((t) => t.state === 'queued' || t.state === 'sent');
    if (active.length === 0) return;
    const workers = await observeWorkers(this.deps.adapter, new Set(active.map((t) => t.worker)), this.sources);
    if (!this.recovered) {
      await this.recoverPending(workers);
      this.recovered = true;
    }
    for (const task of this.tasks.filter((t) => t.state === 'sent')) await this.checkFinished(task, workers.get(task.worker));
    const views = new Map<string, WorkerView>(
      [...workers].map(([name, w]) => [name, { name, paneId: w.pane.paneId, state: w.seen.decision.state }]),
    );
    for (const action of planTasks(this.book.tasks, views, new Set(this.book.pending.keys()))) {
      if (action.kind === 'fail') {
        await this.record({ type: 'failed', at: Date.now(), id: action.id, reason: action.reason });
        this.deps.report?.(`Task ${action.id} failed: ${action.reason}.`, 'error');
      } else {
        await this.send(action.task, workers.get(action.task.worker)!);
      }
    }
  }

  private async send(task: Task, worker: ObservedWorker): Promise<void> {
    const text = fillResults(task.text, this.book.tasks);
    await this.record({ type: 'sending', at: Date.now(), id: task.id, paneId: worker.pane.paneId, text });
    try {
      const outcome = await this.deps.dispatcher.send(worker.pane, text);
      if (outcome.delivered) {
        await this.record({ type: 'sent', at: Date.now(), id: task.id });
        this.seenWorking.delete(task.id);
        this.deps.report?.(`Task ${task.id} sent to ${task.worker}.`, 'ok');
      } else if (outcome.untouched) {
        await this.record({ type: 'unsent', at: Date.now(), id: task.id, reason: outcome.message });
      } else {
        await this.record({ type: 'failed', at: Date.now(), id: task.id, reason: outcome.message });
        this.deps.report?.(`Task ${task.id} failed: ${outcome.message}`, 'error');
      }
    } catch (error) {
      await this.record({ type: 'failed', at: Date.now(), id: task.id, reason: describeError(error) });
      this.deps.report?.(`Task ${task.id} failed: ${describeError(error)}`, 'error');
    }
  }

  /** A sent task is done when its worker, having worked, is idle again. */
  private async checkFinished(task: Task, worker: ObservedWorker | undefined): Promise<void> {
    const fail = async (reason: string) => {
      await this.record({ type: 'failed', at: Date.now(), id: task.id, reason });
      this.deps.report?.(`Task ${task.id} failed: ${reason}.`, 'error');
    };
    if (!worker) return fail(`its worker ${task.worker} is gone`);
    const { state, reason } = worker.seen.decision;
    if (state === 'exited') return fail(`${task.worker} exited (${reason})`);
    if (state === 'error') return fail(`${task.worker} reported an error (${reason})`);
    if (WORKING.has(state)) {
      this.seenWorking.add(task.id);
      this.idleSince.delete(task.id);
      return;
    }
    if (state !== 'idle' && state !== 'unknown') return;
    const sentText = task.sentText ?? task.text;
    const idleSince = this.idleSince.get(task.id) ?? Date.now();
    this.idleSince.set(task.id, idleSince);
    let finished = this.seenWorking.has(task.id);
    if (worker.seen.kind === 'claude' && worker.seen.session) {
      // Claude's own record decides: the turn is over once its transcript
      // says so. Idle with the turn still open (its last lines not yet
      // written, or a turn cut short by Escape) finishes only after a while.
      const turn = turnOf(await transcriptOf(worker), sentText);
      finished = turn?.ended === true || (finished && Date.now() - idleSince > OPEN_TURN_DONE_MS);
    } else if (!finished) {
      finished = Date.now() - (task.times.sent ?? 0) > QUIET_DONE_MS;
    }
    if (!finished) return;
    const result = (await resultOf(this.deps.adapter, worker, sentText)) ?? '';
    await this.record({ type: 'done', at: Date.now(), id: task.id, result });
    this.seenWorking.delete(task.id);
    this.idleSince.delete(task.id);
    this.deps.report?.(`Task ${task.id} done (${task.worker}).`, 'ok');
  }

  /**
   * Sends the last dispatcher began but did not see through: the worker's
   * transcript (or screen) says whether the text arrived. Text left in an
   * input box is never pasted again.
   */
  private async recoverPending(workers: Map<string, ObservedWorker>): Promise<void> {
    for (const pending of [...this.book.pending.values()]) {
      const task = this.book.tasks.get(pending.id);
      const worker = task && workers.get(task.worker);
      if (!task || !worker) continue;
      if (await wasReceived(this.deps.adapter, worker, pending.text)) {
        await this.record({ type: 'sent', at: pending.at, id: pending.id });
        this.deps.report?.(`Task ${pending.id} had reached ${task.worker} before a restart.`, 'info');
        continue;
      }
      const box = worker.seen.kind === 'claude' ? claudeInputText(worker.lines) : undefined;
      if (box !== undefined && box.trim() !== '') {
        await this.record({
          type: 'failed', at: Date.now(), id: pending.id,
          reason: `a send was cut short and text sits unsent in ${task.worker}'s input box; look at it, then retry the task`,
        });
        continue;
      }
      await this.record({ type: 'unsent', at: Date.now(), id: pending.id, reason: 'checked after a restart: it never arrived' });
    }
  }
}
