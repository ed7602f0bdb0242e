import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { findWorker } from '../workers/findWorker.js';
import { createWorker, type NewWorker, type NewWorkerRequest } from './createWorker.js';
import type { Dispatcher } from './dispatcher.js';
import type { SendOutcome } from './checkedSend.js';

/**
 * Create a worker and, when given, send its first task once the agent is
 * ready for input (the `new` verb and the MCP `create_worker` tool).
 */
export async function startWorker(
  deps: { server: TmuxServerSelection; adapter: TmuxAdapter; dispatcher: Dispatcher },
  request: NewWorkerRequest,
  task: string | undefined,
  timeoutMs: number,
): Promise<{ worker: NewWorker; task?: SendOutcome }> {
  const worker = await createWorker(deps.server, deps.adapter, request);
  if (!task) return { worker };
  const { pane } = await findWorker(deps.adapter, worker.paneId);
  await deps.dispatcher.waitUntilIdle(pane, timeoutMs);
  const outcome = await deps.dispatcher.send(pane, task, { whenIdle: true, timeoutMs });
  return { worker, task: outcome };
}
