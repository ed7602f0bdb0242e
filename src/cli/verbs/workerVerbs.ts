import { parseArgs } from 'node:util';
import { findWorker } from '../../workers/findWorker.js';
import { killWorker, planKill } from '../../dispatch/killWorker.js';
import { startWorker } from '../../dispatch/startWorker.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { dispatcherFor, parseTimeout, reportOutcomes } from './dispatchContext.js';

/** `kill WORKER --yes`: without --yes, refuse and say so. */
export async function killVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true, options: { yes: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const [spec] = positionals;
  if (!spec || positionals.length > 1) throw new UsageError('Usage: orch-tui kill WORKER --yes');
  const adapter = ctx.adapter();
  const { pane, name } = await findWorker(adapter, spec);
  const plan = planKill(pane, name, adapter.ownPane);
  if (!values.yes) throw new UsageError(`This would kill ${plan.description}; add --yes to confirm.`);
  await killWorker(adapter, plan);
  ctx.out(values.json ? JSON.stringify({ killed: plan.scope, paneId: pane.paneId, worker: name }) : `Killed ${plan.description}.`);
  return 0;
}

/** `new NAME [--cwd DIR] [--agent CMD] [--task TEXT] [--env K=V ...]`: prints the pane id. */
export async function newVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      cwd: { type: 'string' }, agent: { type: 'string' }, task: { type: 'string' },
      env: { type: 'string', multiple: true }, json: { type: 'boolean' }, timeout: { type: 'string' },
      'accepts-commands': { type: 'boolean' },
    },
  });
  const [name] = positionals;
  if (!name || positionals.length > 1) throw new UsageError('Usage: orch-tui new NAME [--cwd DIR] [--agent CMD] [--task TEXT] [--env K=V] [--accepts-commands]');
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--env takes KEY=VALUE, not "${pair}".`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const started = await startWorker(
    { server: ctx.global.server, adapter: ctx.adapter(), dispatcher: dispatcherFor(ctx) },
    { name, cwd: values.cwd, agent: values.agent, env, acceptsCommands: values['accepts-commands'] === true },
    values.task,
    parseTimeout(values.timeout, 60),
  );
  const { worker, task: outcome } = started;
  if (!outcome) {
    ctx.out(values.json ? JSON.stringify(worker) : worker.paneId);
    return 0;
  }
  if (values.json) {
    ctx.out(JSON.stringify({ ...worker, task: outcome }));
    return outcome.delivered ? 0 : 1;
  }
  ctx.out(worker.paneId);
  return reportOutcomes({ ...ctx, out: (t) => process.stderr.write(t + '\n') }, [outcome], false);
}
