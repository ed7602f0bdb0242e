import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { isManaged } from '../workers/agentBoundary.js';

/**
 * The adapter as an agent's tools see the server: only managed panes (made
 * by orch-tui or adopted by a person) are listed, so every lookup by name or
 * pane id, every list and every report leaves the others out, and a name
 * that exists but is not managed gets the same "no such worker" as one that
 * does not exist (saying more would leak it).
 */
export function managedOnly(adapter: TmuxAdapter): TmuxAdapter {
  return { ...adapter, listPanes: async () => (await adapter.listPanes()).filter(isManaged) };
}
