import { createTmuxAdapter } from '../tmux/tmuxAdapter.js';
import { runTmuxProcess } from '../tmux/tmuxProcess.js';
import { TmuxNotInstalledError } from '../tmux/tmuxErrors.js';
import path from 'node:path';
import { createOrchStore } from '../store/orchStore.js';
import { createDispatcher } from '../dispatch/dispatcher.js';
import { serverKey, stateDir } from '../stateDir.js';
import { journalFor, serverStateDir, TaskQueue } from '../tasks/taskQueue.js';
import { acquireDispatcherLock } from '../tasks/dispatcherLock.js';
import { TaskEngine } from '../tasks/taskEngine.js';
import { pushNotice } from '../store/modalActions.js';
import { DEFAULT_ERROR_PATTERNS } from '../state/errorWatch.js';
import { enterAlternateScreen, forgetCiEnvironment } from './terminalScreen.js';
import type { GlobalOptions } from './globalOptions.js';
import { installFastInkOutput } from '../ui/inkFastOutput.js';
import { fixInkIncrementalRendering } from '../ui/inkIncrementalFix.js';
import { markOwnPane } from '../workers/selfMark.js';

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
  // The dashboard dispatches tasks unless `orch-tui run` (or another dashboard) already does.
  const releaseLock = await acquireDispatcherLock(serverStateDir(options.server), 'an orch-tui dashboard').catch((error: unknown) => {
    store.setState({ dispatcherElsewhere: error instanceof Error ? error.message.replace(/^Tasks are already dispatched by /, '').replace(/\.$/, '') : String(error) });
    return undefined;
  });
  const taskEngine = releaseLock
    ? new TaskEngine({
        adapter, dispatcher, journal, compactAt: options.compactAt,
        report: (message, tone) => store.setState(pushNotice(store.getState(), message, tone), true),
      })
    : undefined;
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
  const instance = render(
    React.createElement(App, {
      store,
      adapter,
      intervalMs: options.intervalMs,
      sessionGlob: options.sessionGlob,
      onQuit: () => quit(),
      dispatcher,
      taskEngine,
      taskQueue: new TaskQueue(journal),
      defaultCwd: process.cwd(),
      notify: { bell: options.bell, tmuxMessage: options.tmuxMessage },
    }),
    // The feed writes the store at most ~30 times a second; 60 here keeps a key
    // from waiting behind a frame the feed just drew. Incremental: only the
    // rows that changed are written (with Ink's cursor slip fixed).
    { exitOnCtrlC: false, patchConsole: true, maxFps: 60, incrementalRendering: incremental },
  );
  quit = () => instance.unmount();
  await instance.waitUntilExit();
  restoreScreen();
  const attach = store.getState().attachOnQuit;
  if (attach) process.stdout.write(`To jump into the worker: ${attach}\n`);
  await unmark();
  if (options.killServerOnQuit) await adapter.run(['kill-server']).catch(() => undefined);
  await releaseLock?.();
  await adapter.close().catch(() => undefined);
}
