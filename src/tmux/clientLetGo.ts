import { runTmuxProcess } from './tmuxProcess.js';
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
