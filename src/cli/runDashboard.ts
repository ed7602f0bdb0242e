import { createTmuxAdapter } from '../tmux/tmuxAdapter.js';
import { runTmuxProcess } from '../tmux/tmuxProcess.js';
import { TmuxNotInstalledError } from '../tmux/tmuxErrors.js';
import path from 'node:path';
import { createOrchStore } from '../store/orchStore.js';
import { createDispatcher } from '../dispatch/dispatcher.js';
import { serverKey, stateDir } from '../stateDir.js';
import { journalFor, serverStateDir, TaskQueue } from '../tasks/taskQueue.js';
import { DispatcherSeat } from '../tasks/dispatcherLock.js';
import { TaskEngine } from '../tasks/taskEngine.js';
import { offerLine, workersToOffer } from '../restore/restoreOffer.js';
import { keyFor } from '../ui/keyTable.js';
import { pushNotice } from '../store/modalActions.js';
import { DEFAULT_ERROR_PATTERNS } from '../state/errorWatch.js';
import { enterAlternateScreen, forgetCiEnvironment } from './terminalScreen.js';
import type { GlobalOptions } from './globalOptions.js';
import { installFastInkOutput } from '../ui/inkFastOutput.js';
import { fixInkIncrementalRendering } from '../ui/inkIncrementalFix.js';
import { markOwnPane } from '../workers/selfMark.js';
import { endServerNow } from '../tmux/endServerNow.js';
import { CompositedBodies, inkStdout } from '../ui/compositedBodies.js';
import { notesBoardFor } from '../notes/notesBoard.js';
import { taskNotesFrom } from '../notes/noteDelivery.js';
import { NotesCourier } from '../notes/notesCourier.js';
import { RoundUnderWay } from '../roundUnderWay.js';
import { removePaths, removePathsNow } from '../removePaths.js';

export interface DashboardOptions extends GlobalOptions {
  /** Kill the whole tmux server on quit (the demo's own private server). */
  killServerOnQuit?: boolean;
  /** Files and directories to remove on quit, once the lock is released (what the demo made). */
  removeOnQuit?: string[];
}

export class DashboardUnavailableError extends Error {}

/** Run the full-screen dashboard until the user quits. */
export async function runDashboard(options: DashboardOptions): Promise<void> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new DashboardUnavailableError(
      'The dashboard needs a terminal; for scripts use `orch-tui ls --json` or `orch-tui capture`.',
    );
  }
  // Fail fast with one sentence if tmux is missing; other problems (no
  // server yet) are shown on screen while orch-tui keeps looking.
  await runTmuxProcess({}, ['-V']).catch((error: unknown) => {
    if (error instanceof TmuxNotInstalledError) throw error;
  });
  forgetCiEnvironment();
  const [{ render }, React, { App }] = await Promise.all([
    import('ink'),
    import('react'),
    import('../../components/App.js'),
  ]);
  const adapter = createTmuxAdapter({ server: options.server });
  // Every other orch-tui process leaves this pane out: no send, broadcast or tool reaches the dashboard.
  const unmark = await markOwnPane(adapter, 'dashboard');
  const store = createOrchStore({
    errorPatterns: [...DEFAULT_ERROR_PATTERNS, ...options.errorPatterns.map((p) => new RegExp(p))],
  });
  const dispatcher = createDispatcher({ adapter, lockDir: path.join(stateDir(), 'locks', serverKey(options.server)) });
  const journal = journalFor(options.server);
  // The dashboard dispatches tasks unless `orch-tui run` (or another dashboard, or an agent's
  // MCP server) already does; it takes over as soon as that one gives the lock back.
  const seat = new DispatcherSeat(serverStateDir(options.server), 'an orch-tui dashboard');
  const notesBoard = notesBoardFor(options.server);
  const report = (message: string, tone: 'info' | 'ok' | 'error') => store.setState(pushNotice(store.getState(), message, tone), true);
  const taskEngine = new TaskEngine({ adapter, dispatcher, journal, report, withNotes: taskNotesFrom(notesBoard), compactAt: options.compactAt,
    ...(options.retryInterrupted ? { retryInterrupted: true } : {}),
  });
  // The notes work of the dispatcher: only while this dashboard dispatches.
  const notesCourier = new NotesCourier({ adapter, dispatcher, board: notesBoard, report });
  const dispatchRounds = new RoundUnderWay();
  const restoreScreen = enterAlternateScreen();
  const onCrash = (error: unknown) => {
    restoreScreen();
    process.stderr.write(`orch-tui crashed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  // A closed terminal or a killed server (SIGHUP) can end this process before
  // the cleanup after the dashboard has run: then it is done as the process exits.
  const cleanUpOnExit = () => quitCleanupNow(options);
  process.once('exit', cleanUpOnExit);
  let quit: () => void = () => undefined;
  // `on`, not `once`: a closed terminal can send SIGHUP twice (tmux, then the
  // kernel's hangup), and the second one must not end the process with no cleanup.
  const onSignal = () => quit();
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  await installFastInkOutput();
  const incremental = await fixInkIncrementalRendering();
  // Grid bodies are written by the compositor, straight to the terminal; Ink's
  // writes go through a stream that tells it which rows Ink rewrote.
  const out = process.stdout;
  const bodies = new CompositedBodies(store, (text) => out.write(text), out.rows);
  const onResize = () => bodies.resize(out.rows);
  out.on('resize', onResize);
  const instance = render(
    React.createElement(App, {
      store,
      adapter,
      intervalMs: options.intervalMs,
      sessionGlob: options.sessionGlob,
      onQuit: () => quit(),
      dispatcher,
      taskEngine,
      dispatcherSeat: seat,
      taskQueue: new TaskQueue(journal),
      notesBoard,
      notesCourier,
      dispatchRounds,
      defaultCwd: process.cwd(),
      notify: { bell: options.bell, tmuxMessage: options.tmuxMessage },
      bodies,
    }),
    // The feed writes the store at most ~30 times a second; 60 here keeps a key
    // from waiting behind a frame the feed just drew. Incremental: only the
    // rows that changed are written (with Ink's cursor slip fixed).
    { exitOnCtrlC: false, patchConsole: true, maxFps: 60, incrementalRendering: incremental, stdout: inkStdout(out, bodies) },
  );
  quit = () => instance.unmount();
  // On a fresh server, offer (once, in one line) to bring back the workers recorded on the one that is gone.
  void workersToOffer(adapter).then((names) => {
    if (names.length === 0) return;
    store.setState({ ...pushNotice(store.getState(), offerLine(names, keyFor('restore')), 'info'), restoreOffer: names }, true);
  });
  await instance.waitUntilExit();
  bodies.stop();
  out.off('resize', onResize);
  restoreScreen();
  const attach = store.getState().attachOnQuit;
  if (attach) process.stdout.write(`To jump into the worker: ${attach}\n`);
  // The dispatcher's round under way finishes first: what it writes (journal, locks) is not made again after it is removed.
  await dispatchRounds.settled();
  await unmark();
  if (options.killServerOnQuit) endServerNow(options.server);
  await seat.leave();
  await adapter.close().catch(() => undefined);
  await removePaths(options.removeOnQuit ?? []);
  process.off('exit', cleanUpOnExit);
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
}

/** What quitting cleans up (the demo's server and files), synchronously, for a process that is exiting. */
function quitCleanupNow(options: DashboardOptions): void {
  if (options.killServerOnQuit) endServerNow(options.server);
  removePathsNow(options.removeOnQuit ?? []);
}
