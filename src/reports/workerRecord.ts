import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../stateDir.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { serverStateDir } from '../tasks/taskQueue.js';
import type { ServerLife } from '../tasks/taskTypes.js';
import type { HookEvent } from '../state/hookState.js';
import { parseHookLog } from './hookEvents.js';
import { REPORT_FILES } from './reportPaths.js';

/**
 * What orch-tui knows of a managed worker (one it created, or a pane a
 * person adopted), kept per tmux server and worker name
 * (`<server state dir>/workers/<name>.json`) and updated as the worker
 * changes, so that the worker can be made again after its server is gone
 * (`orch-tui restore`): where it ran, what it ran, with which environment,
 * and the conversation it had.
 */
export interface WorkerRecord {
  name: string;
  paneId: string;
  /** Where it sat: its session, and its window's name and index. */
  session?: string;
  window?: { name: string; index: number };
  /** The directory it was started in. */
  cwd: string;
  /** The git worktree it was given (a team file's `worktree: true`). */
  worktree?: { path: string; branch: string };
  /** The command line it was started with, orch-tui's own flags included. */
  argv: string[];
  /** The variables orch-tui set for it (`--env`, a team file's `env`). */
  env?: Record<string, string>;
  /** Claude's conversation id: the `--session-id` it was started with, or the one its session file names now. */
  claudeSessionId?: string;
  /** Where its hooks and status line report (see reportPaths). */
  reportDir?: string;
  /** The team file that created it. */
  team?: string;
  /** `adopted` when a person adopted a pane of their own; else orch-tui created it. */
  managed?: 'created' | 'adopted';
  acceptsCommands?: boolean;
  /** The life of the tmux server it last ran on. */
  server?: ServerLife;
  /** Earlier lives it was restored from, newest last: tasks queued on them are its own. */
  formerServers?: ServerLife[];
  /** ms since the epoch. */
  createdAt: number;
  updatedAt?: number;
}

/** A record file that could not be read, and why. */
export interface BrokenRecord {
  file: string;
  reason: string;
}

/** How many former server lives a record remembers. */
const FORMER_LIVES_KEPT = 8;

function workersDir(server: TmuxServerSelection, env: NodeJS.ProcessEnv): string {
  return path.join(serverStateDir(server, env), 'workers');
}

/** A worker name as a file name: created workers' names are already safe; an adopted pane's (`s:1.0`) or a session's may not be. */
export function workerRecordFile(server: TmuxServerSelection, name: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(workersDir(server, env), `${encodeURIComponent(name)}.json`);
}

/** Write (or replace) a worker's record, owner-only, by rename so a reader never sees half of it. */
export async function saveWorkerRecord(server: TmuxServerSelection, record: WorkerRecord, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = workerRecordFile(server, record.name, env);
  await ensurePrivateDir(path.dirname(file), env);
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify({ ...record, updatedAt: Date.now() }, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Forget a worker (killed, released); no error when there was no record. */
export async function removeWorkerRecord(server: TmuxServerSelection, name: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await rm(workerRecordFile(server, name, env), { force: true });
}

/** Change what a record says; nothing happens when there is none (the worker is not one orch-tui manages). */
export async function updateWorkerRecord(
  server: TmuxServerSelection,
  name: string,
  change: (record: WorkerRecord) => WorkerRecord,
  env: NodeJS.ProcessEnv = process.env,
): Promise<WorkerRecord | undefined> {
  const record = await loadWorkerRecord(server, name, env);
  if (!record) return undefined;
  const next = change(record);
  if (next.name !== name) await saveWorkerRecord(server, next, env).then(() => removeWorkerRecord(server, name, env));
  else await saveWorkerRecord(server, next, env);
  return next;
}

/** The lives a restored worker came from, with the one it just left added. */
export function withFormerLife(record: WorkerRecord): ServerLife[] {
  const former = record.formerServers ?? [];
  return record.server ? [...former, record.server].slice(-FORMER_LIVES_KEPT) : former;
}

function parseRecord(text: string): WorkerRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  const r = value as Partial<WorkerRecord> | null;
  if (!r || typeof r !== 'object') return 'it is not a record';
  if (typeof r.name !== 'string' || r.name === '') return 'it names no worker';
  if (typeof r.cwd !== 'string' || !Array.isArray(r.argv) || !r.argv.every((w) => typeof w === 'string')) return 'it lacks a directory or a command line';
  return r as WorkerRecord;
}

/** A worker's record, or undefined when orch-tui keeps none of that name (or it is unreadable). */
export async function loadWorkerRecord(server: TmuxServerSelection, name: string, env: NodeJS.ProcessEnv = process.env): Promise<WorkerRecord | undefined> {
  const text = await readFile(workerRecordFile(server, name, env), 'utf8').catch(() => undefined);
  const parsed = text === undefined ? undefined : parseRecord(text);
  return typeof parsed === 'object' ? parsed : undefined;
}

/**
 * Every record of this server, by name. A file that cannot be read is
 * listed among `broken` with the reason and costs nothing else.
 */
export async function loadWorkerRecords(
  server: TmuxServerSelection,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ records: WorkerRecord[]; broken: BrokenRecord[] }> {
  const dir = workersDir(server, env);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const records: WorkerRecord[] = [];
  const broken: BrokenRecord[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => ({ error: error.code ?? error.message }));
    if (typeof text !== 'string') {
      if (text.error !== 'ENOENT') broken.push({ file, reason: `it cannot be read (${text.error})` });
      continue;
    }
    const parsed = parseRecord(text);
    if (typeof parsed === 'string') broken.push({ file, reason: parsed });
    else records.push(parsed);
  }
  return { records, broken };
}

/** Forget every record `gone` picks (workers killed on purpose: `kill`, `down`); never throws. */
export async function forgetWorkers(
  server: TmuxServerSelection,
  gone: (record: WorkerRecord) => boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const { records } = await loadWorkerRecords(server, env).catch(() => ({ records: [] as WorkerRecord[] }));
  for (const record of records.filter(gone)) await removeWorkerRecord(server, record.name, env).catch(() => undefined);
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
