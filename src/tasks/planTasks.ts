import type { AgentStateName } from '../state/agentState.js';
import type { Task } from './taskTypes.js';

/** What the dispatcher knows of a worker this tick. */
export interface WorkerView {
  name: string;
  paneId: string;
  state: AgentStateName;
}

export type TaskAction =
  | { kind: 'send'; task: Task }
  | { kind: 'fail'; id: string; reason: string };

const READY: ReadonlySet<AgentStateName> = new Set(['idle', 'unknown']);

/**
 * The dispatch decision, pure: a queued task goes out when every task in its
 * `after` is done, its worker exists and is idle, and that worker has no
 * other task in flight. A task whose dependency failed or was cancelled
 * fails too, saying which.
 */
export function planTasks(tasks: ReadonlyMap<string, Task>, workers: ReadonlyMap<string, WorkerView>, pending: ReadonlySet<string>): TaskAction[] {
  const actions: TaskAction[] = [];
  const busy = new Set<string>();
  for (const task of tasks.values()) if (task.state === 'sent' || pending.has(task.id)) busy.add(task.worker);
  for (const task of tasks.values()) {
    if (task.state !== 'queued' || pending.has(task.id)) continue;
    const deps = task.after.map((id) => ({ id, dep: tasks.get(id) }));
    const missing = deps.find((d) => !d.dep);
    if (missing) {
      actions.push({ kind: 'fail', id: task.id, reason: `it depends on ${missing.id}, which does not exist` });
      continue;
    }
    const broken = deps.find((d) => d.dep!.state === 'failed' || d.dep!.state === 'cancelled');
    if (broken) {
      actions.push({ kind: 'fail', id: task.id, reason: `${broken.id} ${broken.dep!.state === 'failed' ? 'failed' : 'was cancelled'}` });
      continue;
    }
    if (!deps.every((d) => d.dep!.state === 'done')) continue;
    const worker = workers.get(task.worker);
    if (!worker || !READY.has(worker.state) || busy.has(task.worker)) continue;
    busy.add(task.worker);
    actions.push({ kind: 'send', task });
  }
  return actions;
}

/** Tasks not yet done that wait on others: "waiting for api, ui". */
export function waitingOn(task: Task, tasks: ReadonlyMap<string, Task>): string[] {
  return task.after.filter((id) => tasks.get(id)?.state !== 'done');
}
