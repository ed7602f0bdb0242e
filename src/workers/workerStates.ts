import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { selectWorkers, workerName } from './selectWorkers.js';
import { acceptsCommands, isManaged } from './agentBoundary.js';
import { paneState, readStateSources, type PaneState } from '../agents/stateSources.js';
import { paneCommand, paneDirectory } from './paneLabels.js';
import { trimCapture } from '../feed/capturePlan.js';

/** One worker as seen now: its pane, its screen and its decided state. */
export interface SeenWorker {
  pane: PaneInfo;
  lines: string[];
  seen: PaneState;
}

/**
 * Every worker of the server (or those whose session matches the glob), each
 * with its screen and state: one list-panes, one /proc walk, a capture each.
 * What `ls`, `status` and the MCP tools all look at.
 */
export async function observeAllWorkers(adapter: TmuxAdapter, sessionGlob?: string): Promise<SeenWorker[]> {
  const [panes, sources] = await Promise.all([adapter.listPanes(), readStateSources()]);
  const workers = selectWorkers(panes, { ownPane: adapter.ownPane, sessionGlob });
  return Promise.all(
    workers.map(async (pane) => {
      const lines = trimCapture(await adapter.run(['capture-pane', '-p', '-J', '-t', pane.paneId]).catch(() => []));
      return { pane, lines, seen: await paneState(pane, lines, sources, { override: pane.agentOverride || undefined }) };
    }),
  );
}

/** The JSON shape of one worker in `ls --json` (and the MCP `list_workers` tool). */
export function workerJson(p: PaneInfo, seen?: PaneState) {
  const d = seen?.decision;
  // Since when: the hook event's time, or Claude's own status time when it decided, else the pane's last activity.
  const since = d?.since ?? (d?.source === 'session-file' && seen?.session?.file.statusUpdatedAt
    ? seen.session.file.statusUpdatedAt
    : p.windowActivity * 1000);
  return {
    id: p.paneId,
    name: workerName(p),
    session: p.sessionName,
    window: p.windowIndex,
    pane: p.paneIndex,
    command: paneCommand(p),
    cwd: paneDirectory(p),
    title: p.title,
    dead: p.dead,
    deadStatus: p.deadStatus ?? null,
    managed: isManaged(p),
    acceptsCommands: acceptsCommands(p),
    lastActivity: new Date(p.windowActivity * 1000).toISOString(),
    state: d?.state ?? 'unknown',
    agent: seen?.kind ?? 'unknown',
    since: new Date(since).toISOString(),
    reason: d?.reason ?? '',
    evidence: d?.evidence ?? '',
    source: d?.source ?? '',
    ...(d?.prompt ? { prompt: d.prompt } : {}),
    // How full its context is and what it cost, where Claude said so (see src/reports).
    ...(seen?.report?.context ? { context: seen.report.context } : {}),
    ...(seen?.report?.costUsd !== undefined ? { cost_usd: seen.report.costUsd } : {}),
  };
}

export type WorkerJson = ReturnType<typeof workerJson>;
