import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createTmuxAdapter } from '../tmux/tmuxAdapter.js';
import { createDispatcher } from '../dispatch/dispatcher.js';
import { serverKey, stateDir } from '../stateDir.js';
import { journalFor, serverStateDir, TaskQueue } from '../tasks/taskQueue.js';
import type { GlobalOptions } from '../cli/globalOptions.js';
import { packageVersion } from '../cli/version.js';
import { startBackgroundDispatch } from './backgroundDispatch.js';
import { MCP_SERVER_NAME } from './toolCatalog.js';
import type { McpToolContext } from './toolContext.js';
import { registerWorkerReadTools } from './workerReadTools.js';
import { registerWorkerSendTools } from './workerSendTools.js';
import { registerWorkerLifeTools } from './workerLifeTools.js';
import { registerTaskTools } from './taskTools.js';
import { managedOnly } from './managedScope.js';
import { markOwnPane, ownPaneIsManaged } from '../workers/selfMark.js';
import { agentMayNotType, isManaged } from '../workers/agentBoundary.js';
import { workerName } from '../workers/selectWorkers.js';
import { notesBoardFor } from '../notes/notesBoard.js';
import { namesAnyOf, registerNoteTools } from './noteTools.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { ToolFailure } from './toolResult.js';
import { failInToolTerms } from './toolTerms.js';

const INSTRUCTIONS = `orch-tui runs AI coding agents ("workers") in tmux and hands you its verbs as tools.
Workers are named by their tmux session. list_workers shows who is working, idle or waiting for an answer.
Prefer add_task (with after and {{result:ID}}) and wait_for_tasks to sending and polling by hand: queued tasks are
sent exactly once, when their worker is idle and their dependencies are done. status_report gives the status report.
You see only the workers orch-tui created or the user adopted (orch-tui adopt); other panes do not exist for you.`;

const WORKER_INSTRUCTIONS = `You are a worker that orch-tui manages. This server offers you no tools that act on other
workers: the orchestrator and the user coordinate the team. You have two tools for the team's notes board:
post_note leaves a note (a decision, a port, an interface, "don't touch auth/") for other workers by name, for all,
or for the orchestrator and the user; read_notes shows the notes addressed to you.`;

export interface McpServerOptions {
  /** Programs the user allowed create_worker to start beyond the known agents (`mcp --allow-command`). */
  allowedCommands: readonly string[];
}

/**
 * The MCP server on the tmux server the global options pick. An
 * orchestrator's server (its pane is not a managed worker) offers every
 * tool, scoped to managed workers; a worker's server (its own pane is a
 * managed worker) offers nothing that acts on other workers: only the
 * notes board, as itself.
 */
export async function createOrchMcpServer(global: GlobalOptions, options: McpServerOptions, log: (message: string) => void = () => undefined) {
  // Process mode: each call a short tmux process, so a restarted tmux server is simply found again.
  const everyPane = createTmuxAdapter({ server: global.server, mode: 'process' });
  const role = (await ownPaneIsManaged(everyPane)) ? 'worker' : 'orchestrator';
  const mcp = new McpServer(
    { name: MCP_SERVER_NAME, version: packageVersion() },
    { instructions: role === 'worker' ? WORKER_INSTRUCTIONS : INSTRUCTIONS },
  );
  failInToolTerms(mcp);
  const notes = notesBoardFor(global.server);
  if (role === 'worker') {
    // The notes board and nothing else: it posts as its own pane's worker, reads what is addressed to it.
    registerNoteTools(mcp, { board: notes, adapter: managedOnly(everyPane), identity: { role: 'worker', ownName: () => ownWorkerName(everyPane) } });
    return { mcp, role, close: async () => { await mcp.close().catch(() => undefined); await everyPane.close().catch(() => undefined); } };
  }
  const unmark = await markOwnPane(everyPane, 'mcp');
  // Everything the tools do goes through this adapter: unmanaged panes do not exist for them.
  const adapter = managedOnly(everyPane);
  const dispatcher = createDispatcher({
    adapter, lockDir: path.join(stateDir(), 'locks', serverKey(global.server)),
    mayNotType: (pane, kind) => agentMayNotType(pane, kind, workerName(pane)),
  });
  const journal = journalFor(global.server);
  const dispatch = startBackgroundDispatch({
    adapter, dispatcher, journal, lockDir: serverStateDir(global.server), intervalMs: global.intervalMs, log, notes,
  });
  const shutdown = new AbortController();
  // Notes that name a pane agents may not see are left out, as the pane is.
  const unmanagedNames = async () => new Set((await everyPane.listPanes()).filter((p) => !isManaged(p)).map(workerName));
  const ctx: McpToolContext = {
    server: global.server, sessionGlob: global.sessionGlob, adapter, dispatcher,
    queue: new TaskQueue(journal), dispatch, shutdown: shutdown.signal, allowedCommands: options.allowedCommands,
    notes: async () => {
      const hidden = await unmanagedNames();
      return (await notes.load()).notes.filter((n) => !namesAnyOf(n, hidden));
    },
  };
  registerWorkerReadTools(mcp, ctx);
  registerWorkerSendTools(mcp, ctx);
  registerWorkerLifeTools(mcp, ctx);
  registerTaskTools(mcp, ctx);
  registerNoteTools(mcp, {
    board: notes, adapter,
    identity: {
      role: 'orchestrator', dispatcher, lockDir: serverStateDir(global.server),
      unmanagedNames,
    },
  });
  return {
    mcp,
    role,
    async close(): Promise<void> {
      shutdown.abort();
      await dispatch.stop();
      await mcp.close().catch(() => undefined);
      await unmark();
      await everyPane.close().catch(() => undefined);
    },
  };
}

/** The worker name of the pane this server runs in: who a worker's notes are from and for. */
async function ownWorkerName(adapter: TmuxAdapter): Promise<string> {
  const own = (await adapter.listPanes()).find((p) => p.paneId === adapter.ownPane);
  if (!own) throw new ToolFailure('This server cannot find its own pane, so it cannot tell which worker you are.');
  return workerName(own);
}

/**
 * `orch-tui mcp`: serve over stdin/stdout until the client goes away.
 * stdout is the protocol's wire: everything else goes to stderr.
 */
export async function runMcpStdio(global: GlobalOptions, options: McpServerOptions): Promise<void> {
  const log = (message: string) => process.stderr.write(`orch-tui mcp: ${message}\n`);
  const server = await createOrchMcpServer(global, options, log);
  const transport = new StdioServerTransport();
  await new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      server.close().then(resolve, reject);
    };
    transport.onclose = finish;
    process.stdin.once('end', finish);
    process.stdin.once('close', finish);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, finish);
    server.mcp.connect(transport).catch(reject);
  });
}
