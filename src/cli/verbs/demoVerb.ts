import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { runTmuxProcess } from '../../tmux/tmuxProcess.js';
import { NoServerError } from '../../tmux/tmuxErrors.js';
import { runDashboard } from '../runDashboard.js';
import type { VerbContext } from '../verbContext.js';
import { UsageError } from '../globalOptions.js';
import { defineVerb, parseVerb } from '../verbSpec.js';
import { demoPaneSize, endDemoNow, removeLeftovers, setUpDemo } from '../../demo/demoServer.js';

export const demoSpec = defineVerb({
  name: 'demo',
  summary: 'the dashboard on four simulated agents, on a private tmux server that ends when you quit',
  forms: [],
  options: {},
  examples: ['npx orch-tui demo'],
  notes: [
    'Within a minute, without a key pressed: a build fails and is fixed, a worker stops on a permission question ' +
      '(y or n answers it), a queued task waits for another and then runs with its result. ' +
      'The agents take tasks (t), broadcasts (b), /compact (c) and /clear (r) too.',
    'Nothing else is touched: the demo server, its task queue and its scratch repositories are removed when you quit (q).',
  ],
});

/** The shipped simulated-agent script and this CLI's own entry point. */
function demoPaths(): { worker: string; cli: string } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Built: dist/src/cli/verbs; the package root is four levels up.
  for (const up of ['../../../..', '../../..']) {
    const root = path.resolve(here, up);
    const worker = path.join(root, 'demo', 'worker.mjs');
    const cli = path.join(root, 'dist', 'src', 'cli.js');
    if (existsSync(worker) && existsSync(cli)) return { worker, cli };
  }
  throw new Error('The demo files are missing from this installation (demo/worker.mjs, dist/src/cli.js).');
}

/**
 * Start a private tmux server (its own -L socket) with simulated agents and
 * show the dashboard on it. Outside tmux the terminal attaches to that
 * server with the dashboard in its own window; inside tmux the dashboard
 * runs right here. Quitting ends the demo server and removes everything the
 * demo made, and nothing else.
 */
export async function demoVerb(ctx: VerbContext, args: string[]): Promise<number> {
  parseVerb(demoSpec, args);
  if (ctx.global.server.socketName || ctx.global.server.socketPath) {
    throw new UsageError('The demo makes its own private server; run it without -L or -S.');
  }
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new UsageError('The demo needs a terminal to show the dashboard in.');
  }
  const { worker, cli } = demoPaths();
  const columns = process.stdout.columns || 120;
  const rows = process.stdout.rows || 40;
  const demo = await setUpDemo(worker, demoPaneSize(columns, rows));
  const { server } = demo;
  const socketName = server.socketName;
  // A closed terminal ends the demo (nobody could find it again); detaching (prefix d) keeps it.
  // Listened to with `on`, not `once`: a closed terminal can send SIGHUP twice, and a
  // second one with no listener left would kill this process half way through the cleanup.
  let hungUp = false;
  const hangUp = () => {
    if (hungUp) return;
    hungUp = true;
    endDemoNow(demo);
    process.exit(129);
  };
  try {
    if (process.env['TMUX']) {
      await runDashboard({ ...ctx.global, server, killServerOnQuit: true, removeOnQuit: demo.leftovers });
      return 0;
    }
    await runTmuxProcess(server, [
      'new-session', '-d', '-s', 'orch-tui', '-x', String(columns), '-y', String(rows), '--',
      process.execPath, cli, '-L', socketName, ...(ctx.global.sessionGlob ? ['--session', ctx.global.sessionGlob] : []),
      '--interval', String(ctx.global.intervalMs), 'dashboard', '--kill-server-on-quit',
      ...demo.leftovers.flatMap((item) => ['--remove-on-quit', item]),
    ]);
    process.on('SIGHUP', hangUp);
    process.on('SIGTERM', hangUp);
    const attach = spawn('tmux', ['-L', socketName, 'attach-session', '-t', 'orch-tui'], { stdio: 'inherit' });
    const attachStatus = await new Promise<number | null>((resolve) => attach.once('exit', (code) => resolve(code)));
    const stillRunning = await runTmuxProcess(server, ['list-sessions']).then(() => true, (error) => !(error instanceof NoServerError));
    // tmux's client exits 0 when detached and 1 when its terminal went away ("lost tty"), which
    // can be seen here before this process's own SIGHUP: the terminal is gone, end the demo.
    if (stillRunning && attachStatus !== 0) hangUp();
    if (stillRunning) {
      // Detached: the dashboard still runs, and cleans up when it quits (q, or the server is killed).
      ctx.out(`The demo is still running. Return with: tmux -L ${socketName} attach -t orch-tui\nEnd it with: tmux -L ${socketName} kill-server`);
      return 0;
    }
    return 0;
  } finally {
    // The signal listeners stay to the end: a SIGHUP with none would end this process at once, mid-cleanup.
    // Only a server that is surely gone has its files removed (a busy one may answer late).
    const ended = await runTmuxProcess(server, ['list-sessions']).then(() => false, (error) => error instanceof NoServerError);
    if (ended) await removeLeftovers(demo.leftovers);
  }
}
