import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { SELF_OPTION, WORKER_OPTION, selfTagFor, type SelfRole } from './agentBoundary.js';

/**
 * Mark the pane this orch-tui process runs in (when it runs inside the
 * server it watches) so that every orch-tui process leaves it out: nobody
 * types into a dashboard, a dispatcher or an orchestrator's pane by way of
 * orch-tui. Returns the unmark, which removes the mark only if it is still
 * this process's own.
 */
export async function markOwnPane(adapter: TmuxAdapter, role: SelfRole): Promise<() => Promise<void>> {
  const pane = adapter.ownPane;
  if (!pane) return async () => undefined;
  const tag = selfTagFor(role);
  const marked = await adapter.run(['set-option', '-p', '-t', pane, SELF_OPTION, tag]).then(() => true, () => false);
  if (!marked) return async () => undefined;
  return async () => {
    const [current] = await adapter.run(['display-message', '-p', '-t', pane, `#{${SELF_OPTION}}`]).catch(() => ['']);
    if (current === tag) await adapter.run(['set-option', '-p', '-u', '-t', pane, SELF_OPTION]).catch(() => undefined);
  };
}

/** Whether the pane this process runs in is a managed worker (its MCP server is then a worker's). */
export async function ownPaneIsManaged(adapter: TmuxAdapter): Promise<boolean> {
  const pane = adapter.ownPane;
  if (!pane) return false;
  const [tag] = await adapter.run(['display-message', '-p', '-t', pane, `#{${WORKER_OPTION}}`]).catch(() => ['']);
  return (tag ?? '') !== '';
}
