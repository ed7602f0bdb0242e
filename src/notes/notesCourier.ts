import { randomBytes } from 'node:crypto';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { describeError } from '../tmux/tmuxErrors.js';
import { observeWorkers, type ObservedWorker } from '../tasks/observeWorkers.js';
import { wasReceived } from '../tasks/taskResults.js';
import { replay } from '../tasks/replayTasks.js';
import { cachedStateSources } from '../agents/stateSources.js';
import { changedFiles } from '../report/gitChanges.js';
import { selectWorkers, workerName } from '../workers/selectWorkers.js';
import { isAgentKind, isManaged } from '../workers/agentBoundary.js';
import type { JournalEvent } from '../tasks/taskTypes.js';
import type { NotesBoard } from './notesBoard.js';
import { addressedTo, type NoteBoard } from './replayNotes.js';
import { notesMessage, notesToDeliver } from './noteDelivery.js';
import { changeNoteText } from './changeNote.js';
import { YOU, type Note } from './noteTypes.js';

export interface NotesCourierDeps {
  adapter: TmuxAdapter;
  dispatcher: Dispatcher;
  board: NotesBoard;
  report?: (message: string, tone: 'info' | 'ok' | 'error') => void;
}

/** What a round did for each worker a `now` note is for. */
export interface CourierRound {
  delivered: Array<{ worker: string; notes: string[] }>;
  waiting: Array<{ worker: string; notes: string[]; reason: string }>;
}

/** A task finished this long ago still gets its change note (a dispatcher restarted in between). */
const CHANGE_NOTE_WINDOW_MS = 10 * 60_000;
/**
 * A `now` note is sent as its own message when its worker is idle within
 * this long; after that it waits for the worker's next task, so a note for
 * a worker that never idles (or cannot take notes) is not looked for forever.
 */
export const NOW_WINDOW_MS = 10 * 60_000;

/**
 * The notes work of the one dispatcher (it runs under the dispatcher lock,
 * after each task round, so it never races the task engine for a worker):
 * settles a notes message a killed dispatcher left half-sent, posts the
 * change note of each task that finished, and sends `now` notes as a
 * message of their own to addressees that are idle. A busy worker is never
 * typed into: its notes wait for its next task, or for it to be idle.
 */
export class NotesCourier {
  private recovered = false;
  private readonly sources = cachedStateSources();

  constructor(private readonly deps: NotesCourierDeps) {}

  async round(): Promise<CourierRound> {
    const done: CourierRound = { delivered: [], waiting: [] };
    let board = await this.deps.board.load();
    if (!this.recovered) {
      await this.recoverMessages(board);
      this.recovered = true;
      board = await this.deps.board.load();
    }
    await this.postChangeNotes(board, board.taskEvents);
    const wanted = await this.nowNotesByWorker(board);
    if (wanted.size === 0) return done;
    const workers = await observeWorkers(this.deps.adapter, new Set(wanted.keys()), this.sources);
    for (const [name, notes] of wanted) {
      const worker = workers.get(name);
      const ids = notes.map((n) => n.id);
      const why = whyNotNow(worker);
      if (why) {
        done.waiting.push({ worker: name, notes: ids, reason: why });
        continue;
      }
      const outcome = await this.sendMessage(worker!, notes);
      if (outcome.delivered) done.delivered.push({ worker: name, notes: ids });
      else done.waiting.push({ worker: name, notes: ids, reason: outcome.reason });
    }
    return done;
  }

  /** Idle addressees' `now` notes; workers that cannot take notes at all are left out. */
  private async nowNotesByWorker(board: NoteBoard): Promise<Map<string, Note[]>> {
    const since = Date.now() - NOW_WINDOW_MS;
    const open = board.notes.filter((n) => n.now && n.to.length > 0 && n.at >= since);
    if (open.length === 0) return new Map();
    const panes = selectWorkers(await this.deps.adapter.listPanes(), { ownPane: this.deps.adapter.ownPane });
    const wanted = new Map<string, Note[]>();
    for (const pane of panes) {
      const name = workerName(pane);
      // An agent's note is not even considered for a pane agents may not see: saying why it was not sent would name it.
      const mine = open.filter((n) => addressedTo(n, name) && !n.readBy.includes(name) && (n.author === YOU || isManaged(pane)));
      if (mine.length > 0) wanted.set(name, mine);
    }
    return wanted;
  }

  private async sendMessage(worker: ObservedWorker, candidates: Note[]): Promise<{ delivered: boolean; reason: string }> {
    const board = await this.deps.board.load();
    const allowed = new Set(notesToDeliver(board, worker).map((n) => n.id));
    const notes = candidates.filter((n) => allowed.has(n.id));
    if (notes.length === 0) return { delivered: false, reason: 'its notes may not be typed into it' };
    const key = randomBytes(8).toString('hex');
    const text = notesMessage(notes);
    const ids = notes.map((n) => n.id);
    await this.deps.board.append({ type: 'sending', at: Date.now(), key, worker: worker.name, paneId: worker.pane.paneId, notes: ids, text });
    try {
      const outcome = await this.deps.dispatcher.send(worker.pane, text);
      if (outcome.delivered) {
        await this.deps.board.append({ type: 'sent', at: Date.now(), key });
        this.deps.report?.(`Notes ${ids.join(', ')} sent to ${worker.name}.`, 'ok');
        return { delivered: true, reason: '' };
      }
      await this.deps.board.append({ type: 'unsent', at: Date.now(), key, reason: outcome.message });
      return { delivered: false, reason: outcome.message };
    } catch (error) {
      await this.deps.board.append({ type: 'unsent', at: Date.now(), key, reason: describeError(error) });
      return { delivered: false, reason: describeError(error) };
    }
  }

  /** A notes message a killed dispatcher began: the worker's transcript (or screen) says whether it arrived. */
  private async recoverMessages(board: NoteBoard): Promise<void> {
    if (board.pendingMessages.size === 0) return;
    const pending = [...board.pendingMessages.values()];
    const workers = await observeWorkers(this.deps.adapter, new Set(pending.map((p) => p.worker)), this.sources);
    for (const message of pending) {
      const worker = workers.get(message.worker);
      if (worker && (await wasReceived(this.deps.adapter, worker, message.text))) {
        await this.deps.board.append({ type: 'sent', at: message.at, key: message.key });
        this.deps.report?.(`Notes ${message.notes.join(', ')} had reached ${message.worker} before a restart.`, 'info');
      } else {
        const reason = worker ? 'checked after a restart: it never arrived' : `its worker ${message.worker} is gone`;
        await this.deps.board.append({ type: 'unsent', at: Date.now(), key: message.key, reason });
      }
    }
  }

  /** Each task that finished (recently) leaves a note from its worker, once. */
  private async postChangeNotes(board: NoteBoard, taskEvents: readonly JournalEvent[]): Promise<void> {
    const reported = new Set(board.notes.flatMap((n) => (n.task !== undefined ? [n.task] : [])));
    const since = Date.now() - CHANGE_NOTE_WINDOW_MS;
    const tasks = [...replay(taskEvents).tasks.values()]
      .filter((t) => t.state === 'done' && (t.times.finished ?? 0) >= since && !reported.has(t.id));
    if (tasks.length === 0) return;
    const panes = selectWorkers(await this.deps.adapter.listPanes(), { ownPane: this.deps.adapter.ownPane });
    for (const task of tasks) {
      const pane = panes.find((p) => workerName(p) === task.worker);
      const changes = pane ? await changedFiles(pane.currentPath) : undefined;
      await this.deps.board.post({ author: task.worker, text: changeNoteText(task, changes), to: [], topic: 'changes', task: task.id });
    }
  }
}

/** Why a worker does not get its `now` notes this round, or undefined when it does. */
function whyNotNow(worker: ObservedWorker | undefined): string | undefined {
  if (!worker) return 'it is gone';
  if (!isAgentKind(worker.seen.kind)) return `it runs ${worker.pane.currentCommand || 'a plain program'}, not an agent: notes are never typed into it`;
  const state = worker.seen.decision.state;
  if (state !== 'idle') return `it is ${state}: the notes wait for its next task, or until it is idle`;
  return undefined;
}
