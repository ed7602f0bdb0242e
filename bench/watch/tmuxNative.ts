/**
 * The floor: what a person who just uses tmux pays to watch the same N
 * workers. The worker server's panes are tiled in one window (session
 * `native`, see startWorkerServer's 'tiled' layout), and one ordinary tmux
 * client is attached to it in a 200x50 terminal that is a pane of the
 * display server, exactly where orch-tui runs in its row. Its CPU is the
 * work server's and the display server's (the client itself is counted as
 * the "watcher" tree); lines are timed the same way as orch-tui's, from what
 * the client writes to its terminal.
 */
import { readFile } from 'node:fs/promises';
import { tmuxArgs, waitFor } from '../../test/harness/tmuxServer.js';
import { NATIVE_SESSION, TILED_WINDOW, startDisplayServer, type BenchServer } from './benchServers.js';
import { DisplayTerminal } from './displayTerminal.js';
import { reap, readTreeMemory } from './procStats.js';
import type { RunningWatcher } from './watchers.js';

const TERMINAL = { width: TILED_WINDOW.width, height: TILED_WINDOW.height + 1 } as const;

export async function startTmuxNative(workers: BenchServer): Promise<RunningWatcher> {
  // `env` execs tmux: the pane's pid is the client's. TMUX is unset or the client would refuse to nest.
  const display = await startDisplayServer(TERMINAL.width, TERMINAL.height, [
    'env', '-u', 'TMUX', '-u', 'TMUX_PANE', 'tmux', ...tmuxArgs(workers.socket), 'attach-session', '-t', `=${NATIVE_SESSION}`,
  ]);
  const terminal = new DisplayTerminal(display.socket, 'display');
  const pid = display.panePid;
  const stop = async () => {
    const tree = readTreeMemory(pid).pids;
    terminal.close();
    await display.kill(); // the client's terminal goes away: it exits
    await reap(tree, 3000);
  };
  try {
    const expected = `1 ${TILED_WINDOW.width}x${TILED_WINDOW.height}`;
    await waitFor(async () => {
      const clients = (await workers.tmux('list-clients', '-F', '#{client_pid}')).split('\n').filter(Boolean).length;
      const size = (await workers.tmux('display-message', '-p', '-t', `=${NATIVE_SESSION}:`, '#{window_width}x#{window_height}')).trim();
      if (`${clients} ${size}` !== expected) throw new Error(`clients and window size: ${clients} ${size}, want ${expected}`);
    }, { timeoutMs: 15_000, intervalMs: 100, message: 'the tmux client never attached to the tiled window' });
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
    if (!comm.startsWith('tmux')) throw new Error(`the tmux client's pane runs "${comm}", not tmux`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    name: 'tmux',
    pid,
    firstSeen: terminal.firstSeen,
    displayServerPid: display.pid,
    outputBytes: () => terminal.bytes,
    spawns: async () => 0, // an attached client starts no processes
    stop,
  };
}
