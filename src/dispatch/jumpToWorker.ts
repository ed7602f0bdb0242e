import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { serverArgs } from '../tmux/tmuxServer.js';

export type JumpResult =
  | { kind: 'switched'; comeBack: string }
  /** orch-tui is not inside tmux: the command that attaches to the worker. */
  | { kind: 'attach-later'; command: string };

/**
 * Put the user's terminal on the worker: inside tmux, switch the client that
 * shows orch-tui (never the control client) to the worker's pane; outside,
 * hand back the command that attaches to it.
 */
export async function jumpToWorker(adapter: TmuxAdapter, pane: PaneInfo): Promise<JumpResult> {
  if (!adapter.ownPane) {
    return { kind: 'attach-later', command: ['tmux', ...serverArgs(adapter.server), 'attach-session', '-t', pane.sessionId].join(' ') };
  }
  const [own] = await adapter.run(['display-message', '-p', '-t', adapter.ownPane, '#{session_id}\u001f#{session_name}']);
  const [ownId, ownName] = (own ?? '').split('\u001f');
  const clients = await adapter.run(['list-clients', '-F', '#{client_tty}\u001f#{client_control_mode}\u001f#{session_id}']);
  const mine = clients.map((c) => c.split('\u001f')).find(([, control, session]) => control === '0' && session === ownId);
  if (!mine?.[0]) throw new Error("No terminal is attached to orch-tui's session to switch.");
  await adapter.run(['select-window', '-t', pane.paneId]);
  await adapter.run(['select-pane', '-t', pane.paneId]);
  await adapter.run(['switch-client', '-c', mine[0], '-t', pane.paneId]);
  return { kind: 'switched', comeBack: `prefix + L or: tmux switch-client -t '${ownName}'` };
}
