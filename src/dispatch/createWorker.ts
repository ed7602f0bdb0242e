import { stat } from 'node:fs/promises';
import path from 'node:path';
import { runTmuxProcess } from '../tmux/tmuxProcess.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { TargetGoneError } from '../tmux/tmuxErrors.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { protectTrailingSemicolon, splitCommandWords } from './commandWords.js';
import { ADOPTED, COMMANDS_OPTION, CREATED, TEAM_OPTION, WORKER_OPTION } from '../workers/agentBoundary.js';
import { prepareReportingLaunch } from '../reports/reportingLaunch.js';
import { saveWorkerRecord, withFormerLife, type WorkerRecord } from '../reports/workerRecord.js';
import { pruneReports } from '../reports/pruneReports.js';

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
  /** The exact command line (a restore), used instead of splitting `agent`. */
  argv?: string[];
  /** The team file that makes it (`@orch_team`, and its record). */
  team?: string;
  /** The git worktree it works in, for its record. */
  worktree?: { path: string; branch: string };
  /** The record of the worker it makes again (`restore`): its kind of management, creation time and lives carry over. */
  restoring?: WorkerRecord;
}

export interface NewWorker {
  name: string;
  sessionId: string;
  windowId: string;
  paneId: string;
  panePid: number;
  /** A Claude worker's conversation id, fixed when orch-tui started it (`--session-id`). */
  claudeSessionId?: string;
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

/** The agent command line as argv words; never empty. */
export function agentArgv(request: NewWorkerRequest): string[] {
  const argv = request.argv ? [...request.argv] : splitCommandWords(request.agent ?? DEFAULT_AGENT);
  if (argv.length === 0) throw new NewWorkerError('The agent command is empty.');
  return argv;
}

/** The argument array of the one tmux command that creates and tags a worker running `agent`. */
export function newWorkerArgs(request: NewWorkerRequest, cwd: string, agent: readonly string[] = agentArgv(request)): string[] {
  // With exactly one word tmux would run it through `$SHELL -c`; `env`
  // execs it directly instead.
  const argv = agent.length === 1 ? ['env', ...agent] : [...agent];
  const env = Object.entries(request.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  return [
    'new-session', '-d', '-s', escapeFormat(request.name), '-c', escapeFormat(cwd),
    '-x', String(request.width ?? 160), '-y', String(request.height ?? 48), ...env,
    // The server's pid and start time name its life: the record says which life the worker ran on.
    '-P', '-F', '#{session_id} #{window_id} #{pane_id} #{pane_pid} #{pid} #{start_time} #{window_index} #{window_name}',
    '--', ...argv.map(protectTrailingSemicolon),
    // In the same tmux command, so even an instant crash keeps its last output.
    // `-t` names the new session's pane: without it tmux would set the
    // options on the pane of whoever runs this (orch-tui's own, inside tmux).
    ';', 'set-option', '-p', '-t', `=${request.name}:`, 'remain-on-exit', 'on',
    ';', 'set-option', '-p', '-t', `=${request.name}:`, WORKER_OPTION, request.restoring?.managed === 'adopted' ? ADOPTED : CREATED,
    ...(request.acceptsCommands ? [';', 'set-option', '-p', '-t', `=${request.name}:`, COMMANDS_OPTION, '1'] : []),
    ...(request.team ? [';', 'set-option', '-p', '-t', `=${request.name}:`, TEAM_OPTION, request.team] : []),
  ];
}

/**
 * Create a worker: a detached session running the agent, tagged
 * `@orch_worker`, its pane kept after exit. Starts the server if none runs.
 * A Claude Code worker is started so that it reports to orch-tui (hooks and
 * status line: see src/reports); every worker's record is kept by name.
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
  const argv = agentArgv(request);
  // A worker that cannot report (the state dir cannot be written) is still started, as before.
  const reporting = await prepareReportingLaunch(argv, { cwd, workerEnv: request.env }).catch(() => undefined);
  const started = reporting?.argv ?? argv;
  const [line] = await runTmuxProcess(server, newWorkerArgs(request, cwd, started));
  const [sessionId, windowId, paneId, pid, serverPid, serverStart, windowIndex, ...windowName] = (line ?? '').split(' ');
  if (!sessionId || !paneId) throw new NewWorkerError(`tmux did not report the new worker ${request.name}.`);
  const claudeSessionId = reporting?.claudeSessionId;
  const life = Number(serverPid) > 0 ? { pid: Number(serverPid), startedAt: Number(serverStart) } : undefined;
  const before = request.restoring;
  await saveWorkerRecord(server, {
    name: request.name, paneId, session: request.name, window: { name: windowName.join(' '), index: Number(windowIndex) || 0 },
    cwd, argv: started, managed: before?.managed ?? 'created', createdAt: before?.createdAt ?? Date.now(),
    ...(request.env && Object.keys(request.env).length ? { env: request.env } : {}),
    ...(request.acceptsCommands ? { acceptsCommands: true } : {}),
    ...(request.team ? { team: request.team } : {}), ...(request.worktree ? { worktree: request.worktree } : {}),
    ...(claudeSessionId ? { claudeSessionId } : {}), ...(reporting ? { reportDir: reporting.reportDir } : {}),
    ...(life ? { server: life } : {}),
    ...(before && withFormerLife(before).length ? { formerServers: withFormerLife(before) } : {}),
  }).catch(() => undefined); // the worker runs whether or not its record could be kept
  // The reports of Claudes long gone are removed now and then: when another worker is made.
  if (reporting) await pruneReports();
  return { name: request.name, sessionId, windowId: windowId ?? '', paneId, panePid: Number(pid), ...(claudeSessionId ? { claudeSessionId } : {}) };
}
