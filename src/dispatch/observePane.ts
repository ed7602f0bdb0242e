import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { TargetGoneError } from '../tmux/tmuxErrors.js';
import { parsePaneList, PANE_FORMAT } from '../tmux/paneFormat.js';
import { paneState, readStateSources, type PaneState, type StateSources } from '../agents/stateSources.js';

/**
 * A fresh look at one pane: its tmux facts, screen, and decided state.
 * Callers that look again and again pass a cached process-table reader.
 */
export async function observePane(
  adapter: TmuxAdapter,
  paneId: string,
  sources: () => Promise<StateSources> = readStateSources,
): Promise<PaneState & { pane: PaneInfo; lines: string[] }> {
  // `list-panes -t %N` lists the pane's whole window: pick the pane itself.
  const pane = parsePaneList(await adapter.run(['list-panes', '-t', paneId, '-F', PANE_FORMAT])).find((p) => p.paneId === paneId);
  if (!pane) throw new TargetGoneError(`Pane ${paneId} is gone.`, { command: 'tmux', args: ['list-panes', '-t', paneId] });
  const [lines, read] = await Promise.all([adapter.run(['capture-pane', '-p', '-J', '-t', paneId]), sources()]);
  return { ...(await paneState(pane, lines, read, { override: pane.agentOverride || undefined })), pane, lines };
}
