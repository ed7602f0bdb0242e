import { parseArgs } from 'node:util';
import { findWorker } from '../../workers/findWorker.js';
import { adoptPane, releasePane } from '../../workers/manageWorker.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';

/** `adopt WORKER [--accepts-commands]`: hand a pane to the orchestrating agent. */
export async function adoptVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { 'accepts-commands': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const [spec] = positionals;
  if (!spec || positionals.length > 1) throw new UsageError('Usage: orch-tui adopt WORKER [--accepts-commands]');
  const { pane, name } = await findWorker(ctx.adapter(), spec);
  const mark = await adoptPane(ctx.adapter(), pane, values['accepts-commands'] === true);
  if (values.json) ctx.out(JSON.stringify({ worker: name, ...mark }));
  else {
    ctx.out(
      `Adopted ${name} (${pane.paneId}): an orchestrating agent can now see it, read it and send it tasks` +
        (mark.acceptsCommands ? ', even as plain commands.' : ' (text only while an agent runs in it).'),
    );
  }
  return 0;
}

/** `release WORKER`: agents no longer see the pane. */
export async function releaseVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' } } });
  const [spec] = positionals;
  if (!spec || positionals.length > 1) throw new UsageError('Usage: orch-tui release WORKER');
  const { pane, name } = await findWorker(ctx.adapter(), spec);
  const mark = await releasePane(ctx.adapter(), pane);
  ctx.out(values.json ? JSON.stringify({ worker: name, ...mark }) : `Released ${name} (${pane.paneId}): agents no longer see it.`);
  return 0;
}
