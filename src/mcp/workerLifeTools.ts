import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { findWorker } from '../workers/findWorker.js';
import { killWorker, planKill } from '../dispatch/killWorker.js';
import { startWorker } from '../dispatch/startWorker.js';
import { secondsToMs, toolConfig, type McpToolContext } from './toolContext.js';
import { toolResult, ToolFailure } from './toolResult.js';
import { checkAgentLaunch, isAllowedCommand, KNOWN_AGENTS } from './launchPolicy.js';
import { WORKER_ARG } from './workerReadTools.js';

/** create_worker and kill_worker: workers come and go. */
export function registerWorkerLifeTools(mcp: McpServer, ctx: McpToolContext): void {
  mcp.registerTool('create_worker', toolConfig('create_worker', {
    description:
      'Create a worker: a new tmux session running an agent (default: claude) in a directory. ' +
      'With `task`, the first task is sent once the agent is ready. Returns its pane id.',
    inputSchema: {
      name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/).describe('Its name (and session name): a letter, then letters, digits, - or _'),
      cwd: z.string().optional().describe('Its working directory (default: this project directory)'),
      agent: z.string().optional().describe(
        `The agent command line, e.g. "claude" or "codex --model o4" (default claude). Only ${KNOWN_AGENTS.join(', ')} by name, ` +
          'without flags that switch off their permissions, unless the user allowed more for this project',
      ),
      env: z.record(z.string(), z.string()).optional().describe('Extra environment variables (not PATH, HOME, LD_*, proxies and the like)'),
      task: z.string().optional().describe('A first task, sent once the agent is ready'),
      timeout_seconds: z.number().positive().max(600).optional().describe('How long to wait for the agent to be ready for its task (default 60)'),
    },
    outputSchema: {
      name: z.string(), sessionId: z.string(), windowId: z.string(), paneId: z.string(), panePid: z.number(),
      task: z.looseObject({ delivered: z.boolean(), message: z.string() }).optional(),
    },
  }), async ({ name, cwd, agent, env, task, timeout_seconds }) => {
    try {
      checkAgentLaunch(agent, env, ctx.allowedCommands);
    } catch (error) {
      throw new ToolFailure((error as Error).message);
    }
    const started = await startWorker(
      { server: ctx.server, adapter: ctx.adapter, dispatcher: ctx.dispatcher },
      // A program the user allowed for agents (`init --allow-command`) takes their text too: that is what allowing it means.
      { name, cwd, agent, env, acceptsCommands: isAllowedCommand(agent, ctx.allowedCommands) },
      task || undefined,
      secondsToMs(timeout_seconds, 60, 600),
    );
    const { worker, task: outcome } = started;
    const text = `Created ${worker.name} (pane ${worker.paneId}).${outcome ? ` ${outcome.message}` : ''}`;
    return { ...toolResult({ ...worker, ...(outcome ? { task: outcome } : {}) }, text), ...(outcome && !outcome.delivered ? { isError: true } : {}) };
  });

  mcp.registerTool('kill_worker', toolConfig('kill_worker', {
    description:
      "Destructive and final: kill a worker's tmux session (or only its pane, when the session holds others), " +
      'ending the agent and its conversation. Never kills the pane this server runs for.',
    inputSchema: { worker: WORKER_ARG },
    outputSchema: { killed: z.enum(['session', 'pane']), paneId: z.string(), worker: z.string(), description: z.string() },
  }), async ({ worker }) => {
    const { pane, name } = await findWorker(ctx.adapter, worker);
    const plan = planKill(pane, name, ctx.adapter.ownPane);
    await killWorker(ctx.adapter, plan);
    return toolResult({ killed: plan.scope, paneId: pane.paneId, worker: name, description: plan.description }, `Killed ${plan.description}.`);
  });
}
