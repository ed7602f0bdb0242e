import { z } from 'zod';
import stripAnsi from 'strip-ansi';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { observeAllWorkers, workerJson } from '../workers/workerStates.js';
import { attentionList } from '../workers/workerAttention.js';
import { captureWorker } from '../workers/captureWorker.js';
import { STATE_NAMES, waitForState } from '../dispatch/waitForState.js';
import { eitherSignal, secondsToMs, toolConfig, type McpToolContext } from './toolContext.js';
import { progressReporter, toolResult } from './toolResult.js';

export const WORKER_ARG = z.string().min(1)
  .describe('The worker: its name as list_workers shows it (a session name), a pane id like "%3", or session:window.pane');

/** The longest screen line a tool returns; longer ones are cut, marked with …. */
const MAX_LINE = 400;
const MAX_SCREEN_LINES = 500;

/** list_workers, read_screen, wait_for_state: looking, never touching. */
export function registerWorkerReadTools(mcp: McpServer, ctx: McpToolContext): void {
  mcp.registerTool('list_workers', toolConfig('list_workers', {
    description:
      'Every worker (agent or program in a tmux pane) with its state: starting, working, idle, waiting (for an answer), ' +
      'compacting, error, exited or unknown; the reason and evidence; for a waiting worker its question. ' +
      '`attention` lists the workers that need someone now (a question, an error, a failed exit), most urgent first.',
    inputSchema: { session: z.string().optional().describe('Only sessions whose name matches this glob (* ? [..])') },
    outputSchema: { workers: z.array(z.looseObject({ id: z.string(), name: z.string(), state: z.string() })), attention: z.array(z.looseObject({})) },
  }), async ({ session }) => {
    const observed = await observeAllWorkers(ctx.adapter, session ?? ctx.sessionGlob);
    const workers = observed.map((w) => workerJson(w.pane, w.seen));
    return toolResult({ workers, attention: attentionList(workers) });
  });

  mcp.registerTool('read_screen', toolConfig('read_screen', {
    description:
      "The last lines of a worker's screen as plain text (colours and escape sequences removed, long lines cut). " +
      'Prefer list_workers, wait_for_* and list_tasks (which carry results) to reading screens.',
    inputSchema: {
      worker: WORKER_ARG,
      lines: z.number().int().min(1).max(MAX_SCREEN_LINES).optional().describe(`How many lines from the end (default 60, at most ${MAX_SCREEN_LINES})`),
    },
    outputSchema: { id: z.string(), name: z.string(), lines: z.array(z.string()) },
  }), async ({ worker, lines }) => {
    const screen = await captureWorker(ctx.adapter, worker, { lines: lines ?? 60 });
    const plain = screen.lines.map((line) => {
      const text = stripAnsi(line);
      return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text;
    });
    return toolResult({ id: screen.id, name: screen.name, lines: plain }, plain.join('\n'));
  });

  mcp.registerTool('wait_for_state', toolConfig('wait_for_state', {
    description:
      'Wait (instead of polling) until a worker is in one of the given states, or the timeout runs out (then timedOut is true). ' +
      'Fails at once if the worker exits. To wait for queued tasks, use wait_for_tasks instead.',
    inputSchema: {
      worker: WORKER_ARG,
      states: z.array(z.enum(STATE_NAMES as [string, ...string[]])).min(1).describe('Any of these states ends the wait, e.g. ["idle", "waiting"]'),
      timeout_seconds: z.number().positive().max(3600).optional().describe('Default 600'),
    },
    outputSchema: { worker: z.string(), id: z.string(), state: z.string(), reason: z.string(), timedOut: z.boolean() },
  }), async ({ worker, states, timeout_seconds }, extra) => {
    const timeoutMs = secondsToMs(timeout_seconds, 600, 3600);
    const progress = progressReporter(extra, timeoutMs);
    const result = await waitForState(ctx.adapter, worker, states as typeof STATE_NAMES[number][], {
      timeoutMs,
      signal: eitherSignal(extra.signal, ctx.shutdown),
      onTick: (elapsed) => progress(elapsed, `waiting for ${worker} to be ${states.join(' or ')}`),
    });
    const text = result.timedOut
      ? `${result.worker} did not become ${states.join(' or ')} within ${timeoutMs / 1000} s; it is ${result.state} (${result.reason}).`
      : `${result.worker} is ${result.state}: ${result.reason}`;
    return toolResult({ ...result }, text);
  });
}
