import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { findWorker } from '../workers/findWorker.js';
import { selectWorkers } from '../workers/selectWorkers.js';
import { answerWorker } from '../dispatch/answerWorker.js';
import { deliveredOrFail, secondsToMs, toolConfig, type McpToolContext } from './toolContext.js';
import { toolResult, ToolFailure } from './toolResult.js';
import { WORKER_ARG } from './workerReadTools.js';

const OUTCOME = {
  delivered: z.boolean(), paneId: z.string(), worker: z.string(), message: z.string(),
  evidence: z.string().optional(), enterPresses: z.number(), elapsedMs: z.number(),
  arrived: z.string().optional(), untouched: z.boolean().optional(), skipped: z.boolean().optional(),
};
const WHEN_IDLE = z.boolean().optional()
  .describe('Wait for a busy worker to be idle instead of refusing (default false: a busy worker is refused)');
const TIMEOUT = z.number().positive().max(3600).optional().describe('How long when_idle may wait, seconds (default 600)');

/** send_task, broadcast, compact_worker, clear_worker, interrupt_worker, answer_prompt: the dispatcher's actions. */
export function registerWorkerSendTools(mcp: McpServer, ctx: McpToolContext): void {
  const options = (whenIdle: boolean | undefined, timeout: number | undefined) =>
    ({ whenIdle, timeoutMs: secondsToMs(timeout, 600, 3600) });

  mcp.registerTool('send_task', toolConfig('send_task', {
    description:
      'Send a task (a prompt) to a worker now: pasted as one message, submitted, and confirmed as received. ' +
      'A busy worker is refused unless when_idle is true. For tasks that wait on other tasks, use add_task.',
    inputSchema: { worker: WORKER_ARG, text: z.string().min(1).describe('The task, any length, several lines allowed'), when_idle: WHEN_IDLE, timeout_seconds: TIMEOUT },
    outputSchema: OUTCOME,
  }), async ({ worker, text, when_idle, timeout_seconds }) => {
    const { pane } = await findWorker(ctx.adapter, worker);
    const outcome = deliveredOrFail(await ctx.dispatcher.send(pane, text, options(when_idle, timeout_seconds)));
    return toolResult({ ...outcome }, outcome.message);
  });

  mcp.registerTool('broadcast', toolConfig('broadcast', {
    description: 'Send the same text to every worker (or those whose session matches a glob). Each send is checked as send_task does.',
    inputSchema: { text: z.string().min(1), session: z.string().optional().describe('Only sessions matching this glob'), when_idle: WHEN_IDLE, timeout_seconds: TIMEOUT },
    outputSchema: { delivered: z.number(), failed: z.number(), skipped: z.number().describe('Workers that have exited: not sent to'), outcomes: z.array(z.object(OUTCOME)) },
  }), async ({ text, session, when_idle, timeout_seconds }) => {
    const workers = selectWorkers(await ctx.adapter.listPanes(), { ownPane: ctx.adapter.ownPane, sessionGlob: session ?? ctx.sessionGlob });
    if (workers.length === 0) throw new ToolFailure('No workers to broadcast to.');
    const outcomes = await ctx.dispatcher.broadcast(workers, text, options(when_idle, timeout_seconds));
    const delivered = outcomes.filter((o) => o.delivered).length;
    const skipped = outcomes.filter((o) => o.skipped).length;
    if (delivered === 0) throw new ToolFailure(`Delivered to no worker: ${outcomes.map((o) => o.message).join(' ')}`);
    return toolResult(
      { delivered, failed: outcomes.length - delivered - skipped, skipped, outcomes },
      outcomes.map((o) => o.message).join('\n'),
    );
  });

  mcp.registerTool('compact_worker', toolConfig('compact_worker', {
    description: "Compact a worker's conversation (/compact) to free its context, with an optional goal saying what to keep for the next phase.",
    inputSchema: { worker: WORKER_ARG, goal: z.string().optional().describe('What the summary should keep, e.g. the next task'), when_idle: WHEN_IDLE, timeout_seconds: TIMEOUT },
    outputSchema: OUTCOME,
  }), async ({ worker, goal, when_idle, timeout_seconds }) => {
    const { pane } = await findWorker(ctx.adapter, worker);
    const outcome = deliveredOrFail(await ctx.dispatcher.compact(pane, goal || undefined, options(when_idle, timeout_seconds)));
    return toolResult({ ...outcome }, outcome.message);
  });

  mcp.registerTool('clear_worker', toolConfig('clear_worker', {
    description: "Destructive: clear a worker's conversation (/clear; everything it knew is gone), then, once it is ready, send it a new task.",
    inputSchema: { worker: WORKER_ARG, task: z.string().optional().describe('The new task after /clear'), when_idle: WHEN_IDLE, timeout_seconds: TIMEOUT },
    outputSchema: { outcomes: z.array(z.object(OUTCOME)) },
  }), async ({ worker, task, when_idle, timeout_seconds }) => {
    const { pane } = await findWorker(ctx.adapter, worker);
    const outcomes = await ctx.dispatcher.clear(pane, task || undefined, options(when_idle, timeout_seconds));
    for (const o of outcomes) deliveredOrFail(o);
    return toolResult({ outcomes }, outcomes.map((o) => o.message).join('\n'));
  });

  mcp.registerTool('interrupt_worker', toolConfig('interrupt_worker', {
    description: "Interrupt a worker's current turn (Escape). It keeps its conversation and waits for the next prompt.",
    inputSchema: { worker: WORKER_ARG },
    outputSchema: { interrupted: z.boolean(), paneId: z.string(), worker: z.string() },
  }), async ({ worker }) => {
    const { pane, name } = await findWorker(ctx.adapter, worker);
    await ctx.dispatcher.interrupt(pane);
    return toolResult({ interrupted: true, paneId: pane.paneId, worker: name }, `Sent Escape to ${name}.`);
  });

  mcp.registerTool('answer_prompt', toolConfig('answer_prompt', {
    description:
      'Answer the question a waiting worker asks (a permission prompt: run this command?) yes or no. ' +
      'Only for a worker whose state is waiting; list_workers shows its question. Say yes only to what the user would approve.',
    inputSchema: { worker: WORKER_ARG, answer: z.enum(['yes', 'no']) },
    outputSchema: { worker: z.string(), id: z.string(), question: z.string(), command: z.string().optional(), answer: z.string() },
  }), async ({ worker, answer }) => {
    const answered = await answerWorker(ctx.adapter, worker, answer === 'yes');
    return toolResult({ ...answered }, `Answered ${answered.answer} to ${answered.worker} (${answered.question}).`);
  });
}
