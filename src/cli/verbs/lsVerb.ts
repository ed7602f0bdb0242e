import { workerName } from '../../workers/selectWorkers.js';
import { observeAllWorkers, workerJson } from '../../workers/workerStates.js';
import { baseName, formatAge } from '../../ui/paneLines.js';
import { paneCommand, paneDirectory } from '../../workers/paneLabels.js';
import { acceptsCommands, isManaged } from '../../workers/agentBoundary.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb } from '../verbSpec.js';
import type { ContextUse } from '../../reports/contextUse.js';
import { formatTokens } from '../../ui/contextMeter.js';

export const lsSpec = defineVerb({
  name: 'ls',
  summary: 'list the workers: id, name, state, agent, command, directory, last activity, context, and ◆ when agents may reach it',
  forms: [],
  options: {
    json: {
      type: 'boolean',
      help: 'one object per worker: id, name, session, command, cwd, state, agent, since, reason, evidence, prompt, context, cost_usd',
    },
  },
  examples: ['orch-tui ls', "orch-tui --session 'api*' ls --json"],
});

/** Whether an orchestrating agent (MCP) may reach the worker: `◆` managed, `◆$` and it takes commands (the dashboard's marks). */
function managedText(pane: Parameters<typeof isManaged>[0]): string {
  if (!isManaged(pane)) return '';
  return acceptsCommands(pane) ? '◆$' : '◆';
}

/** `15%`, or `150k` when the window is not known; empty when nothing is. */
function contextText(context: ContextUse | undefined): string {
  if (!context) return '';
  return context.percent !== undefined ? `${context.percent}%` : formatTokens(context.tokens);
}

export async function lsVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values } = parseVerb(lsSpec, args);
  const observed = await observeAllWorkers(ctx.adapter(), ctx.global.sessionGlob);
  const workers = observed.map((w) => w.pane);
  const seen = observed.map((w) => w.seen);
  if (values.json) {
    ctx.out(JSON.stringify(workers.map((p, i) => workerJson(p, seen[i])), null, 2));
    return 0;
  }
  if (workers.length === 0) {
    ctx.out('No workers.');
    return 0;
  }
  const now = Date.now();
  const rows = workers.map((p, i) => [
    p.paneId,
    workerName(p),
    seen[i]!.decision.state,
    seen[i]!.kind,
    p.dead ? `${paneCommand(p)} (exited ${p.deadStatus ?? '?'})` : p.currentCommand,
    baseName(paneDirectory(p)),
    formatAge(now - p.windowActivity * 1000),
    contextText(seen[i]!.report?.context),
    managedText(p),
  ]);
  const header = ['ID', 'NAME', 'STATE', 'AGENT', 'COMMAND', 'DIR', 'ACTIVE', 'CONTEXT', 'MANAGED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  ctx.out([line(header), ...rows.map(line)].join('\n'));
  return 0;
}
