import { statSync } from 'node:fs';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { NoServerError } from '../tmux/tmuxErrors.js';
import { createWorker } from '../dispatch/createWorker.js';
import { findTranscript } from '../dispatch/claudeTranscript.js';
import { claudeConfigDir } from '../state/claudeSessionFiles.js';
import { currentConversationId, loadWorkerRecords, type BrokenRecord, type WorkerRecord } from '../reports/workerRecord.js';
import { readServerLife } from '../tasks/serverLife.js';
import { describeError } from '../tmux/tmuxErrors.js';
import { planRestore, type RestoreStep } from './planRestore.js';

export class RestoreError extends Error {}

/** One worker made again. */
export interface RestoredWorker {
  name: string;
  paneId: string;
  cwd: string;
  /** The Claude conversation it resumed. */
  conversation?: string;
  /** Why it started without its conversation. */
  fresh?: string;
}

export interface RestoreReport {
  /** What was decided for each record (with `dryRun`, all that happened). */
  steps: RestoreStep[];
  restored: RestoredWorker[];
  /** Workers not brought back, each with one sentence. */
  notRestored: Array<{ name: string; reason: string }>;
  running: string[];
  /** Ended on this server without orch-tui: left alone unless named. */
  ended: string[];
  /** Its program exited on this server and its pane is kept: left alone. */
  exited: string[];
  broken: BrokenRecord[];
}

/** `[]` when no server runs; other failures are real. */
function orNone<T>(promise: Promise<T[]>): Promise<T[]> {
  return promise.catch((error: unknown) => (error instanceof NoServerError ? [] : Promise.reject(error)));
}

/** The ids of the Claude conversations recorded workers had that Claude still keeps on disk. */
async function keptConversations(records: readonly WorkerRecord[]): Promise<Set<string>> {
  const kept = new Set<string>();
  for (const record of records) {
    const id = record.claudeSessionId;
    if (!id) continue;
    const configDir = claudeConfigDir({ ...process.env, ...record.env });
    if (await findTranscript(configDir, id)) kept.add(id);
  }
  return kept;
}

/**
 * Make again the recorded workers that are missing from the server on the
 * socket (started if none runs): in their directory, with their name, the
 * environment orch-tui set and their team mark; a Claude resumes its
 * conversation (`--resume <id>`) with a fresh reports layer of orch-tui's,
 * so it reports as before. `names` restricts it to those workers; `dryRun`
 * decides and changes nothing.
 */
export async function restoreWorkers(
  adapter: TmuxAdapter,
  options: { names?: readonly string[]; dryRun?: boolean; /** A worker named but ended on this very server is made again too (default). */ restoreEnded?: boolean } = {},
): Promise<RestoreReport> {
  const { records: all, broken } = await loadWorkerRecords(adapter.server);
  const names = options.names ?? [];
  const unknown = names.filter((n) => !all.some((r) => r.name === n));
  if (unknown.length > 0) {
    const known = all.map((r) => r.name).join(', ');
    const named = unknown.map((n) => (/^[\w.:-]+$/.test(n) ? n : JSON.stringify(n))).join(', ');
    throw new RestoreError(`No worker record named ${named} (${known ? `recorded: ${known}` : 'none is recorded for this server'}).`);
  }
  // The conversation each Claude is in now: its hooks name it (a /clear started another since it was recorded).
  const records = await Promise.all((names.length > 0 ? all.filter((r) => names.includes(r.name)) : all).map(async (r) => {
    const id = await currentConversationId(r);
    return id && id !== r.claudeSessionId ? { ...r, claudeSessionId: id } : r;
  }));
  const [life, sessions, panes, kept] = await Promise.all([
    readServerLife(adapter),
    orNone(adapter.run(['list-sessions', '-F', '#{session_name}'])),
    orNone(adapter.run(['list-panes', '-a', '-F', '#{pane_id} #{pane_dead}'])),
    keptConversations(records),
  ]);
  const steps = planRestore(records, {
    ...(life ? { life } : {}),
    sessions: new Set(sessions),
    panes: new Set(panes.map((l) => l.split(' ')[0]!)),
    deadPanes: new Set(panes.filter((l) => l.endsWith(' 1')).map((l) => l.split(' ')[0]!)),
    isDirectory: (dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true,
    hasConversation: (_record, id) => kept.has(id),
    named: new Set(options.restoreEnded === false ? [] : names),
  });
  const report: RestoreReport = { steps, restored: [], notRestored: [], running: [], ended: [], exited: [], broken };
  for (const step of steps) {
    if (step.kind === 'running') report.running.push(step.record.name);
    else if (step.kind === 'ended') report.ended.push(step.record.name);
    else if (step.kind === 'exited') report.exited.push(step.record.name);
    else if (step.kind === 'blocked') report.notRestored.push({ name: step.record.name, reason: step.reason });
    else if (options.dryRun) continue;
    else {
      const { record } = step;
      try {
        const made = await createWorker(adapter.server, adapter, {
          name: record.name, cwd: record.cwd, argv: step.argv, restoring: record,
          ...(record.env ? { env: record.env } : {}), ...(record.acceptsCommands ? { acceptsCommands: true } : {}),
          ...(record.team ? { team: record.team } : {}), ...(record.worktree ? { worktree: record.worktree } : {}),
        });
        report.restored.push({
          name: record.name, paneId: made.paneId, cwd: record.cwd,
          ...(step.conversation ? { conversation: step.conversation } : {}), ...(step.fresh ? { fresh: step.fresh } : {}),
        });
      } catch (error) {
        report.notRestored.push({ name: record.name, reason: describeError(error).replace(/\.$/, '') });
      }
    }
  }
  if (report.restored.length > 0) await dropThoseThatExited(adapter, report);
  return report;
}

/** How long a restored worker is watched for exiting at once (a program gone from PATH, a flag it no longer takes). */
const EXIT_WATCH_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A worker whose program exited at once did not come back, whatever tmux
 * said: it is named with its exit status and last line (its pane stays,
 * with its output, for a person to read).
 */
async function dropThoseThatExited(adapter: TmuxAdapter, report: RestoreReport): Promise<void> {
  const deadline = Date.now() + EXIT_WATCH_MS;
  const dead = new Map<string, string>();
  while (Date.now() < deadline && dead.size < report.restored.length) {
    const lines = await orNone(adapter.run(['list-panes', '-a', '-F', '#{pane_id} #{pane_dead} #{pane_dead_status}']));
    for (const line of lines) {
      const [id = '', isDead, status] = line.split(' ');
      if (isDead === '1' && report.restored.some((w) => w.paneId === id)) dead.set(id, status ?? '?');
    }
    await sleep(150);
  }
  for (const [paneId, status] of dead) {
    const worker = report.restored.find((w) => w.paneId === paneId)!;
    const screen = await adapter.run(['capture-pane', '-p', '-t', paneId]).catch(() => [] as string[]);
    const last = screen.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('Pane is dead')).at(-1);
    report.restored = report.restored.filter((w) => w !== worker);
    report.notRestored.push({ name: worker.name, reason: `its program exited at once (status ${status || '?'})${last ? `: ${last}` : ''}; its pane ${paneId} is kept` });
  }
}
