import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import type { WorkerProbe } from './workerProbe.js';
import { screenProbe } from './screenProbe.js';

/** The probe that fits the program running in the pane. */
export async function probeForPane(adapter: TmuxAdapter, pane: PaneInfo): Promise<WorkerProbe> {
  return screenProbe(adapter, pane.paneId, async () => {
    const [dead = '0', status = ''] = (await adapter.run(['display-message', '-p', '-t', pane.paneId, '#{pane_dead} #{pane_dead_status}']))[0]?.split(' ') ?? [];
    if (dead === '1') return { state: 'exited', reason: `exited with status ${status || '?'}` };
    return { state: 'unknown', reason: 'no state source yet' };
  });
}
