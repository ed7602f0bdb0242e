import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { selectWorkers, workerName } from './selectWorkers.js';
import { resolveWorker } from './resolveWorker.js';

/** Discovery plus WORKER resolution, for the verbs: one `list-panes`. */
export async function findWorker(adapter: TmuxAdapter, spec: string): Promise<{ pane: PaneInfo; name: string }> {
  const workers = selectWorkers(await adapter.listPanes(), { ownPane: adapter.ownPane });
  const pane = resolveWorker(workers, spec);
  return { pane, name: workerName(pane) };
}
