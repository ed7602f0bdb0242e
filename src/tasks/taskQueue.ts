import path from 'node:path';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { serverKey, stateDir } from '../stateDir.js';
import { TaskJournal } from './taskJournal.js';
import { nextTaskId, replay, type TaskBook } from './replayTasks.js';
import { problemOfNewTask, waitsFor } from './checkNewTask.js';
import { sameServerLife } from './serverLife.js';
import type { ServerLife, Task, TaskState } from './taskTypes.js';

export class TaskError extends Error {}

/** The per-server directory holding the journal and the dispatcher lock. */
export function serverStateDir(server: TmuxServerSelection, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(stateDir(env), serverKey(server, env));
}

export function journalFor(server: TmuxServerSelection, env: NodeJS.ProcessEnv = process.env): TaskJournal {
  return new TaskJournal(path.join(serverStateDir(server, env), 'tasks.jsonl'));
}

export interface NewTask {
  id?: string;
  /** The worker's name (callers check it exists: see addTaskFor). */
  worker: string;
  text: string;
  after: string[];
  team?: string;
  /** `agent` when an orchestrating agent queues it (MCP). */
  by?: 'agent';
  /** The server it is queued on. */
  server?: ServerLife;
}

export interface AddedTask {
  id: string;
  /** False when a task with this id was already queued (on this server's life): nothing was added. */
  added: boolean;
  /** The state of the task that was already there, when nothing was added. */
  state?: TaskState;
  /** True when the id belonged to a task of a server that is gone: that task was replaced. */
  replaced?: boolean;
}

export interface ClearedTasks {
  removed: Task[];
  /** Finished tasks kept because a task still open waits for them. */
  kept: Array<{ task: Task; neededBy: string }>;
}

const FINISHED: ReadonlySet<TaskState> = new Set(['done', 'failed', 'cancelled']);

/** The task verbs' view of the journal: read it whole, append events. */
export class TaskQueue {
  constructor(readonly journal: TaskJournal) {}

  private async book(): Promise<TaskBook> {
    return replay((await this.journal.read()).events);
  }

  async list(): Promise<{ tasks: Task[]; corrupt: Array<{ line: number; text: string }> }> {
    const read = await this.journal.read();
    return { tasks: [...replay(read.events).tasks.values()], corrupt: read.corrupt };
  }

  /**
   * Queue a task. An id already queued adds nothing, unless that task
   * belongs to a server that is gone: then it is replaced (`up` after the
   * server restarted queues the team afresh).
   */
  async add(input: NewTask): Promise<AddedTask> {
    if (!input.worker) throw new TaskError('A task needs a worker.');
    if (input.text.trim() === '') throw new TaskError('A task needs some text.');
    const book = await this.book();
    const existing = input.id ? book.tasks.get(input.id) : undefined;
    const stale = existing?.server && input.server && !sameServerLife(existing.server, input.server);
    if (existing && !stale) return { id: existing.id, added: false, state: existing.state };
    if (existing) book.tasks.delete(existing.id);
    const problem = problemOfNewTask(input.text, input.after, book.tasks);
    if (problem) throw new TaskError(problem);
    const id = input.id ?? nextTaskId(book);
    if (existing) await this.journal.append({ type: 'remove', at: Date.now(), id });
    await this.journal.append({
      type: 'add', at: Date.now(), id, worker: input.worker, text: input.text, after: input.after,
      ...(input.team ? { team: input.team } : {}), ...(input.by ? { by: input.by } : {}), ...(input.server ? { server: input.server } : {}),
    });
    return { id, added: true, ...(existing ? { replaced: true } : {}) };
  }

  async cancel(id: string): Promise<Task> {
    const task = await this.get(id);
    if (task.state === 'done' || task.state === 'cancelled') throw new TaskError(`Task ${id} is already ${task.state}.`);
    await this.journal.append({ type: 'cancel', at: Date.now(), id });
    return { ...task, state: 'cancelled' };
  }

  /** Queue a finished task again (done, failed or cancelled), on the server given. */
  async retry(id: string, server?: ServerLife): Promise<Task> {
    const task = await this.get(id);
    if (!FINISHED.has(task.state)) {
      throw new TaskError(`Task ${id} is ${task.state}; only a done, failed or cancelled task can be run again.`);
    }
    await this.journal.append({ type: 'retry', at: Date.now(), id, ...(server ? { server } : {}) });
    return { ...task, state: 'queued' };
  }

  /**
   * Remove tasks from the queue. A task being worked on is not removed
   * (cancel it first), nor one that a task staying in the queue waits for.
   */
  async remove(ids: readonly string[]): Promise<Task[]> {
    const book = await this.book();
    const tasks = ids.map((id) => book.tasks.get(id) ?? missing(id));
    for (const task of tasks) {
      if (task.state === 'sent') throw new TaskError(`Task ${task.id} was sent to ${task.worker} and is being worked on; cancel it first (orch-tui task cancel ${task.id}).`);
      if (book.pending.has(task.id)) throw new TaskError(`Task ${task.id} is being sent to ${task.worker} right now; try again in a moment.`);
    }
    const leaving = new Set(ids);
    for (const other of book.tasks.values()) {
      // A sent task has its text already: only a queued one still needs what it waits for.
      if (leaving.has(other.id) || other.state !== 'queued') continue;
      const needed = other.after.find((dep) => leaving.has(dep));
      if (needed) throw new TaskError(`Task ${other.id} waits for ${needed}; remove ${other.id} too, or cancel it first.`);
    }
    for (const task of tasks) await this.journal.append({ type: 'remove', at: Date.now(), id: task.id });
    return tasks;
  }

  /**
   * Remove the finished tasks (done, failed, cancelled), or with `all` every
   * task not being worked on; a task that one staying in the queue waits
   * for (and whose result it may need) stays.
   */
  async clear(options: { all?: boolean } = {}): Promise<ClearedTasks> {
    const book = await this.book();
    const candidates = [...book.tasks.values()].filter((t) =>
      !book.pending.has(t.id) && (FINISHED.has(t.state) || (options.all === true && t.state === 'queued')));
    const leaving = new Set(candidates.map((t) => t.id));
    const neededBy = new Map<string, string>();
    for (const stays of book.tasks.values()) {
      if (leaving.has(stays.id) || stays.state !== 'queued') continue;
      for (const dep of waitsFor(stays.after, book.tasks)) if (!neededBy.has(dep)) neededBy.set(dep, stays.id);
    }
    const removed = candidates.filter((t) => !neededBy.has(t.id));
    for (const task of removed) await this.journal.append({ type: 'remove', at: Date.now(), id: task.id });
    return { removed, kept: candidates.filter((t) => neededBy.has(t.id)).map((task) => ({ task, neededBy: neededBy.get(task.id)! })) };
  }

  /**
   * Remove every task a team file queued (`down`: its workers are gone, so
   * `up` queues them afresh). With `dryRun`, only say which.
   */
  async removeTeam(file: string, options: { dryRun?: boolean } = {}): Promise<Task[]> {
    const tasks = [...(await this.book()).tasks.values()].filter((t) => t.team === file);
    if (!options.dryRun) for (const task of tasks) await this.journal.append({ type: 'remove', at: Date.now(), id: task.id });
    return tasks;
  }

  private async get(id: string): Promise<Task> {
    return (await this.book()).tasks.get(id) ?? missing(id);
  }
}

function missing(id: string): never {
  throw new TaskError(`No task ${id} (see orch-tui task ls).`);
}
