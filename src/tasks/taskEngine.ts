import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { describeError } from '../tmux/tmuxErrors.js';
import { claudeInputText } from '../dispatch/claudeInputBox.js';
import { TaskJournal } from './taskJournal.js';
import { applyEvent, emptyBook, fillResults, type TaskBook } from './replayTasks.js';
import { otherServer, planTasks, type WorkerView } from './planTasks.js';
import { observeWorkers, type ObservedWorker } from './observeWorkers.js';
import { resultOf, wasReceived } from './taskResults.js';
import { FinishWatch } from './finishWatch.js';
import { readServerLife, sameServerLife } from './serverLife.js';
import { cachedStateSources } from '../agents/stateSources.js';
import type { JournalEvent, ServerLife, Task } from './taskTypes.js';
import { agentMayNotType } from '../workers/agentBoundary.js';
import { AutoCompact } from './autoCompact.js';
import type { TaskNotes } from '../notes/noteDelivery.js';
import { CarryAcross, CONTINUE_TEXT } from './carryTasks.js';
import { syncWorkerRecords } from '../workers/recordWorkers.js';
import type { WorkerRecord } from '../reports/workerRecord.js';

export interface TaskEngineDeps {
  adapter: TmuxAdapter;
  dispatcher: Dispatcher;
  journal: TaskJournal;
  /** One sentence for the user: a corrupt journal line, a task that failed, ... */
  report?: (message: string, tone: 'info' | 'ok' | 'error') => void;
  /** `--compact-at PERCENT`: compact a worker this full before its next task (a team file's policy wins). */
  compactAt?: number;
  /** The notes a task carries to its worker: its text to send, and the ids of the notes in it (see src/notes). */
  withNotes?: TaskNotes;
  /** `--retry-interrupted`: queue again at once a task a restore found interrupted (see carryTasks.ts). */
  retryInterrupted?: boolean;
  /** The worker records (tests give their own); else this server's, kept current by this dispatcher. */
  records?: () => Promise<WorkerRecord[]>;
}

/** What one round did: what `run --once` reports. */
export interface TickReport {
  sent: string[];
  finished: string[];
  failed: Array<{ id: string; reason: string }>;
  /** Due tasks (every task in `after` done) that were not sent this round, and why. */
  held: Array<{ id: string; reason: string }>;
}

const emptyReport = (): TickReport => ({ sent: [], finished: [], failed: [], held: [] });
/** How long after seeing a shell back at its prompt it is looked at again, to be sure its command ended. */
const LOOK_AGAIN_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How often the dispatcher brings the worker records up to date (a list-panes and a /proc walk). */
const SYNC_RECORDS_MS = 5000;

/**
 * The dispatcher: replays the journal, then each tick reads what other
 * processes appended, sees whether sent tasks finished, and sends the
 * queued tasks whose turn has come (to different workers at once, one at a
 * time per worker). Every step is journaled before it happens, so
 * `kill -9` at any moment loses no task and sends none twice. Tasks queued
 * on another life of the tmux server are never sent.
 */
export class TaskEngine {
  private book: TaskBook = emptyBook();
  private offset = 0;
  private readonly finish = new FinishWatch();
  private recovered = false;
  /** The process table, re-read every few seconds rather than every tick. */
  private readonly sources = cachedStateSources();
  private readonly compactFirst: AutoCompact;
  private readonly carry: CarryAcross;
  private recordsSyncedAt = 0;

  constructor(private readonly deps: TaskEngineDeps) {
    this.compactFirst = new AutoCompact({ dispatcher: deps.dispatcher, record: (event) => this.record(event), report: deps.report, compactAt: deps.compactAt });
    this.carry = new CarryAcross({ adapter: deps.adapter, record: (event) => this.record(event), report: deps.report, ...(deps.records ? { records: deps.records } : {}),
      fail: (id, reason) => this.record({ type: 'failed', at: Date.now(), id, reason }).then(() => deps.report?.(`Task ${id} failed: ${reason}.`, 'error')),
    });
  }

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

  private async fail(report: TickReport, id: string, reason: string): Promise<void> {
    await this.record({ type: 'failed', at: Date.now(), id, reason });
    report.failed.push({ id, reason });
    this.deps.report?.(`Task ${id} failed: ${reason.replace(/\.$/, '')}.`, 'error');
  }

  /** One round: settle interrupted sends, finish tasks, send what is due. */
  async tick(): Promise<TickReport> {
    const report = emptyReport();
    await this.refresh();
    if (!this.deps.records && Date.now() - this.recordsSyncedAt > SYNC_RECORDS_MS) {
      this.recordsSyncedAt = Date.now();
      await syncWorkerRecords(this.deps.adapter);
    }
    if (this.deps.retryInterrupted) await this.retryInterrupted();
    const active = this.tasks.filter((t) => t.state === 'queued' || t.state === 'sent');
    if (active.length === 0) return report;
    const [workers, life] = await Promise.all([
      observeWorkers(this.deps.adapter, new Set(active.map((t) => t.worker)), this.sources),
      readServerLife(this.deps.adapter),
    ]);
    if (!this.recovered) {
      await this.recoverPending(workers, life);
      this.recovered = true;
    }
    // Tasks of a server life that is gone whose worker a restore brought back: before anything fails them for their server.
    await this.carry.round(this.book, life, workers);
    if (this.deps.retryInterrupted) await this.retryInterrupted();
    // Each sent task on its own: a shell's may take a second look.
    await Promise.all(this.tasks.filter((t) => t.state === 'sent' && !this.carry.holds(t.id)).map((task) =>
      life && task.server && !sameServerLife(task.server, life)
        ? this.fail(report, task.id, otherServer(task, task.server))
        : this.checkFinished(task, workers.get(task.worker), report)));
    const views = new Map<string, WorkerView>(
      [...workers].map(([name, w]) => [name, { name, paneId: w.pane.paneId, state: w.seen.decision.state, reason: w.seen.decision.reason }]),
    );
    const sends: Array<Promise<void>> = [];
    // A task whose worker is recorded and not restored yet waits for it.
    const held = [...this.book.tasks.values()].filter((t) => t.state === 'queued' && this.carry.holds(t.id));
    for (const task of held) report.held.push({ id: task.id, reason: this.carry.holds(task.id)! });
    // Planned like a send under way: neither sent nor failed, and its worker counts as busy.
    const untouchable = new Set([...this.book.pending.keys(), ...held.map((t) => t.id)]);
    for (const action of planTasks(this.book.tasks, views, untouchable, life)) {
      if (action.kind === 'fail') await this.fail(report, action.id, action.reason);
      else if (action.kind === 'hold') report.held.push({ id: action.id, reason: action.reason });
      else sends.push(this.send(action.task, workers.get(action.task.worker)!, report));
    }
    await Promise.all(sends);
    return report;
  }

  /** `--retry-interrupted`: an interrupted task is queued again on this server, said once. */
  private async retryInterrupted(): Promise<void> {
    const interrupted = this.tasks.filter((t) => t.state === 'interrupted');
    if (interrupted.length === 0) return;
    const life = await readServerLife(this.deps.adapter);
    for (const task of interrupted) {
      await this.record({ type: 'retry', at: Date.now(), id: task.id, ...(life ? { server: life } : {}) });
      this.deps.report?.(`Task ${task.id} was interrupted by a restart and is queued again (--retry-interrupted).`, 'info');
    }
  }

  private async send(task: Task, worker: ObservedWorker, report: TickReport): Promise<void> {
    // Whoever dispatches (a dashboard too), an agent's task goes only where an agent may type.
    const refused = task.by === 'agent' ? agentMayNotType(worker.pane, worker.seen.kind, worker.name) : undefined;
    if (refused) return this.fail(report, task.id, `queued by an agent: ${refused}`);
    if (task.continues) return this.sendText(task, worker, report, CONTINUE_TEXT, []);
    const filled = fillResults(task.text, this.book.tasks);
    // Its worker's context compacted first, when its policy says so (see autoCompact.ts); the goal is the task, not its notes.
    const first = await this.compactFirst.before(task, filled, worker, this.book);
    if (first.kind === 'hold') return void report.held.push({ id: task.id, reason: first.reason });
    if (first.kind === 'fail') return this.fail(report, task.id, first.reason);
    // The notes ride in the 'sending' event: delivered exactly when the task is.
    const { text, notes } = this.deps.withNotes ? await this.deps.withNotes(task, worker, filled) : { text: filled, notes: [] };
    return this.sendText(task, worker, report, text, notes);
  }

  private async sendText(task: Task, worker: ObservedWorker, report: TickReport, text: string, notes: string[]): Promise<void> {
    await this.record({ type: 'sending', at: Date.now(), id: task.id, paneId: worker.pane.paneId, text, ...(notes.length ? { notes } : {}) });
    try {
      const outcome = await this.deps.dispatcher.send(worker.pane, text, { queued: true });
      if (outcome.delivered) {
        await this.record({ type: 'sent', at: Date.now(), id: task.id });
        this.finish.sent(task.id);
        report.sent.push(task.id);
        this.deps.report?.(`Task ${task.id} sent to ${task.worker}.`, 'ok');
      } else if (outcome.untouched) {
        await this.record({ type: 'unsent', at: Date.now(), id: task.id, reason: outcome.message });
        report.held.push({ id: task.id, reason: outcome.message.replace(/\.$/, '') });
      } else {
        await this.fail(report, task.id, outcome.message);
      }
    } catch (error) {
      await this.fail(report, task.id, describeError(error));
    }
  }

  /** A sent task is done when its worker is idle again (see FinishWatch); failed when it exited or erred. */
  private async checkFinished(task: Task, seen: ObservedWorker | undefined, report: TickReport): Promise<void> {
    let worker = seen;
    if (!worker) return this.fail(report, task.id, `its worker ${task.worker} is gone`);
    const { state, reason } = worker.seen.decision;
    if (state === 'exited') return this.fail(report, task.id, `${task.worker} exited (${reason})`);
    if (state === 'error') return this.fail(report, task.id, `${task.worker} reported an error (${reason})`);
    const sentText = task.sentText ?? task.text;
    let finished = await this.finish.finished(task, worker, sentText);
    if (finished === 'look-again') {
      await sleep(LOOK_AGAIN_MS);
      const again = (await observeWorkers(this.deps.adapter, new Set([task.worker]), this.sources)).get(task.worker);
      if (!again) return;
      worker = again;
      finished = (await this.finish.finished(task, worker, sentText)) === true;
    }
    if (!finished) return;
    const result = (await resultOf(this.deps.adapter, worker, sentText)) ?? '';
    await this.record({ type: 'done', at: Date.now(), id: task.id, result });
    this.finish.forget(task.id);
    report.finished.push(task.id);
    this.deps.report?.(`Task ${task.id} done (${task.worker}).`, 'ok');
  }

  /**
   * Sends the last dispatcher began but did not see through: the worker's
   * transcript (or screen) says whether the text arrived. Text left in an
   * input box is never pasted again.
   */
  private async recoverPending(workers: Map<string, ObservedWorker>, life: ServerLife | undefined): Promise<void> {
    for (const pending of [...this.book.pending.values()]) {
      const task = this.book.tasks.get(pending.id);
      const worker = task && workers.get(task.worker);
      if (!task || !worker) continue;
      // A send begun on a server that is gone: the worker here is another (or a restored one: see carryTasks.ts).
      if (life && task.server && !sameServerLife(task.server, life)) continue;
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
