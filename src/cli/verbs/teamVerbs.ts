import { parseArgs } from 'node:util';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
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

/**
 * The task queue as `up` uses it: tasks are bound to the server's life,
 * read when the first task is queued (after `up` created the workers, and
 * maybe the server).
 */
export function teamQueuePort(queue: TaskQueue, adapter: TmuxAdapter): TaskQueuePort {
  let life: Promise<ServerLife | undefined> | undefined;
  return {
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
    const { values, positionals } = parseArgs({
      args, strict: true, allowPositionals: true,
      options: { file: { type: 'string', short: 'f' }, json: { type: 'boolean' } },
    });
    if (positionals.length > 0) throw new UsageError('Usage: orch-tui up [-f FILE] [--json]');
    const team = await loadTeamFile(values.file ?? DEFAULT_TEAM_FILE);
    const adapter = ctx.adapter();
    const queue = await queueFor(ctx);
    const summary = await teamUp(team, {
      server: ctx.global.server,
      adapter,
      queueTask: (task) => queue.add(task),
      listWorkerNames: () => sessionNames(adapter),
    });
    if (values.json) ctx.out(JSON.stringify({ file: team.file, ...summary }, null, 2));
    else for (const line of upLines(summary)) ctx.out(line);
    return 0;
  };
}

/**
 * `down [-f FILE] [--yes] [--json]`: kill the workers that file created and
 * take its tasks off the queue (a later `up` queues them afresh); without
 * --yes, only say which.
 */
export function downVerbWith(tasksFor: (ctx: VerbContext) => TeamTasksPort): Verb {
  return async (ctx, args) => {
    const { values, positionals } = parseArgs({
      args, strict: true, allowPositionals: true,
      options: { file: { type: 'string', short: 'f' }, yes: { type: 'boolean' }, json: { type: 'boolean' } },
    });
    if (positionals.length > 0) throw new UsageError('Usage: orch-tui down [-f FILE] [--yes] [--json]');
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
