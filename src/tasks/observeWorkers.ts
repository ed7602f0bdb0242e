import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { selectWorkers, workerName } from '../workers/selectWorkers.js';
import { paneState, readStateSources, type PaneState, type StateSources } from '../agents/stateSources.js';
import { trimCapture } from '../feed/capturePlan.js';

export interface ObservedWorker {
  name: string;
  pane: PaneInfo;
  lines: string[];
  seen: PaneState;
}

/** The named workers as they are now: one list-panes, one /proc walk, a capture each. */
export async function observeWorkers(
  adapter: TmuxAdapter,
  names: ReadonlySet<string>,
  readSources: () => Promise<StateSources> = readStateSources,
): Promise<Map<string, ObservedWorker>> {
  const workers = selectWorkers(await adapter.listPanes(), { ownPane: adapter.ownPane }).filter((p) => names.has(workerName(p)));
  if (workers.length === 0) return new Map();
  const sources = await readSources();
  const observed = await Promise.all(
    workers.map(async (pane) => {
      const lines = trimCapture(await adapter.run(['capture-pane', '-p', '-J', '-t', pane.paneId]).catch(() => []));
      const seen = await paneState(pane, lines, sources, { override: pane.agentOverride || undefined });
      return { name: workerName(pane), pane, lines, seen };
    }),
  );
  return new Map(observed.map((w) => [w.name, w]));
}
