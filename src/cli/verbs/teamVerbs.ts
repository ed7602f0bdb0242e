import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb } from '../verbSpec.js';
import { NoServerError } from '../../tmux/tmuxErrors.js';
import type { TmuxAdapter } from '../../tmux/tmuxAdapter.js';
import { loadTeamFile, teamFileKey } from '../../team/teamFile.js';
import { teamUp, type TaskQueuePort, type TeamUpSummary } from '../../team/teamUp.js';
import { describeTarget, teamDown } from '../../team/teamDown.js';
import type { TaskQueue } from '../../tasks/taskQueue.js';
import { readServerLife } from '../../tasks/serverLife.js';
import type { ServerLife } from '../../tasks/taskTypes.js';

export const DEFAULT_TEAM_FILE = 'orch.yaml';

type Verb = (ctx: VerbContext, args: string[]) => Promise<number>;

/** The sessions on the server: a team worker is "existing" when its session is. */
async function sessionNames(adapter: TmuxAdapter): Promise<string[]> {
  return adapter.run(['list-sessions', '-F', '#{session_name}']).catch((error: unknown) => {
    if (error instanceof NoServerError) return [];
    throw error;
  });
}

function upLines(summary: TeamUpSummary): string[] {
  return [
    ...summary.restored.map((w) =>
      `restored ${w.name} (${w.paneId}) in ${w.cwd}: ${w.conversation ? `resumed Claude conversation ${w.conversation}` : `started fresh (${w.fresh})`}`),
    ...summary.created.map((w) => {
      const tree = w.worktree ? `, ${w.worktree.created ? 'a new' : 'the'} worktree on ${w.worktree.branch}` : '';
      return `created ${w.name} (${w.paneId}) in ${w.cwd}${tree}`;
    }),
    ...summary.existing.map((name) => `exists ${name}: left as it is`),
    ...summary.queued.map((id) => `queued ${id}`),
    ...summary.alreadyQueued.map((id) => {
      const state = summary.states[id] ?? 'queued';
      const again = state === 'queued' || state === 'sent' ? '' : ` (orch-tui task retry ${id} runs it again)`;
      return `already ${state} ${id}${again}`;
    }),
  ];
}

export const upSpec = defineVerb({
  name: 'up',
  summary: "create a team file's missing workers and queue its tasks",
  forms: [],
  options: {
    file: { type: 'string', short: 'f', value: 'FILE', help: `the team file (default ./${DEFAULT_TEAM_FILE})` },
    fresh: { type: 'boolean', help: "on a fresh server, start the team's workers anew instead of restoring their recorded conversations" },
    json: { type: 'boolean', help: 'print what was created and queued as JSON' },
  },
  examples: ['orch-tui up -f examples/auth/orch.yaml', 'orch-tui up --fresh'],
  notes: ['Running it again is safe: existing workers are left as they are and each task is queued once.'],
});

/**
 * The task queue as `up` uses it: tasks are bound to the server's life,
 * read when the first task is queued (after `up` created the workers, and
 * maybe the server).
 */
export function teamQueuePort(queue: TaskQueue, adapter: TmuxAdapter): TaskQueuePort {
  let life: Promise<ServerLife | undefined> | undefined;
  return {
    setCompactPolicy: (worker, policy) => queue.setCompactPolicy(worker, policy),
    add: async (task) => {
      const server = await (life ??= readServerLife(adapter));
      const added = await queue.add({ ...task, ...(server ? { server } : {}) });
      return added.added ? { outcome: added.replaced ? 'replaced' : 'added' } : { outcome: 'exists', state: added.state ?? 'queued' };
    },
  };
}

/** The queue as `down` needs it: the team file's tasks, removed (or only listed). */
export interface TeamTasksPort {
  removeTeam(file: string, options: { dryRun?: boolean }): Promise<Array<{ id: string; state: string }>>;
}

/**
 * `up [-f FILE] [--json]`: create the team's missing workers and queue its
 * tasks. The queue comes from `queueFor`, since its journal is per server.
 */
export function upVerbWith(queueFor: (ctx: VerbContext) => TaskQueuePort | Promise<TaskQueuePort>): Verb {
  return async (ctx, args) => {
    const { values } = parseVerb(upSpec, args);
    const team = await loadTeamFile(values.file ?? DEFAULT_TEAM_FILE);
    const adapter = ctx.adapter();
    const queue = await queueFor(ctx);
    const summary = await teamUp(team, {
      server: ctx.global.server,
      adapter,
      queueTask: (task) => queue.add(task),
      listWorkerNames: () => sessionNames(adapter),
      ...(queue.setCompactPolicy ? { setCompactPolicy: queue.setCompactPolicy.bind(queue) } : {}),
    }, { fresh: values.fresh === true });
    if (values.json) ctx.out(JSON.stringify({ file: team.file, ...summary }, null, 2));
    else for (const line of upLines(summary)) ctx.out(line);
    return 0;
  };
}

export const downSpec = defineVerb({
  name: 'down',
  summary: 'kill the workers a team file created (only those) and take its tasks off the queue',
  forms: [],
  options: {
    file: { type: 'string', short: 'f', value: 'FILE', help: `the team file (default ./${DEFAULT_TEAM_FILE})` },
    yes: { type: 'boolean', help: 'really do it; without it, down names what it would kill and remove, and exits 1' },
    json: { type: 'boolean', help: 'print what was (or would be) killed and removed as JSON' },
  },
  examples: ['orch-tui down -f examples/auth/orch.yaml --yes'],
  notes: ['A later up queues the file\'s tasks afresh.'],
});

/**
 * `down [-f FILE] [--yes] [--json]`: kill the workers that file created and
 * take its tasks off the queue (a later `up` queues them afresh); without
 * --yes, only say which.
 */
export function downVerbWith(tasksFor: (ctx: VerbContext) => TeamTasksPort): Verb {
  return async (ctx, args) => {
    const { values } = parseVerb(downSpec, args);
    // Only the path is needed: `down` still works after the file was broken or deleted.
    const file = await teamFileKey(values.file ?? DEFAULT_TEAM_FILE);
    const result = await teamDown({ file }, { adapter: ctx.adapter(), yes: values.yes });
    const tasks = await tasksFor(ctx).removeTeam(file, { dryRun: !values.yes });
    const removedTasks = tasks.map((t) => ({ id: t.id, state: t.state }));
    if (values.json) ctx.out(JSON.stringify({ file, ...result, removedTasks: values.yes ? removedTasks : [], wouldRemoveTasks: values.yes ? [] : removedTasks }, null, 2));
    else {
      if (result.targets.length === 0) ctx.out(`No workers from ${file} are running.`);
      for (const t of result.targets) ctx.out(`${result.killed ? 'killed' : 'would kill'} ${describeTarget(t)}`);
      for (const t of removedTasks) ctx.out(`${values.yes ? 'removed' : 'would remove'} task ${t.id} (${t.state})`);
    }
    if (!values.yes && result.targets.length + tasks.length > 0) {
      if (!values.json) process.stderr.write('orch-tui: nothing was killed or removed; add --yes to do it.\n');
      return 1;
    }
    return 0;
  };
}
