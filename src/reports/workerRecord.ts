import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../stateDir.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { serverStateDir } from '../tasks/taskQueue.js';

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
  /** Claude's conversation id (`--session-id`), when known in advance. */
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
