import { paneSignature, type PaneInfo } from '../tmux/paneFormat.js';
import type { CaptureRequest, TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { TmuxError } from '../tmux/tmuxErrors.js';
import { selectWorkers, type WorkerFilter } from '../workers/selectWorkers.js';
import type { WorkerSnapshot } from '../store/workerSnapshot.js';
import { planCaptures, trimCapture, type CapturePlanOptions, type PaneMemory } from './capturePlan.js';

export type { WorkerSnapshot };

export interface PollOptions extends Omit<CapturePlanOptions, 'now'>, WorkerFilter {}

export const DEFAULT_POLL: Omit<PollOptions, 'ownPane'> = {
  gridHistory: 20,
  zoomHistory: 2000,
  recentActivityMs: 2000,
};

/**
 * Discovery plus changed-pane capture: one `list-panes`, then one
 * `capture-pane` per pane whose screen may have changed. `memory` is updated
 * in place so the next tick captures only what changed since this one.
 */
export async function pollWorkers(
  adapter: TmuxAdapter,
  memory: Map<string, PaneMemory>,
  options: PollOptions,
): Promise<WorkerSnapshot> {
  const now = Date.now();
  const panes = selectWorkers(await adapter.listPanes(), options);
  const byId = new Map(panes.map((p) => [p.paneId, p]));
  const requests = planCaptures(panes, memory, { ...options, now });
  const { captures, paneErrors } = await capturePanesInto(adapter, requests, byId, memory);
  for (const id of memory.keys()) if (!byId.has(id)) memory.delete(id);
  return { at: now, panes, captures, paneErrors };
}

/**
 * Capture the requested panes; remember each captured pane's signature in
 * `memory`. A pane that fails gives a sentence in `paneErrors`, not an
 * exception: one bad pane never spoils the rest.
 */
export async function capturePanesInto(
  adapter: TmuxAdapter,
  requests: readonly CaptureRequest[],
  byId: ReadonlyMap<string, PaneInfo>,
  memory: Map<string, PaneMemory>,
): Promise<Pick<WorkerSnapshot, 'captures' | 'paneErrors'>> {
  const results = requests.length > 0 ? await adapter.capturePanes(requests) : new Map();
  const captures = new Map<string, string[]>();
  const paneErrors = new Map<string, string>();
  for (const request of requests) {
    const result = results.get(request.paneId);
    if (result instanceof TmuxError || result === undefined) {
      paneErrors.set(request.paneId, result?.message ?? 'no capture');
      continue;
    }
    captures.set(request.paneId, trimCapture(result));
    const pane = byId.get(request.paneId);
    if (pane) memory.set(request.paneId, { signature: paneSignature(pane), historyLines: request.historyLines });
  }
  return { captures, paneErrors };
}
