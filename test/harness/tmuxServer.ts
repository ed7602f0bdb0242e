/**
 * A private tmux server for tests: `tmux -L orch-test-<pid>-<random> -f /dev/null`.
 * It never touches the user's default server.
 *
 * The server is started with a clean environment (see {@link cleanTmuxEnv}):
 * a pane inherits the tmux SERVER's environment, not the caller's, so starting
 * the server from a developer's shell would leak their ANTHROPIC_* / CLAUDE_*
 * variables into every pane. Every tmux client call uses the same clean
 * environment so the socket directory (TMUX_TMPDIR) and locale agree.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { execa } from 'execa';
import { endServerNow } from '../../src/tmux/endServerNow.js';
import { notifiesControlClients, notifyGateFile, throughNotifyGate } from '../../src/tmux/notifyGate.js';

export interface TestServer {
  /** The `-L` socket name. */
  socket: string;
  /** Runs `tmux -L socket -f /dev/null ...args`; resolves to stdout, throws on a non-zero exit. */
  tmux(...args: string[]): Promise<string>;
  /** `capture-pane -p -J` of the visible screen; `{ ansi: true }` adds `-e`. */
  capture(paneId: string, opts?: { ansi?: boolean }): Promise<string>;
  /** `kill-server` and removes the socket file; never throws. */
  kill(): Promise<void>;
}

/**
 * The only environment tmux (and so every pane) gets: no ANTHROPIC_*, no
 * CLAUDE_*, no TMUX (we may run inside tmux). UTF-8 locale so that `❯` and
 * friends survive capture-pane.
 */
export function cleanTmuxEnv(): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
  };
  // Where the socket lives must be the same for every client call.
  if (process.env.TMUX_TMPDIR) env.TMUX_TMPDIR = process.env.TMUX_TMPDIR;
  // The run's own state home (test/globalSetup.ts), for orch-tui run in a pane.
  if (process.env.XDG_STATE_HOME) env.XDG_STATE_HOME = process.env.XDG_STATE_HOME;
  return env;
}

/** Base argv for a socket: `-u` forces UTF-8 output whatever the locale says. */
export function tmuxArgs(socket: string): string[] {
  return ['-u', '-L', socket, '-f', '/dev/null'];
}

/**
 * Runs one tmux command on `socket` with the clean environment; one that
 * control clients are told of passes orch-tui's notify gate, as orch-tui's
 * own do (a test's new-session must not crash the server under a dashboard).
 */
export async function runTmux(socket: string, args: string[]): Promise<string> {
  const run = async () => (await execa('tmux', [...tmuxArgs(socket), ...args], { env: cleanTmuxEnv(), extendEnv: false, stdin: 'ignore' })).stdout;
  return notifiesControlClients(args) ? throughNotifyGate({ socketName: socket }, run) : run();
}

/**
 * Starts a private server holding a tiny `keeper` session so it stays up
 * while test panes come and go.
 */
export async function startTestServer(): Promise<TestServer> {
  const socket = `orch-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmux = (...args: string[]) => runTmux(socket, args);
  await tmux('new-session', '-d', '-s', 'keeper', '-x', '80', '-y', '24', '--', 'sleep', '2147483647');
  const socketPath = await tmux('display-message', '-p', '-t', 'keeper', '#{socket_path}');
  return {
    socket,
    tmux,
    capture: (paneId, opts) =>
      tmux('capture-pane', '-p', '-J', ...(opts?.ansi ? ['-e'] : []), '-t', paneId),
    kill: async () => {
      // And its panes' programs gone (a Claude Code still writing into a home the test then removes): see endServerNow.
      endServerNow({ socketName: socket }, [process.pid]);
      // tmux 3.3a leaves its socket file behind; a process killed inside the notify gate, its gate file.
      if (socketPath.includes(socket)) await rm(socketPath, { force: true }).catch(() => undefined);
      await rm(notifyGateFile({ socketName: socket }), { force: true }).catch(() => undefined);
    },
  };
}

/**
 * Retries `fn` while it throws (or rejects) and returns its first value.
 * Return a value, do not return `false`: a returned boolean counts as success.
 */
export async function waitFor<T>(
  fn: () => Promise<T> | T,
  opts: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`${opts.message ?? 'waitFor timed out'} after ${timeoutMs} ms: ${reason}`);
}
