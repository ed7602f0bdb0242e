import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolveSocketPath } from '../../tmux/tmuxServer.js';
import { runTmuxProcess } from '../../tmux/tmuxProcess.js';
import { runDashboard } from '../runDashboard.js';
import type { VerbContext } from '../verbContext.js';
import { UsageError } from '../globalOptions.js';
import { defineVerb, parseVerb } from '../verbSpec.js';

export const DEMO_WORKERS = ['frontend', 'backend', 'tests'] as const;

export const demoSpec = defineVerb({
  name: 'demo',
  summary: 'the dashboard on simulated workers, on a private tmux server that ends when you quit',
  forms: [],
  options: {},
  examples: ['npx orch-tui demo'],
  notes: ['Nothing else is touched: the demo server and its task queue are removed when you quit (q).'],
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
 * Start a private tmux server (its own -L socket) with three simulated
 * workers and show the dashboard on it. Outside tmux the terminal attaches
 * to that server with the dashboard in its own window; quitting the
 * dashboard ends the demo server and nothing else.
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
  const socketName = `orch-demo-${process.pid}`;
  const server = { socketName };
  const width = String(process.stdout.columns || 120);
  const height = String(process.stdout.rows || 40);
  for (const [i, name] of DEMO_WORKERS.entries()) {
    // The first command starts the server; -f /dev/null keeps the user's
    // tmux config (prefix, hooks) out of a predictable demo.
    const config = i === 0 ? ['-f', '/dev/null'] : [];
    await runTmuxProcess(server, [
      ...config, 'new-session', '-d', '-s', name, '-x', '100', '-y', '30', '--', process.execPath, worker, name,
    ]);
  }
  const dashboardArgs = ['-L', socketName, ...(ctx.global.sessionGlob ? ['--session', ctx.global.sessionGlob] : [])];
  if (process.env['TMUX']) {
    await runDashboard({ ...ctx.global, server, killServerOnQuit: true });
    return 0;
  }
  await runTmuxProcess(server, [
    'new-session', '-d', '-s', 'orch-tui', '-x', width, '-y', height, '--',
    process.execPath, cli, ...dashboardArgs, '--interval', String(ctx.global.intervalMs), 'dashboard', '--kill-server-on-quit',
  ]);
  const attach = spawn('tmux', ['-L', socketName, 'attach-session', '-t', 'orch-tui'], { stdio: 'inherit' });
  await new Promise<void>((resolve) => attach.once('exit', () => resolve()));
  const stillRunning = await runTmuxProcess(server, ['list-sessions']).then(() => true, () => false);
  if (!stillRunning) {
    // tmux 3.3a leaves its socket file behind when the server exits.
    await rm(resolveSocketPath(server), { force: true }).catch(() => undefined);
  } else {
    ctx.out(
      `The demo is still running. Return with: tmux -L ${socketName} attach -t orch-tui\n` +
        `End it with: tmux -L ${socketName} kill-server`,
    );
  }
  return 0;
}
