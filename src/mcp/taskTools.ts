import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Task } from '../tasks/taskTypes.js';
import { waitForTasks } from '../tasks/waitForTasks.js';
import { addTaskFor } from '../tasks/addTask.js';
import { observeWorkers } from '../tasks/observeWorkers.js';
import { workerJson } from '../workers/workerStates.js';
import { attentionList } from '../workers/workerAttention.js';
import { collectStatusReport } from '../report/collectStatus.js';
import { renderStatusText } from '../report/statusReport.js';
import { eitherSignal, secondsToMs, toolConfig, type McpToolContext } from './toolContext.js';
import { progressReporter, toolResult } from './toolResult.js';
import { observePane } from '../dispatch/observePane.js';
import { agentMayNotType } from '../workers/agentBoundary.js';

const TASK = z.looseObject({ id: z.string(), worker: z.string(), state: z.string(), after: z.array(z.string()) });

/** What an agent needs of a task: the text it was given is long and known to it. */
function taskSummary(t: Task) {
  return {
    id: t.id, worker: t.worker, state: t.state, after: t.after,
    ...(t.result !== undefined ? { result: t.result } : {}),
    ...(t.reason !== undefined ? { reason: t.reason } : {}),
    text: t.text, times: t.times,
  };
}

/** add_task, list_tasks, wait_for_tasks, status_report: the queue and the report. */
export function registerTaskTools(mcp: McpServer, ctx: McpToolContext): void {
  mcp.registerTool('add_task', toolConfig('add_task', {
    description:
      'Queue a task for a worker. It is sent (checked, exactly once) when the worker is idle and every task in `after` is done; ' +
      'it is done when the worker, having worked, is idle again, and its result is the worker\'s final answer. ' +
      'In the text, {{result:ID}} becomes task ID\'s result when it is sent (ID must be in `after`, directly or through another task, or the task is refused). ' +
      'The worker must exist and be alive: create_worker first (a task for a worker that is still starting waits until it is ready).',
    inputSchema: {
      worker: z.string().min(1).describe('The worker\'s name (as list_workers shows it); it must exist: create it first with create_worker'),
      text: z.string().min(1).describe('The task; may contain {{result:ID}}'),
      after: z.array(z.string()).optional().describe('Ids of tasks that must be done first'),
      id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/).optional().describe('A short id to refer to it (default t1, t2, ...); adding an existing id again adds nothing'),
    },
    outputSchema: { id: z.string(), added: z.boolean(), dispatcher: z.string() },
  }), async ({ worker, text, after, id }) => {
    ctx.dispatch.activate();
    // Only a managed worker that takes text from an agent: refused now, not when it would be sent.
    const added = await addTaskFor(ctx.adapter, ctx.queue, { id, worker, text, after: after ?? [], by: 'agent' }, async (pane, name) =>
      agentMayNotType(pane, (await observePane(ctx.adapter, pane.paneId)).kind, name));
    const dispatcher = ctx.dispatch.describe();
    return toolResult(
      { id: added.id, added: added.added, dispatcher },
      added.added ? `Queued task ${added.id} for ${added.worker}.` : `Task ${added.id} already exists (${added.state}); nothing added.`,
    );
  });

  mcp.registerTool('list_tasks', toolConfig('list_tasks', {
    description: 'The task queue: each task\'s id, worker, state (queued, sent, done, failed, cancelled), what it waits for, and the result of done tasks.',
    inputSchema: {},
    outputSchema: { tasks: z.array(TASK), dispatcher: z.string() },
  }), async () => {
    ctx.dispatch.activate();
    const { tasks } = await ctx.queue.list();
    return toolResult({ tasks: tasks.map(taskSummary), dispatcher: ctx.dispatch.describe() });
  });

  mcp.registerTool('wait_for_tasks', toolConfig('wait_for_tasks', {
    description:
      'Wait (instead of polling) until every named task is done, failed or cancelled, and return them with their results. ' +
      'Returns early, with `attention`, when a worker of an unfinished task needs someone (a question, an error, an exit); ' +
      'timedOut is true when the time ran out.',
    inputSchema: {
      ids: z.array(z.string()).min(1).describe('Task ids'),
      timeout_seconds: z.number().positive().max(3600).optional().describe('Default 600'),
    },
    outputSchema: { tasks: z.array(TASK), timedOut: z.boolean(), stoppedBecause: z.string().optional(), attention: z.array(z.looseObject({})) },
  }), async ({ ids, timeout_seconds }, extra) => {
    ctx.dispatch.activate();
    const timeoutMs = secondsToMs(timeout_seconds, 600, 3600);
    const progress = progressReporter(extra, timeoutMs);
    let attention: ReturnType<typeof attentionList> = [];
    const waited = await waitForTasks(ctx.queue, ids, {
      timeoutMs,
      signal: eitherSignal(extra.signal, ctx.shutdown),
      onTick: (elapsed, open) => progress(elapsed, `waiting for ${open.map((t) => t.id).join(', ')}`),
      stopEarly: async (open) => {
        const workers = await observeWorkers(ctx.adapter, new Set(open.map((t) => t.worker)));
        attention = attentionList([...workers.values()].map((w) => workerJson(w.pane, w.seen)));
        return attention[0]?.text;
      },
    });
    const tasks = waited.tasks.map(taskSummary);
    const lines = waited.tasks.map((t) => `${t.id} (${t.worker}): ${t.state}${t.reason ? ` — ${t.reason}` : ''}`);
    if (waited.stoppedBecause) lines.unshift(`Stopped waiting: ${waited.stoppedBecause}`);
    if (waited.timedOut) lines.unshift(`Timed out after ${timeoutMs / 1000} s.`);
    const data = { tasks, timedOut: waited.timedOut, ...(waited.stoppedBecause ? { stoppedBecause: waited.stoppedBecause } : {}), attention };
    return toolResult(data, `${lines.join('\n')}\n\n${JSON.stringify({ tasks }, null, 2)}`);
  });

  mcp.registerTool('status_report', toolConfig('status_report', {
    description:
      'The orchestration status report: per worker its state, tasks done (✅), files changed (📝), what it does now (🔄), ' +
      'what it waits for (⏳) and has next (📋); then the overall progress. Report status to the user in this format.',
    inputSchema: {},
    outputSchema: {
      text: z.string().describe('The report as the user should see it'),
      workers: z.array(z.looseObject({ name: z.string() })), overallPercent: z.number(), counts: z.looseObject({}), noTasks: z.boolean(),
    },
  }), async () => {
    const report = await collectStatusReport(ctx.adapter, ctx.queue.list().then((l) => l.tasks), ctx.sessionGlob, ctx.notes?.());
    // Claude Code hands the model the structured content, not the text: the rendered report goes in both.
    const text = renderStatusText(report);
    return toolResult({ text, ...report }, text);
  });
}
