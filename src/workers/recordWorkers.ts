import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { agentOfProcess, descendants, readProcessTree, type ProcessTree } from '../state/processTree.js';
import { claudeSessionOf } from '../agents/stateSources.js';
import { loadWorkerRecord, loadWorkerRecords, removeWorkerRecord, saveWorkerRecord, updateWorkerRecord, type WorkerRecord } from '../reports/workerRecord.js';
import { reportDirOfArgs } from '../reports/reportPaths.js';
import { readServerLife, sameServerLife } from '../tasks/serverLife.js';
import type { ServerLife } from '../tasks/taskTypes.js';
import { ADOPTED, TEAM_OPTION } from './agentBoundary.js';
import { workerName } from './selectWorkers.js';

/** The command line that runs in a pane: the agent in it (Claude started from a shell), else the pane's own process. */
function paneArgv(pane: PaneInfo, tree: ProcessTree): string[] {
  for (const pid of [pane.panePid, ...descendants(tree, pane.panePid)]) {
    const p = tree.get(pid);
    if (p && agentOfProcess(p) !== undefined && p.args.length > 0) return p.args;
  }
  const own = tree.get(pane.panePid)?.args;
  return own && own.length > 0 ? own : [pane.currentCommand || 'sh'];
}

/** What a record says of a live pane now: its name, place and Claude's conversation. */
async function recordOfPane(pane: PaneInfo, tree: ProcessTree, life: ServerLife | undefined, before?: WorkerRecord): Promise<WorkerRecord> {
  const argv = before?.argv ?? paneArgv(pane, tree);
  const sessionId = (await claudeSessionOf(pane, tree))?.file.sessionId ?? before?.claudeSessionId;
  const reportDir = before?.reportDir ?? reportDirOfArgs(argv);
  return {
    ...before,
    name: workerName(pane), paneId: pane.paneId, session: pane.sessionName,
    window: { name: pane.windowName, index: pane.windowIndex },
    cwd: before?.cwd ?? pane.currentPath, argv,
    managed: before?.managed ?? (pane.workerTag === ADOPTED ? 'adopted' : 'created'),
    acceptsCommands: pane.commandsTag === '1',
    ...(sessionId ? { claudeSessionId: sessionId } : {}),
    ...(reportDir ? { reportDir } : {}),
    ...(life ? { server: life } : {}),
    createdAt: before?.createdAt ?? Date.now(),
  };
}

/** A person adopted a pane: keep its record (what runs in it, where, and Claude's conversation id). */
export async function recordAdoptedPane(adapter: TmuxAdapter, pane: PaneInfo): Promise<void> {
  const [tree, life, team] = await Promise.all([
    readProcessTree(), readServerLife(adapter),
    adapter.run(['show-options', '-p', '-v', '-t', pane.paneId, TEAM_OPTION]).then((l) => l[0] ?? '', () => ''),
  ]);
  // A worker orch-tui made keeps what its record says of how it was started.
  const known = await loadWorkerRecord(adapter.server, workerName(pane));
  const before = known?.paneId === pane.paneId ? known : undefined;
  const record = await recordOfPane(pane, tree, life, before);
  await saveWorkerRecord(adapter.server, { ...record, acceptsCommands: pane.commandsTag === '1', ...(team ? { team } : {}) });
}

/** A person released a pane: orch-tui no longer manages it, and keeps no record of it. */
export async function forgetReleasedPane(server: TmuxServerSelection, pane: PaneInfo): Promise<void> {
  await removeWorkerRecord(server, workerName(pane));
}

/** Fields whose change is worth a write. */
const same = (a: WorkerRecord, b: WorkerRecord) =>
  a.name === b.name && a.paneId === b.paneId && a.claudeSessionId === b.claudeSessionId && a.session === b.session &&
  a.window?.name === b.window?.name && a.window?.index === b.window?.index && a.acceptsCommands === b.acceptsCommands;

/**
 * Bring the records of the workers running on this server life up to date
 * with what tmux and Claude say now: a session renamed (the record follows
 * the name), a Claude whose conversation id changed (`/clear` starts a new
 * one; a `--continue` names its own), a worker killed without orch-tui
 * (its record goes: it is not to be restored). A managed pane with no
 * record (adopted or created by an older orch-tui) gets one. Records of
 * other server lives are left for `restore`. Never throws.
 */
export async function syncWorkerRecords(
  adapter: TmuxAdapter,
  options: { panes?: readonly PaneInfo[]; tree?: ProcessTree; life?: ServerLife } = {},
): Promise<void> {
  try {
    const listedAt = Date.now();
    const life = options.life ?? (await readServerLife(adapter));
    if (!life) return;
    const panes = options.panes ?? (await adapter.listPanes());
    const tree = options.tree ?? (await readProcessTree());
    const { records } = await loadWorkerRecords(adapter.server);
    const known = new Set<string>();
    for (const record of records) {
      if (!record.server || !sameServerLife(record.server, life)) continue;
      const pane = panes.find((p) => p.paneId === record.paneId);
      if (!pane) {
        // Gone from its own server: killed outside orch-tui. A record written after the listing is of a new worker.
        if ((record.updatedAt ?? record.createdAt) < listedAt - 1000) await removeWorkerRecord(adapter.server, record.name);
        continue;
      }
      known.add(pane.paneId);
      const now = await recordOfPane(pane, tree, life, record);
      if (!same(now, record)) await updateWorkerRecord(adapter.server, record.name, () => now);
    }
    const named = new Set(records.map((r) => r.name));
    for (const pane of panes) {
      if (pane.workerTag === '' || known.has(pane.paneId) || named.has(workerName(pane))) continue;
      await saveWorkerRecord(adapter.server, await recordOfPane(pane, tree, life));
    }
  } catch {
    // Keeping records must never stop a dispatcher.
  }
}
