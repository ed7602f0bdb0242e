import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { findWorker } from '../workers/findWorker.js';
import { acceptsCommands, isManaged } from '../workers/agentBoundary.js';
import { adoptPane, releasePane } from '../workers/manageWorker.js';

/**
 * The dashboard's `m` and `M`: a person hands a pane to the orchestrating
 * agent or takes it back. `m` adopts an unmanaged pane and releases a
 * managed one; `M` switches whether it takes text as commands (adopting it
 * when needed). Resolves to the sentence for the message line.
 */
export async function toggleManaged(adapter: TmuxAdapter, id: string, commands: boolean): Promise<string> {
  const { pane, name } = await findWorker(adapter, id);
  if (commands) {
    const on = !acceptsCommands(pane);
    await adoptPane(adapter, pane, on);
    return on
      ? `${name} is adopted and takes commands from an orchestrating agent (M again stops that).`
      : `${name} no longer takes commands from an agent; it stays adopted (m releases it).`;
  }
  if (isManaged(pane)) {
    await releasePane(adapter, pane);
    return `Released ${name}: orchestrating agents no longer see it.`;
  }
  await adoptPane(adapter, pane, false);
  return `Adopted ${name}: an orchestrating agent can now see it and send it tasks (M: also commands).`;
}
