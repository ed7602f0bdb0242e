import { createWorker } from '../dispatch/createWorker.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import type { Team } from './teamFile.js';
import { ensureWorktree, type Worktree } from './worktree.js';

/** The pane option that says which team file created a worker; `down` kills by it. */
export const TEAM_OPTION = '@orch_team';

/** A task as a team file queues it. */
export interface QueuedTeamTask {
  id: string;
  worker: string;
  text: string;
  after: string[];
  /** The absolute path of the team file. */
  team?: string;
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
}

export interface TeamUpDeps {
  server: TmuxServerSelection;
  adapter: TmuxAdapter;
  queueTask(task: QueuedTeamTask): Promise<QueueOutcome>;
  /** Names of the workers (sessions) already on the server. */
  listWorkerNames(): Promise<string[]>;
}

export interface CreatedWorker {
  name: string;
  paneId: string;
  cwd: string;
  worktree?: Pick<Worktree, 'path' | 'branch' | 'created'>;
}

export interface TeamUpSummary {
  created: CreatedWorker[];
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
export async function teamUp(team: Team, deps: TeamUpDeps): Promise<TeamUpSummary> {
  const summary: TeamUpSummary = { created: [], existing: [], queued: [], alreadyQueued: [], states: {} };
  const running = new Set(await deps.listWorkerNames());
  for (const worker of team.workers) {
    if (running.has(worker.name)) {
      summary.existing.push(worker.name);
      continue;
    }
    const tree = worker.worktree ? await ensureWorktree(worker.cwd, worker.name) : undefined;
    const cwd = tree?.cwd ?? worker.cwd;
    const made = await createWorker(deps.server, deps.adapter, { name: worker.name, cwd, agent: worker.agent, env: worker.env });
    await deps.adapter.run(['set-option', '-p', '-t', made.paneId, TEAM_OPTION, team.file]);
    summary.created.push({
      name: worker.name, paneId: made.paneId, cwd,
      ...(tree ? { worktree: { path: tree.path, branch: tree.branch, created: tree.created } } : {}),
    });
  }
  // In dependency order, so a queue that checks `after` on add never sees an unknown id.
  for (const task of team.tasks) {
    const queued = await deps.queueTask({ ...task, after: [...task.after], team: team.file });
    if (queued.outcome === 'exists') {
      summary.alreadyQueued.push(task.id);
      summary.states[task.id] = queued.state;
    } else summary.queued.push(task.id);
  }
  return summary;
}
