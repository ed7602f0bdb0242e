import path from 'node:path';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { serverKey, stateDir } from '../stateDir.js';
import { TaskJournal } from './taskJournal.js';
import { nextTaskId, replay } from './replayTasks.js';
import type { Task } from './taskTypes.js';

export class TaskError extends Error {}

/** The per-server directory holding the journal and the dispatcher lock. */
export function serverStateDir(server: TmuxServerSelection, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(stateDir(env), serverKey(server, env));
}

export function journalFor(server: TmuxServerSelection, env: NodeJS.ProcessEnv = process.env): TaskJournal {
  return new TaskJournal(path.join(serverStateDir(server, env), 'tasks.jsonl'));
}

/** The task verbs' view of the journal: read it whole, append one event. */
export class TaskQueue {
  constructor(readonly journal: TaskJournal) {}

  async list(): Promise<{ tasks: Task[]; corrupt: Array<{ line: number; text: string }> }> {
    const read = await this.journal.read();
    return { tasks: [...replay(read.events).tasks.values()], corrupt: read.corrupt };
  }

  async add(input: { id?: string; worker: string; text: string; after: string[]; team?: string; by?: 'agent'; title?: string }): Promise<{ id: string; added: boolean }> {
    if (!input.worker) throw new TaskError('A task needs a worker.');
    if (input.text.trim() === '') throw new TaskError('A task needs some text.');
    const book = replay((await this.journal.read()).events);
    if (input.id && book.tasks.has(input.id)) return { id: input.id, added: false };
    const unknown = input.after.filter((id) => !book.tasks.has(id));
    if (unknown.length) throw new TaskError(`No task ${unknown.join(', ')} to wait for (see orch-tui task ls).`);
    const id = input.id ?? nextTaskId(book.tasks);
    await this.journal.append({
      type: 'add', at: Date.now(), id, worker: input.worker, text: input.text, after: input.after,
      ...(input.team ? { team: input.team } : {}),
      ...(input.by ? { by: input.by } : {}),
      ...(input.title?.trim() ? { title: input.title.trim() } : {}),
    });
    return { id, added: true };
  }

  async cancel(id: string): Promise<Task> {
    const task = await this.get(id);
    if (task.state === 'done' || task.state === 'cancelled') throw new TaskError(`Task ${id} is already ${task.state}.`);
    await this.journal.append({ type: 'cancel', at: Date.now(), id });
    return { ...task, state: 'cancelled' };
  }

  async retry(id: string): Promise<Task> {
    const task = await this.get(id);
    if (task.state !== 'failed' && task.state !== 'cancelled') {
      throw new TaskError(`Task ${id} is ${task.state}; only a failed or cancelled task can be retried.`);
    }
    await this.journal.append({ type: 'retry', at: Date.now(), id });
    return { ...task, state: 'queued' };
  }

  private async get(id: string): Promise<Task> {
    const task = replay((await this.journal.read()).events).tasks.get(id);
    if (!task) throw new TaskError(`No task ${id} (see orch-tui task ls).`);
    return task;
  }
}
