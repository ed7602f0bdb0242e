/**
 * The bench's private tmux servers (`tmux -L orch-bench-…  -f /dev/null`),
 * never the user's: the worker server with N idle worker sessions (each its
 * own session, as `orch-tui new` makes them) and one writer pane, and the
 * display server whose pane is orch-tui's terminal.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTmux } from '../../test/harness/tmuxServer.js';

export const BENCH_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)));

export interface BenchServer {
  socket: string;
  tmux(...args: string[]): Promise<string>;
  /** The tmux server's pid. */
  pid: number;
  kill(): Promise<void>;
}

export interface WorkerPane {
  worker: number;
  paneId: string;
  tty: string;
}

export interface WorkerServer extends BenchServer {
  workers: WorkerPane[];
  /** pid of the blocked-writer program (its pane's `#{pane_pid}`). */
  writerPid: number;
}

export function benchSocket(kind: string): string {
  return `orch-bench-${kind}${kind ? '-' : ''}${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Every server started and not yet killed, for the exit handler. */
const live = new Set<BenchServer>();

export async function killAllServers(): Promise<void> {
  await Promise.all([...live].map((s) => s.kill()));
}

/** A handle on a running server (started by its first `new-session`), killed by killAllServers too. */
export async function serverHandle(socket: string): Promise<BenchServer> {
  const tmux = (...args: string[]) => runTmux(socket, args);
  const [pid, socketPath] = (await tmux('display-message', '-p', '#{pid}\u001f#{socket_path}')).split('\u001f');
  const server: BenchServer = {
    socket,
    tmux,
    pid: Number(pid),
    kill: async () => {
      live.delete(server);
      await tmux('kill-server').catch(() => undefined);
      // tmux 3.3a leaves its socket file behind.
      if (socketPath?.includes(socket)) await rm(socketPath, { force: true }).catch(() => undefined);
    },
  };
  live.add(server);
  return server;
}

/** Runs `tmux … a ; b ; c` in batches so 100 sessions cost a few processes. */
async function batched(socket: string, commands: string[][], size = 25): Promise<void> {
  for (let i = 0; i < commands.length; i += size) {
    const args = commands.slice(i, i + size).flatMap((c, j) => (j ? [';', ...c] : c));
    await runTmux(socket, args);
  }
}

/** Names sort in worker order, and the writer (`a-writer`) before them so it is on the first page. */
export const workerSession = (i: number) => `w${String(i).padStart(3, '0')}`;

/**
 * How the worker panes are laid out: each in its own session (as `orch-tui
 * new` makes them), or all tiled in one window of session `native` (what a
 * person who just uses tmux looks at; the tmux-native row).
 */
export type WorkerLayout = 'sessions' | 'tiled';

/** The size of the tiled window: the 200x50 terminal less tmux's status line. */
export const TILED_WINDOW = { width: 200, height: 49 } as const;
export const NATIVE_SESSION = 'native';

const IDLE_PROGRAM = ['sleep', '2147483647'];

function workerPaneCommands(n: number, layout: WorkerLayout): string[][] {
  if (layout === 'sessions') {
    return Array.from({ length: n }, (_, i) => ['new-session', '-d', '-s', workerSession(i), '-x', '80', '-y', '24', '--', ...IDLE_PROGRAM]);
  }
  if (n === 0) return [];
  // Tiling again after every split keeps the active pane (pane 0) big enough to split.
  const commands = [['new-session', '-d', '-s', NATIVE_SESSION, '-x', String(TILED_WINDOW.width), '-y', String(TILED_WINDOW.height), '--', ...IDLE_PROGRAM]];
  for (let i = 1; i < n; i++) {
    commands.push(['split-window', '-d', '-t', `=${NATIVE_SESSION}:`, '--', ...IDLE_PROGRAM], ['select-layout', '-t', `=${NATIVE_SESSION}:`, 'tiled']);
  }
  return commands;
}

/**
 * A worker server with `n` worker panes running `sleep` (the load is
 * written to their terminals by the generator), laid out per `layout`, and
 * a session `a-writer` running the blocked-writer program, waiting for
 * SIGUSR2.
 */
export async function startWorkerServer(n: number, writerResultFile: string, layout: WorkerLayout = 'sessions'): Promise<WorkerServer> {
  const socket = benchSocket('');
  const writer = path.join(BENCH_DIST, 'blockedWriter.js');
  const commands: string[][] = [
    ['new-session', '-d', '-s', 'a-writer', '-x', '80', '-y', '24', '--', process.execPath, writer, writerResultFile],
    ...workerPaneCommands(n, layout),
  ];
  await batched(socket, commands);
  const server = await serverHandle(socket);
  const rows = (await server.tmux('list-panes', '-a', '-F', '#{session_name}\u001f#{pane_id}\u001f#{pane_tty}\u001f#{pane_pid}\u001f#{pane_index}'))
    .split('\n')
    .map((line) => line.split('\u001f'));
  const workers: WorkerPane[] = [];
  let writerPid = 0;
  for (const [session, paneId, tty, pid, index] of rows) {
    if (session === 'a-writer') writerPid = Number(pid);
    else if (session === NATIVE_SESSION && paneId && tty) workers.push({ worker: Number(index), paneId, tty });
    else if (session && paneId && tty) workers.push({ worker: Number(session.slice(1)), paneId, tty });
  }
  workers.sort((a, b) => a.worker - b.worker);
  if (workers.length !== n || !writerPid) {
    await server.kill();
    throw new Error(`worker server: expected ${n} workers and a writer, got ${rows.length} panes`);
  }
  return { ...server, workers, writerPid };
}

/**
 * A display server: one session `display` of `width`x`height` whose pane
 * runs `argv` directly (two or more items: tmux execs it, no shell), so the
 * pane's pid is the program's.
 */
export async function startDisplayServer(width: number, height: number, argv: string[]): Promise<BenchServer & { paneId: string; panePid: number }> {
  const socket = benchSocket('display');
  const out = await runTmux(socket, [
    'new-session', '-d', '-s', 'display', '-x', String(width), '-y', String(height), '-P', '-F', '#{pane_id} #{pane_pid}', '--', ...argv,
    ';', 'set-option', '-g', 'window-size', 'manual',
  ]);
  const [paneId, panePid] = out.trim().split(' ');
  const server = await serverHandle(socket);
  return { ...server, paneId: paneId!, panePid: Number(panePid) };
}
