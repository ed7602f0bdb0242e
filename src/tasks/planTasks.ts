import type { AgentStateName } from '../state/agentState.js';
import { describeServerLife, sameServerLife } from './serverLife.js';
import type { ServerLife, Task } from './taskTypes.js';

/** What the dispatcher knows of a worker this tick. */
export interface WorkerView {
  name: string;
  paneId: string;
  state: AgentStateName;
  reason?: string;
}

export type TaskAction =
  | { kind: 'send'; task: Task }
  | { kind: 'fail'; id: string; reason: string }
  /** Due (every task in its `after` is done) but not sent now, and why. */
  | { kind: 'hold'; id: string; reason: string };

const READY: ReadonlySet<AgentStateName> = new Set(['idle', 'unknown']);

/**
 * The dispatch decision, pure: a queued task goes out when every task in its
 * `after` is done, its worker exists and is idle, and that worker has no
 * other task in flight; tasks to different workers go out together. A task
 * whose dependency failed or was cancelled fails too, saying which; so does
 * a task queued on another life of the server, or whose worker is gone.
 */
export function planTasks(
  tasks: ReadonlyMap<string, Task>,
  workers: ReadonlyMap<string, WorkerView>,
  pending: ReadonlySet<string>,
  server?: ServerLife,
): TaskAction[] {
  const actions: TaskAction[] = [];
  const busy = new Map<string, string>();
  for (const task of tasks.values()) if (task.state === 'sent' || pending.has(task.id)) busy.set(task.worker, task.id);
  for (const task of tasks.values()) {
    if (task.state !== 'queued' || pending.has(task.id)) continue;
    if (server && task.server && !sameServerLife(task.server, server)) {
      actions.push({ kind: 'fail', id: task.id, reason: otherServer(task, task.server) });
      continue;
    }
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
    if (!worker) actions.push({ kind: 'fail', id: task.id, reason: `its worker ${task.worker} is gone` });
    else if (worker.state === 'exited') actions.push({ kind: 'fail', id: task.id, reason: `${task.worker} has exited${worker.reason ? ` (${worker.reason})` : ''}` });
    else if (busy.has(task.worker)) actions.push({ kind: 'hold', id: task.id, reason: `${task.worker} is still on task ${busy.get(task.worker)}` });
    else if (!READY.has(worker.state)) actions.push({ kind: 'hold', id: task.id, reason: `${task.worker} is ${worker.state}${worker.reason ? ` (${worker.reason})` : ''}` });
    else {
      busy.set(task.worker, task.id);
      actions.push({ kind: 'send', task });
    }
  }
  return actions;
}

/** Why a task of a server that is gone is never sent. */
export function otherServer(task: Task, life: ServerLife): string {
  return `it was queued on another tmux server (${describeServerLife(life)}), which is gone; orch-tui task retry ${task.id} queues it on this one`;
}

/** Tasks not yet done that wait on others: "waiting for api, ui". */
export function waitingOn(task: Task, tasks: ReadonlyMap<string, Task>): string[] {
  return task.after.filter((id) => tasks.get(id)?.state !== 'done');
}
