import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { processAlive } from '../processAlive.js';
import { serverArgs, type TmuxServerSelection } from './tmuxServer.js';

/** How long the programs of a killed server's panes get to exit before what they used is removed anyway. */
const PANES_EXIT_MS = 3000;

/**
 * Kill a tmux server and wait until the programs of its panes have exited
 * (at most a few seconds), so that whatever they were writing (a scratch
 * repository, a task journal) is written before what they used is removed,
 * and not made again after it. Synchronous: it also serves a process that
 * is exiting on a signal. `except` is left out of the wait (a dashboard
 * running in one of the server's own panes, waiting for itself).
 */
export function endServerNow(server: TmuxServerSelection, except: readonly number[] = [process.pid]): void {
  const listed = spawnSync('tmux', [...serverArgs(server), '-N', 'list-panes', '-a', '-F', '#{pane_pid}'], { encoding: 'utf8' });
  const pids = (listed.status === 0 ? listed.stdout : '')
    .split('\n')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid > 0 && !except.includes(pid));
  spawnSync('tmux', [...serverArgs(server), '-N', 'kill-server'], { stdio: 'ignore' });
  const until = Date.now() + PANES_EXIT_MS;
  while (pids.some(running) && Date.now() < until) sleepSync(20);
}

/** A process that still runs (a zombie has exited: only its parent has not looked yet). */
function running(pid: number): boolean {
  if (!HAS_PROC) return processAlive(pid);
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

const HAS_PROC = existsSync('/proc/self/stat');

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
