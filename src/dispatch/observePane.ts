import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { TargetGoneError } from '../tmux/tmuxErrors.js';
import { parsePaneList, PANE_FORMAT } from '../tmux/paneFormat.js';
import { paneState, readStateSources, type PaneState } from '../feed/stateSources.js';

/** A fresh look at one pane: its tmux facts, screen, and decided state. */
export async function observePane(adapter: TmuxAdapter, paneId: string): Promise<PaneState & { pane: PaneInfo; lines: string[] }> {
  // `list-panes -t %N` lists the pane's whole window: pick the pane itself.
  const pane = parsePaneList(await adapter.run(['list-panes', '-t', paneId, '-F', PANE_FORMAT])).find((p) => p.paneId === paneId);
  if (!pane) throw new TargetGoneError(`Pane ${paneId} is gone.`, { command: 'tmux', args: ['list-panes', '-t', paneId] });
  const [lines, sources, override] = await Promise.all([
    adapter.run(['capture-pane', '-p', '-J', '-t', paneId]),
    readStateSources(),
    adapter.run(['show-options', '-p', '-v', '-q', '-t', paneId, '@orch_agent']).then((v) => v[0], () => undefined),
  ]);
  return { ...(await paneState(pane, lines, sources, { override: override || undefined })), pane, lines };
}
