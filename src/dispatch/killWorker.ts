import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { forgetWorkers } from '../reports/workerRecord.js';

export class KillRefusedError extends Error {}

export interface KillPlan {
  /** `session` when the pane is its session's only pane, else `pane`. */
  scope: 'session' | 'pane';
  /** What the y/N question and the result name. */
  description: string;
  args: string[];
  /** The worker's name and session: its record is forgotten (a worker killed on purpose is not restored). */
  name: string;
  sessionName: string;
}

/** What killing this worker means, or why it must not be killed. */
export function planKill(pane: PaneInfo, name: string, ownPane: string | undefined): KillPlan {
  if (pane.paneId === ownPane) throw new KillRefusedError("That is orch-tui's own pane; it is never killed.");
  if (pane.controlTag !== '') throw new KillRefusedError('That is a session orch-tui uses for its command channel.');
  if ((pane.sessionPanes ?? 1) > 1) {
    return { scope: 'pane', description: `pane ${pane.paneId} (${name}) of session ${pane.sessionName}`, args: ['kill-pane', '-t', pane.paneId], name, sessionName: pane.sessionName };
  }
  return { scope: 'session', description: `session ${pane.sessionName} (${pane.paneId})`, args: ['kill-session', '-t', pane.sessionId], name, sessionName: pane.sessionName };
}

export async function killWorker(adapter: TmuxAdapter, plan: KillPlan): Promise<void> {
  await adapter.run(plan.args);
  await forgetWorkers(adapter.server, (r) => r.name === plan.name || (plan.scope === 'session' && (r.session ?? r.name) === plan.sessionName));
}
