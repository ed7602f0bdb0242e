import { parseArgs } from 'node:util';
import type { Task } from '../../tasks/taskTypes.js';
import { selectWorkers, workerName } from '../../workers/selectWorkers.js';
import { paneState, readStateSources } from '../../feed/stateSources.js';
import { trimCapture } from '../../feed/capturePlan.js';
import { changedFiles } from '../../report/gitChanges.js';
import { mapBounded } from '../../report/mapBounded.js';
import { buildStatusReport, renderStatusMarkdown, renderStatusText } from '../../report/statusReport.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';

/** Where the status verb reads tasks: the journal, in the real CLI. */
export interface StatusTaskPort {
  tasks(): Promise<Task[]>;
}

/** Git processes at once: each worker's directory is one `git diff` and one `git ls-files`. */
const GIT_CONCURRENCY = 4;

/** `orch-tui status [--json | --markdown]`: per worker, done, changed, now, waiting, next; then overall progress. */
export function statusVerbWith(port: StatusTaskPort): (ctx: VerbContext, args: string[]) => Promise<number> {
  return async (ctx, args) => {
    const { values } = parseArgs({
      args,
      strict: true,
      options: { json: { type: 'boolean' }, markdown: { type: 'boolean' } },
    });
    if (values.json && values.markdown) throw new UsageError('status prints --json or --markdown, not both.');
    const adapter = ctx.adapter();
    const [panes, sources, tasks] = await Promise.all([adapter.listPanes(), readStateSources(), port.tasks()]);
    const workers = selectWorkers(panes, { ownPane: adapter.ownPane, sessionGlob: ctx.global.sessionGlob });
    const [seen, changes] = await Promise.all([
      Promise.all(
        workers.map(async (p) => {
          const lines = trimCapture(await adapter.run(['capture-pane', '-p', '-J', '-t', p.paneId]).catch(() => []));
          const state = await paneState(p, lines, sources, { override: p.agentOverride || undefined });
          return { state, latestLine: lines[lines.length - 1] };
        }),
      ),
      mapBounded(workers, GIT_CONCURRENCY, (p) => changedFiles(p.currentPath)),
    ]);
    const report = buildStatusReport({
      workers: workers.map((p, i) => ({
        name: workerName(p),
        state: seen[i]!.state.decision.state,
        reason: seen[i]!.state.decision.reason,
        latestLine: seen[i]!.latestLine,
        changes: changes[i]!,
      })),
      tasks,
    });
    if (values.json) ctx.out(JSON.stringify(report, null, 2));
    else if (values.markdown) ctx.out(renderStatusMarkdown(report));
    else ctx.out(renderStatusText(report));
    return 0;
  };
}
