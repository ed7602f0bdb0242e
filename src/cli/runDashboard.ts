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
import { pushNotice } from '../store/modalActions.js';
import { DEFAULT_ERROR_PATTERNS } from '../state/errorWatch.js';
import { enterAlternateScreen, forgetCiEnvironment } from './terminalScreen.js';
import type { GlobalOptions } from './globalOptions.js';
import { installFastInkOutput } from '../ui/inkFastOutput.js';
import { fixInkIncrementalRendering } from '../ui/inkIncrementalFix.js';
import { markOwnPane } from '../workers/selfMark.js';
import { CompositedBodies, inkStdout } from '../ui/compositedBodies.js';
import { notesBoardFor } from '../notes/notesBoard.js';
import { taskNotesFrom } from '../notes/noteDelivery.js';
import { NotesCourier } from '../notes/notesCourier.js';

export interface DashboardOptions extends GlobalOptions {
  /** Kill the whole tmux server on quit (the demo's own private server). */
  killServerOnQuit?: boolean;
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
  const taskEngine = new TaskEngine({ adapter, dispatcher, journal, report, withNotes: taskNotesFrom(notesBoard) });
  // The notes work of the dispatcher: only while this dashboard dispatches.
  const notesCourier = new NotesCourier({ adapter, dispatcher, board: notesBoard, report });
  const restoreScreen = enterAlternateScreen();
  const onCrash = (error: unknown) => {
    restoreScreen();
    process.stderr.write(`orch-tui crashed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  let quit: () => void = () => undefined;
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.once(signal, () => quit());
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
  await instance.waitUntilExit();
  bodies.stop();
  out.off('resize', onResize);
  restoreScreen();
  const attach = store.getState().attachOnQuit;
  if (attach) process.stdout.write(`To jump into the worker: ${attach}\n`);
  await unmark();
  if (options.killServerOnQuit) await adapter.run(['kill-server']).catch(() => undefined);
  await seat.leave();
  await adapter.close().catch(() => undefined);
}
