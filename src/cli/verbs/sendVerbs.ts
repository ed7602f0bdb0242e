import { parseArgs } from 'node:util';
import { findWorker } from '../../workers/findWorker.js';
import { selectWorkers, workerName } from '../../workers/selectWorkers.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { dispatcherFor, parseTimeout, readStdin, reportOutcomes } from './dispatchContext.js';

const WAIT_OPTIONS = {
  json: { type: 'boolean' },
  'when-idle': { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

/** `--when-idle` and `--timeout S` (default 10 minutes) as dispatch options. */
function waitOptions(values: { 'when-idle'?: boolean; timeout?: string }) {
  return { whenIdle: values['when-idle'], timeoutMs: parseTimeout(values.timeout, 600) };
}

function parse(args: string[]) {
  return parseArgs({ args, allowPositionals: true, strict: true, options: WAIT_OPTIONS });
}

/** `send WORKER [TEXT... | -]`: the text after `--`, or stdin with `-`. */
export async function sendVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [spec, ...words] = positionals;
  if (!spec || words.length === 0) throw new UsageError("Usage: orch-tui send WORKER [--when-idle] [--timeout S] -- TEXT   (or - to read stdin)");
  const text = words.length === 1 && words[0] === '-' ? await readStdin() : words.join(' ');
  const { pane } = await findWorker(ctx.adapter(), spec);
  const outcome = await dispatcherFor(ctx).send(pane, text, waitOptions(values));
  return reportOutcomes(ctx, [outcome], values.json);
}

/** `broadcast [--session GLOB] TEXT`: to every worker (or those matching). */
export async function broadcastVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true, options: { ...WAIT_OPTIONS, session: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('Usage: orch-tui broadcast [--session GLOB] [--when-idle] -- TEXT');
  const text = positionals.length === 1 && positionals[0] === '-' ? await readStdin() : positionals.join(' ');
  const adapter = ctx.adapter();
  const workers = selectWorkers(await adapter.listPanes(), {
    ownPane: adapter.ownPane,
    sessionGlob: values.session ?? ctx.global.sessionGlob,
  });
  if (workers.length === 0) throw new UsageError('No workers to broadcast to.');
  // A dead pane is no target (the dispatcher skips it): the exit says whether every live worker got the text.
  const dead = workers.filter((p) => p.dead).map(workerName);
  if (dead.length === workers.length) throw new UsageError(`No live workers to broadcast to (${dead.join(', ')} ${dead.length === 1 ? 'has' : 'have'} exited).`);
  const outcomes = await dispatcherFor(ctx).broadcast(workers, text, waitOptions(values));
  return reportOutcomes(ctx, outcomes, values.json);
}

/** `compact WORKER [GOAL...]`: `/compact`, with the goal when given. */
export async function compactVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [spec, ...goal] = positionals;
  if (!spec) throw new UsageError('Usage: orch-tui compact WORKER [GOAL] [--when-idle] [--timeout S]');
  const { pane } = await findWorker(ctx.adapter(), spec);
  const outcome = await dispatcherFor(ctx).compact(pane, goal.join(' ') || undefined, waitOptions(values));
  return reportOutcomes(ctx, [outcome], values.json);
}

/** `clear WORKER [TASK...]`: `/clear`, then the new task. */
export async function clearVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [spec, ...task] = positionals;
  if (!spec) throw new UsageError('Usage: orch-tui clear WORKER [TASK] [--when-idle] [--timeout S]');
  const { pane } = await findWorker(ctx.adapter(), spec);
  const outcomes = await dispatcherFor(ctx).clear(pane, task.join(' ') || undefined, waitOptions(values));
  return reportOutcomes(ctx, outcomes, values.json);
}

/** `interrupt WORKER`: Escape, which stops an agent's turn. */
export async function interruptVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' } } });
  const [spec] = positionals;
  if (!spec || positionals.length > 1) throw new UsageError('Usage: orch-tui interrupt WORKER');
  const { pane, name } = await findWorker(ctx.adapter(), spec);
  await dispatcherFor(ctx).interrupt(pane);
  ctx.out(values.json ? JSON.stringify({ interrupted: true, paneId: pane.paneId, worker: name }) : `Sent Escape to ${name}.`);
  return 0;
}
