import { createWorker } from '../dispatch/createWorker.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import type { CompactPolicy } from '../tasks/taskTypes.js';
import type { Team } from './teamFile.js';
import { ensureWorktree, type Worktree } from './worktree.js';
import { loadWorkerRecord } from '../reports/workerRecord.js';
import { restoreWorkers, type RestoredWorker } from '../restore/restoreWorkers.js';
import type { ServerLife } from '../tasks/taskTypes.js';

export { TEAM_OPTION } from '../workers/agentBoundary.js';

/** A task as a team file queues it. */
export interface QueuedTeamTask {
  id: string;
  worker: string;
  text: string;
  title?: string;
  after: string[];
  /** The absolute path of the team file. */
  team?: string;
  /** Earlier server lives of its restored worker: a task of the same id queued on one of them is this task still. */
  carriedFrom?: ServerLife[];
}

/**
 * What queueing one task did: added; already there (with its state: `up`
 * again leaves done tasks done); or replaced a task of the same id that
 * belonged to a tmux server that is gone.
 */
export type QueueOutcome = { outcome: 'added' | 'replaced' } | { outcome: 'exists'; state: string };

/** The task queue as `up` needs it: adding an id the journal already holds (on this server) is a no-op. */
export interface TaskQueuePort {
  add(task: QueuedTeamTask): Promise<QueueOutcome>;
  /** Where a worker's compaction policy is kept (see TeamUpDeps). */
  setCompactPolicy?(worker: string, policy: CompactPolicy): Promise<void>;
}

export interface TeamUpDeps {
  server: TmuxServerSelection;
  adapter: TmuxAdapter;
  queueTask(task: QueuedTeamTask): Promise<QueueOutcome>;
  /** Names of the workers (sessions) already on the server. */
  listWorkerNames(): Promise<string[]>;
  /** Keep a worker's compaction policy where every dispatcher reads it (the journal). */
  setCompactPolicy?(worker: string, policy: CompactPolicy): Promise<void>;
}

export interface CreatedWorker {
  name: string;
  paneId: string;
  cwd: string;
  worktree?: Pick<Worktree, 'path' | 'branch' | 'created'>;
}

export interface TeamUpSummary {
  created: CreatedWorker[];
  /** Workers made again from their records (a fresh server: after a reboot), with their conversations. */
  restored: RestoredWorker[];
  /** Workers left as they were: a session of that name was already running. */
  existing: string[];
  /** Task ids queued now; a task of a server that is gone, queued again, is among them. */
  queued: string[];
  /** Task ids the journal already held (on this server), with their state. */
  alreadyQueued: string[];
  states: Record<string, string>;
}

/**
 * Create the team's missing workers (each tagged `@orch_team <file>`), then
 * queue its tasks. Safe to run again: what exists is left alone.
 */
export async function teamUp(team: Team, deps: TeamUpDeps, options: { fresh?: boolean } = {}): Promise<TeamUpSummary> {
  const summary: TeamUpSummary = { created: [], restored: [], existing: [], queued: [], alreadyQueued: [], states: {} };
  const running = new Set(await deps.listWorkerNames());
  const carriedFrom = new Map<string, ServerLife[]>();
  for (const worker of team.workers) {
    if (running.has(worker.name)) {
      summary.existing.push(worker.name);
      continue;
    }
    const restored = options.fresh ? undefined : await restoreTeamWorker(deps.adapter, worker.name, team.file);
    if (restored) {
      summary.restored.push(restored);
      const record = await loadWorkerRecord(deps.server, worker.name);
      carriedFrom.set(worker.name, record?.formerServers ?? []);
      continue;
    }
    const tree = worker.worktree ? await ensureWorktree(worker.cwd, worker.name) : undefined;
    const cwd = tree?.cwd ?? worker.cwd;
    const made = await createWorker(deps.server, deps.adapter, {
      name: worker.name, cwd, agent: worker.agent, env: worker.env, team: team.file,
      ...(tree ? { worktree: { path: tree.path, branch: tree.branch } } : {}),
    });
    summary.created.push({
      name: worker.name, paneId: made.paneId, cwd,
      ...(tree ? { worktree: { path: tree.path, branch: tree.branch, created: tree.created } } : {}),
    });
  }
  // Before the tasks, so no dispatcher sends one without its worker's policy.
  for (const worker of team.workers) {
    if (worker.compactAt === undefined && worker.compactGoal === undefined) continue;
    await deps.setCompactPolicy?.(worker.name, {
      ...(worker.compactAt !== undefined ? { compactAt: worker.compactAt } : {}),
      ...(worker.compactGoal !== undefined ? { compactGoal: worker.compactGoal } : {}),
      team: team.file,
    });
  }
  // In dependency order, so a queue that checks `after` on add never sees an unknown id.
  for (const task of team.tasks) {
    const lives = carriedFrom.get(task.worker);
    const queued = await deps.queueTask({ ...task, after: [...task.after], team: team.file, ...(lives?.length ? { carriedFrom: lives } : {}) });
    if (queued.outcome === 'exists') {
      summary.alreadyQueued.push(task.id);
      summary.states[task.id] = queued.state;
    } else summary.queued.push(task.id);
  }
  return summary;
}

/**
 * A team worker recorded from an earlier server life (this team file made
 * it, and the server it ran on is gone), made again as `restore` would:
 * its conversation resumed. Undefined when there is nothing to restore
 * (no record, or its directory is gone: `up` makes it afresh as the team
 * file says).
 */
async function restoreTeamWorker(adapter: TmuxAdapter, name: string, file: string): Promise<RestoredWorker | undefined> {
  const record = await loadWorkerRecord(adapter.server, name);
  if (!record || record.team !== file) return undefined;
  // Only from a server that is gone: a worker killed on this one is made afresh, as before.
  const plan = await restoreWorkers(adapter, { names: [name], dryRun: true, restoreEnded: false });
  if (plan.steps[0]?.kind !== 'restore') return undefined;
  const done = await restoreWorkers(adapter, { names: [name] });
  return done.restored[0];
}
