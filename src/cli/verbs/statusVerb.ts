import { parseArgs } from 'node:util';
import type { Task } from '../../tasks/taskTypes.js';
import type { Note } from '../../notes/noteTypes.js';
import { collectStatusReport } from '../../report/collectStatus.js';
import { renderStatusMarkdown, renderStatusText } from '../../report/statusReport.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';

/** Where the status verb reads tasks: the journal, in the real CLI. */
export interface StatusTaskPort {
  tasks(): Promise<Task[]>;
  /** The notes board, oldest first (the report lists the last few). */
  notes?(): Promise<readonly Note[]>;
}

/** `orch-tui status [--json | --markdown]`: per worker, done, changed, now, waiting, next; then overall progress. */
export function statusVerbWith(port: StatusTaskPort): (ctx: VerbContext, args: string[]) => Promise<number> {
  return async (ctx, args) => {
    const { values } = parseArgs({
      args,
      strict: true,
      options: { json: { type: 'boolean' }, markdown: { type: 'boolean' } },
    });
    if (values.json && values.markdown) throw new UsageError('status prints --json or --markdown, not both.');
    const report = await collectStatusReport(ctx.adapter(), port.tasks(), ctx.global.sessionGlob, port.notes?.());
    if (values.json) ctx.out(JSON.stringify(report, null, 2));
    else if (values.markdown) ctx.out(renderStatusMarkdown(report));
    else ctx.out(renderStatusText(report));
    return 0;
  };
}
