import type { ChildProcess } from 'node:child_process';
import { runTmuxProcess } from './tmuxProcess.js';
import { enterNotifyGate } from './notifyGate.js';
import type { TmuxServerSelection } from './tmuxServer.js';

/** Longest wait for tmux to let an exited client go. */
const WAIT_AT_MOST_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After an attached client's process has exited, wait until tmux no longer
 * lists it: tmux notices the exit a moment later, and only then tells the
 * other control clients it detached (see notifyGate.ts for why that moment
 * matters). At most WAIT_AT_MOST_MS; a server that is gone has let it go.
 */
export async function untilTmuxLetsGo(server: TmuxServerSelection, clientPid: number | undefined, binary?: string): Promise<void> {
  if (clientPid === undefined) return;
  const deadline = Date.now() + WAIT_AT_MOST_MS;
  while (Date.now() < deadline) {
    const pids = await runTmuxProcess(server, ['list-clients', '-F', '#{client_pid}'], { binary }).catch(() => undefined);
    if (!pids?.includes(String(clientPid))) return;
    await sleep(5);
  }
}

/**
 * Detach an attached client (an empty line, then end of input; killed if it
 * lingers) inside the notify gate, until tmux has let it go: its detach is
 * told to the other control clients (notifyGate.ts).
 */
export async function detachInsideGate(server: TmuxServerSelection, child: ChildProcess, exitedAlready: () => boolean, binary?: string): Promise<void> {
  const pass = await enterNotifyGate(server);
  try {
    const exited = new Promise<void>((resolve) => (exitedAlready() ? resolve() : child.once('exit', () => resolve())));
    child.stdin?.end('\n');
    const timer = setTimeout(() => child.kill('SIGTERM'), 1000);
    await exited;
    clearTimeout(timer);
    await untilTmuxLetsGo(server, child.pid, binary);
  } finally {
    await pass.leave();
  }
}
