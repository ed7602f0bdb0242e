import { parseArgs } from 'node:util';
import { selectWorkers, workerName } from '../../workers/selectWorkers.js';
import type { PaneInfo } from '../../tmux/paneFormat.js';
import { baseName, formatAge } from '../../ui/paneLines.js';
import type { VerbContext } from '../verbContext.js';
import { paneState, readStateSources, type PaneState } from '../../feed/stateSources.js';
import { trimCapture } from '../../feed/capturePlan.js';

/** The JSON shape of one worker in `ls --json`. */
export function workerJson(p: PaneInfo, seen?: PaneState) {
  const d = seen?.decision;
  // Since when: Claude's own status time when it decided, else the pane's last activity.
  const since = d?.source === 'session-file' && seen?.session?.file.statusUpdatedAt
    ? seen.session.file.statusUpdatedAt
    : p.windowActivity * 1000;
  return {
    id: p.paneId,
    name: workerName(p),
    session: p.sessionName,
    window: p.windowIndex,
    pane: p.paneIndex,
    command: p.currentCommand,
    cwd: p.currentPath,
    title: p.title,
    dead: p.dead,
    deadStatus: p.deadStatus ?? null,
    managed: p.workerTag !== '',
    lastActivity: new Date(p.windowActivity * 1000).toISOString(),
    state: d?.state ?? 'unknown',
    agent: seen?.kind ?? 'unknown',
    since: new Date(since).toISOString(),
    reason: d?.reason ?? '',
    evidence: d?.evidence ?? '',
    source: d?.source ?? '',
    ...(d?.prompt ? { prompt: d.prompt } : {}),
  };
}

export async function lsVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const adapter = ctx.adapter();
  const workers = selectWorkers(await adapter.listPanes(), {
    ownPane: adapter.ownPane,
    sessionGlob: ctx.global.sessionGlob,
  });
  const sources = await readStateSources();
  const seen = await Promise.all(
    workers.map(async (p) => {
      const lines = trimCapture(await adapter.run(['capture-pane', '-p', '-J', '-t', p.paneId]).catch(() => []));
      return paneState(p, lines, sources, { override: p.agentOverride || undefined });
    }),
  );
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
    p.dead ? `exited ${p.deadStatus ?? '?'}` : p.currentCommand,
    baseName(p.currentPath),
    formatAge(now - p.windowActivity * 1000),
  ]);
  const header = ['ID', 'NAME', 'STATE', 'AGENT', 'COMMAND', 'DIR', 'ACTIVE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  ctx.out([line(header), ...rows.map(line)].join('\n'));
  return 0;
}
