import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { AgentStateName } from '../state/agentState.js';
import { findWorker } from '../workers/findWorker.js';
import { cachedStateSources } from '../agents/stateSources.js';
import { observePane } from './observePane.js';

export const STATE_NAMES: readonly AgentStateName[] = ['starting', 'working', 'idle', 'waiting', 'compacting', 'error', 'exited', 'unknown'];

export interface WaitResult {
  worker: string;
  id: string;
  state: AgentStateName;
  reason: string;
  /** True when the time ran out before the worker reached a wanted state. */
  timedOut: boolean;
}

export class WorkerExitedError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Look at a worker every `intervalMs` until it is in one of `wanted` or
 * `timeoutMs` runs out. A worker that exits (when exiting is not wanted) is
 * an error at once: it will never get there.
 */
export async function waitForState(
  adapter: TmuxAdapter,
  spec: string,
  wanted: readonly AgentStateName[],
  options: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal; onTick?: (elapsedMs: number) => void },
): Promise<WaitResult> {
  const { pane, name } = await findWorker(adapter, spec);
  const started = Date.now();
  const sources = cachedStateSources();
  for (;;) {
    const seen = await observePane(adapter, pane.paneId, sources);
    const { state, reason } = seen.decision;
    const result = { worker: name, id: pane.paneId, state, reason };
    if (wanted.includes(state)) return { ...result, timedOut: false };
    if (state === 'exited') {
      throw new WorkerExitedError(`${name} has exited (${reason}) and will never be ${wanted.join(' or ')}.`);
    }
    if (Date.now() - started >= options.timeoutMs || options.signal?.aborted) return { ...result, timedOut: true };
    options.onTick?.(Date.now() - started);
    await sleep(options.intervalMs ?? 200);
  }
}
