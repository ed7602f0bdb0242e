import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../stateDir.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { serverStateDir } from '../tasks/taskQueue.js';
import type { HookEvent } from '../state/hookState.js';
import { parseHookLog } from './hookEvents.js';
import { REPORT_FILES } from './reportPaths.js';

/**
 * What orch-tui knows of a worker it created, kept per tmux server and
 * worker name (`<server state dir>/workers/<name>.json`), so that later
 * work (restoring workers after the server is gone) can find a Claude's
 * conversation id and report directory by the worker's name.
 */
export interface WorkerRecord {
  name: string;
  paneId: string;
  cwd: string;
  /** The command line it was started with, orch-tui's own flags included. */
  argv: string[];
  /** The environment orch-tui set for it (`--env`, a team file's `env`). */
  env?: Record<string, string>;
  /** Claude's conversation id (`--session-id`), when known in advance; see currentConversationId for the one it is in now. */
  claudeSessionId?: string;
  /** Where its hooks and status line report (see reportPaths). */
  reportDir?: string;
  /** ms since the epoch. */
  createdAt: number;
}

export function workerRecordFile(server: TmuxServerSelection, name: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(serverStateDir(server, env), 'workers', `${name}.json`);
}

/** Write (or replace) a worker's record, owner-only, by rename so a reader never sees half of it. */
export async function saveWorkerRecord(server: TmuxServerSelection, record: WorkerRecord, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = workerRecordFile(server, record.name, env);
  await ensurePrivateDir(path.dirname(file), env);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(record, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
  await rename(temp, file);
}

/** A worker's record, or undefined when orch-tui did not create a worker of that name on this server. */
export async function loadWorkerRecord(server: TmuxServerSelection, name: string, env: NodeJS.ProcessEnv = process.env): Promise<WorkerRecord | undefined> {
  try {
    return JSON.parse(await readFile(workerRecordFile(server, name, env), 'utf8')) as WorkerRecord;
  } catch {
    return undefined;
  }
}

/** The conversation the latest of a Claude's hook events names; undefined when none does. Pure. */
export function latestSessionId(events: readonly HookEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.sessionId) return events[i]!.sessionId;
  return undefined;
}

/**
 * The conversation a recorded Claude worker is in now (what `claude
 * --resume` takes): the session id its latest hook event names (a /clear
 * starts another conversation; a /compact keeps it), else the one it was
 * started with. Undefined for a worker that is not Claude, or one started
 * with `--continue` that never reported.
 */
export async function currentConversationId(record: WorkerRecord): Promise<string | undefined> {
  if (record.reportDir) {
    for (const file of [REPORT_FILES.events, REPORT_FILES.olderEvents]) {
      const id = latestSessionId(parseHookLog(await readFile(path.join(record.reportDir, file), 'utf8').catch(() => '')));
      if (id) return id;
    }
  }
  return record.claudeSessionId;
}
