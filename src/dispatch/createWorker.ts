import { stat } from 'node:fs/promises';
import path from 'node:path';
import { runTmuxProcess } from '../tmux/tmuxProcess.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { TargetGoneError } from '../tmux/tmuxErrors.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { protectTrailingSemicolon, splitCommandWords } from './commandWords.js';
import { COMMANDS_OPTION, CREATED, WORKER_OPTION } from '../workers/agentBoundary.js';

export const WORKER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const DEFAULT_AGENT = 'claude';

export interface NewWorkerRequest {
  name: string;
  cwd?: string;
  /** The agent command line, split into words without a shell. */
  agent?: string;
  env?: Record<string, string>;
  /** A person says this plain program takes text from an orchestrating agent (`@orch_commands`). */
  acceptsCommands?: boolean;
  width?: number;
  height?: number;
}

export interface NewWorker {
  name: string;
  sessionId: string;
  windowId: string;
  paneId: string;
  panePid: number;
}

export class NewWorkerError extends Error {}

/** `#` starts a format in `-s`, `-c` and `-n` values: double it to keep it literal. */
export function escapeFormat(value: string): string {
  return value.replace(/#/g, '##');
}

/** Check a new worker's name; tmux would silently rewrite `.` and `:`. */
export function checkWorkerName(name: string): void {
  if (!WORKER_NAME.test(name)) {
    throw new NewWorkerError(
      `"${name}" is not a valid worker name: start with a letter and use only letters, digits, - and _.`,
    );
  }
}

/** The argument array of the one tmux command that creates and tags a worker. */
export function newWorkerArgs(request: NewWorkerRequest, cwd: string): string[] {
  let argv = splitCommandWords(request.agent ?? DEFAULT_AGENT);
  if (argv.length === 0) throw new NewWorkerError('The agent command is empty.');
  // With exactly one word tmux would run it through `$SHELL -c`; `env`
  // execs it directly instead.
  if (argv.length === 1) argv = ['env', ...argv];
  const env = Object.entries(request.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  return [
    'new-session', '-d', '-s', escapeFormat(request.name), '-c', escapeFormat(cwd),
    '-x', String(request.width ?? 160), '-y', String(request.height ?? 48), ...env,
    '-P', '-F', '#{session_id} #{window_id} #{pane_id} #{pane_pid}',
    '--', ...argv.map(protectTrailingSemicolon),
    // In the same tmux command, so even an instant crash keeps its last output.
    // `-t` names the new session's pane: without it tmux would set the
    // options on the pane of whoever runs this (orch-tui's own, inside tmux).
    ';', 'set-option', '-p', '-t', `=${request.name}:`, 'remain-on-exit', 'on',
    ';', 'set-option', '-p', '-t', `=${request.name}:`, WORKER_OPTION, CREATED,
    ...(request.acceptsCommands ? [';', 'set-option', '-p', '-t', `=${request.name}:`, COMMANDS_OPTION, '1'] : []),
  ];
}

/**
 * Create a worker: a detached session running the agent, tagged
 * `@orch_worker`, its pane kept after exit. Starts the server if none runs.
 */
export async function createWorker(
  server: TmuxServerSelection,
  adapter: TmuxAdapter | undefined,
  request: NewWorkerRequest,
): Promise<NewWorker> {
  checkWorkerName(request.name);
  const cwd = path.resolve(request.cwd ?? process.cwd());
  const info = await stat(cwd).catch(() => undefined);
  if (!info?.isDirectory()) throw new NewWorkerError(`The directory ${cwd} does not exist.`);
  if (adapter) {
    const exists = await adapter.run(['has-session', '-t', `=${request.name}`]).then(
      () => true,
      (error: unknown) => (error instanceof TargetGoneError ? false : Promise.reject(error)),
    ).catch(() => false);
    if (exists) throw new NewWorkerError(`A session named ${request.name} already exists; pick another name.`);
  }
  const [line] = await runTmuxProcess(server, newWorkerArgs(request, cwd));
  const [sessionId, windowId, paneId, pid] = (line ?? '').split(' ');
  if (!sessionId || !paneId) throw new NewWorkerError(`tmux did not report the new worker ${request.name}.`);
  return { name: request.name, sessionId, windowId: windowId ?? '', paneId, panePid: Number(pid) };
}
