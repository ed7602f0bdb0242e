import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { ADOPTED, COMMANDS_OPTION, WORKER_OPTION, isManaged } from './agentBoundary.js';

export interface ManagedMark {
  paneId: string;
  managed: boolean;
  acceptsCommands: boolean;
}

/**
 * A person adopts a pane: from now on an orchestrating agent sees it, reads
 * it and may send it tasks (and, with `acceptsCommands`, text even when it
 * runs a plain program such as a shell). A pane orch-tui created keeps its
 * `1`; adopting it again only changes the commands mark.
 */
export async function adoptPane(adapter: TmuxAdapter, pane: PaneInfo, acceptsCommands: boolean): Promise<ManagedMark> {
  if (!isManaged(pane)) await adapter.run(['set-option', '-p', '-t', pane.paneId, WORKER_OPTION, ADOPTED]);
  if (acceptsCommands) await adapter.run(['set-option', '-p', '-t', pane.paneId, COMMANDS_OPTION, '1']);
  else await adapter.run(['set-option', '-p', '-u', '-t', pane.paneId, COMMANDS_OPTION]);
  return { paneId: pane.paneId, managed: true, acceptsCommands };
}

/** A person releases a pane: agents no longer see it (created or adopted alike). */
export async function releasePane(adapter: TmuxAdapter, pane: PaneInfo): Promise<ManagedMark> {
  await adapter.run(['set-option', '-p', '-u', '-t', pane.paneId, WORKER_OPTION]);
  await adapter.run(['set-option', '-p', '-u', '-t', pane.paneId, COMMANDS_OPTION]);
  return { paneId: pane.paneId, managed: false, acceptsCommands: false };
}
