/**
 * Queueing a task from outside the engine (`task add`, the MCP `add_task`,
 * the dashboard's task form): its worker must be there and alive, named as
 * `ls` names it, and the task is bound to this life of the server.
 */
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { NoServerError } from '../tmux/tmuxErrors.js';
import { selectWorkers, workerName } from '../workers/selectWorkers.js';
import { resolveWorker, UnknownWorkerError } from '../workers/resolveWorker.js';
import { readServerLife } from './serverLife.js';
import { TaskError, type AddedTask, type NewTask, type TaskQueue } from './taskQueue.js';
import type { ServerLife } from './taskTypes.js';

/**
 * The name of the live worker `spec` means (a name, `%3`, `session:w.p`),
 * or a TaskError saying why no task can go to it. A worker that a team file
 * is about to create is not checked here: `up` creates its workers first,
 * then queues their tasks.
 */
export async function liveWorker(adapter: TmuxAdapter, spec: string): Promise<{ pane: PaneInfo; name: string }> {
  const panes = await adapter.listPanes().catch((error: unknown) => {
    if (error instanceof NoServerError) throw new TaskError(`${error.message.replace(/\.$/, '')}, so there is no worker ${spec} to give a task to.`);
    throw error;
  });
  let pane;
  try {
    pane = resolveWorker(selectWorkers(panes, { ownPane: adapter.ownPane }), spec);
  } catch (error) {
    if (!(error instanceof UnknownWorkerError)) throw error;
    // "Session x holds 2 panes; name one: ..." says what to do already.
    if (!/^No worker/.test(error.message)) throw new TaskError(error.message);
    throw new TaskError(`${error.message.replace(/\.$/, '')}; create it first (orch-tui new ${spec}), then queue its tasks.`);
  }
  const name = workerName(pane);
  if (pane.dead) {
    const status = pane.deadStatus === undefined ? '' : ` with status ${pane.deadStatus}`;
    throw new TaskError(`Worker ${name} (${pane.paneId}) has exited${status}; a task for it would wait for ever.`);
  }
  return { pane, name };
}

/**
 * Check the worker (and what `refuse` says of it: an agent's dispatcher
 * refuses panes agents may not type into), then queue on this server's life.
 */
export async function addTaskFor(
  adapter: TmuxAdapter,
  queue: TaskQueue,
  input: NewTask,
  refuse?: (pane: PaneInfo, name: string) => Promise<string | undefined>,
): Promise<AddedTask & { worker: string }> {
  const { pane, name } = await liveWorker(adapter, input.worker);
  const refused = await refuse?.(pane, name);
  if (refused) throw new TaskError(refused);
  const server = await readServerLife(adapter);
  return { ...(await queue.add({ ...input, worker: name, ...(server ? { server } : {}) })), worker: name };
}

/** Run a finished task again, on this server's life, if its worker is alive. */
export async function retryTaskFor(adapter: TmuxAdapter, queue: TaskQueue, id: string): Promise<{ state: string; server?: ServerLife }> {
  const task = (await queue.list()).tasks.find((t) => t.id === id);
  if (task) await liveWorker(adapter, task.worker);
  const server = await readServerLife(adapter);
  return queue.retry(id, server);
}
