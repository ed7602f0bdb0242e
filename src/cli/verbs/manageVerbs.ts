import { findWorker } from '../../workers/findWorker.js';
import { adoptPane, releasePane } from '../../workers/manageWorker.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb, usageError } from '../verbSpec.js';
import { WORKER_ARGUMENT } from './workerArgument.js';

export const adoptSpec = defineVerb({
  name: 'adopt',
  summary: 'hand a pane you made yourself to an orchestrating agent (MCP): it becomes a managed worker (◆)',
  forms: ['WORKER'],
  arguments: [WORKER_ARGUMENT],
  options: {
    'accepts-commands': {
      type: 'boolean', help: 'an agent may send it text even when it runs no agent (a shell): text sent to a shell is a command run (◆$)',
    },
    json: { type: 'boolean', help: 'print {worker, ...its mark} as JSON' },
  },
  examples: ['orch-tui adopt api', 'orch-tui adopt build --accepts-commands'],
  notes: ['Agents reach only managed workers: those orch-tui created and those you adopted.'],
});

/** `adopt WORKER [--accepts-commands]`: hand a pane to the orchestrating agent. */
export async function adoptVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(adoptSpec, args);
  const [spec] = positionals;
  if (!spec || positionals.length > 1) throw usageError(adoptSpec);
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

export const releaseSpec = defineVerb({
  name: 'release',
  summary: 'take a pane back from orchestrating agents: they no longer see it',
  forms: ['WORKER'],
  arguments: [WORKER_ARGUMENT],
  options: { json: { type: 'boolean', help: 'print {worker, ...its mark} as JSON' } },
  examples: ['orch-tui release api'],
});

/** `release WORKER`: agents no longer see the pane. */
export async function releaseVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(releaseSpec, args);
  const [spec] = positionals;
  if (!spec || positionals.length > 1) throw usageError(releaseSpec);
  const { pane, name } = await findWorker(ctx.adapter(), spec);
  const mark = await releasePane(ctx.adapter(), pane);
  ctx.out(values.json ? JSON.stringify({ worker: name, ...mark }) : `Released ${name} (${pane.paneId}): agents no longer see it.`);
  return 0;
}
