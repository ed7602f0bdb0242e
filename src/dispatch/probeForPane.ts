import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import type { WorkerProbe } from './workerProbe.js';
import { screenProbe } from './screenProbe.js';
import { claudeProbe } from './claudeProbe.js';
import { observePane } from './observePane.js';

/** The probe that fits the program running in the pane. */
export async function probeForPane(adapter: TmuxAdapter, pane: PaneInfo): Promise<WorkerProbe> {
  const { kind } = await observePane(adapter, pane.paneId);
  if (kind === 'claude') return claudeProbe(adapter, pane.paneId);
  return screenProbe(adapter, pane.paneId, async () => {
    const { decision } = await observePane(adapter, pane.paneId);
    return { state: decision.state, reason: decision.reason };
  });
}
