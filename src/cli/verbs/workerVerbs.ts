import { findWorker } from '../../workers/findWorker.js';
import { killWorker, planKill } from '../../dispatch/killWorker.js';
import { startWorker } from '../../dispatch/startWorker.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb, shellWord, usageError } from '../verbSpec.js';
import { dispatcherFor, parseTimeout, reportOutcomes } from './dispatchContext.js';
import { WORKER_ARGUMENT } from './workerArgument.js';

export const killSpec = defineVerb({
  name: 'kill',
  summary: "kill a worker's session (or only its pane, when the session holds others)",
  forms: ['WORKER --yes'],
  arguments: [WORKER_ARGUMENT],
  options: {
    yes: { type: 'boolean', help: 'really kill it; without it, kill refuses and says what it would kill' },
    json: { type: 'boolean', help: 'print {killed, paneId, worker} as JSON' },
  },
  examples: ['orch-tui kill api --yes'],
});

/** `kill WORKER --yes`: without --yes, refuse and say so. */
export async function killVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(killSpec, args);
  const [spec] = positionals;
  if (!spec || positionals.length > 1) throw usageError(killSpec);
  const adapter = ctx.adapter();
  const { pane, name } = await findWorker(adapter, spec);
  const plan = planKill(pane, name, adapter.ownPane);
  if (!values.yes) throw new UsageError(`This would kill ${plan.description}; add --yes to confirm.`);
  await killWorker(adapter, plan);
  ctx.out(values.json ? JSON.stringify({ killed: plan.scope, paneId: pane.paneId, worker: name }) : `Killed ${plan.description}.`);
  return 0;
}

export const newSpec = defineVerb({
  name: 'new',
  summary: 'create a worker (a session running an agent) and print its pane id once it is ready',
  forms: ['NAME'],
  arguments: [['NAME', 'the worker and its session: a letter, then letters, digits, - and _']],
  options: {
    cwd: { type: 'string', value: 'DIR', help: 'where it starts (default: here)' },
    agent: { type: 'string', value: 'CMD', help: 'the agent command line, run without a shell (default: claude)' },
    env: { type: 'string', value: 'K=V', multiple: true, help: 'an environment variable for it (repeatable)' },
    task: { type: 'string', value: 'TEXT', help: 'a first task, typed once the agent (or shell) is ready for it' },
    timeout: { type: 'string', value: 'S', help: 'how long it may take to be ready, in seconds (default 60)' },
    'accepts-commands': {
      type: 'boolean', help: 'an orchestrating agent may send it text even when it runs no agent (a shell): text sent to a shell is a command run',
    },
    json: { type: 'boolean', help: "print the worker (and the task's outcome) as JSON" },
  },
  examples: ["orch-tui new api --cwd ~/src/api --task 'read the README and summarise it'", 'orch-tui new build --agent bash --task "make all"'],
  notes: ['An agent that exits before it is ready (not on PATH, a crash) is an error (exit 1) that gives its exit status and last lines.'],
});

/** `new NAME [--cwd DIR] [--agent CMD] [--task TEXT] [--env K=V ...]`: prints the pane id. */
export async function newVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(newSpec, args);
  const [name, ...command] = positionals;
  if (!name) throw usageError(newSpec);
  if (command.length > 0) {
    // As with tmux new-session, a command after the name: say where it goes instead.
    throw new UsageError(`new takes its agent with --agent, not after the name, as in: orch-tui new ${shellWord(name)} --agent ${shellWord(command.join(' '))}`);
  }
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
    if (started.started.kind === 'asks') process.stderr.write(`orch-tui: ${name} started and asks something (${started.started.reason}).\n`);
    if (started.started.kind === 'slow') process.stderr.write(`orch-tui: ${name} started but is not ready yet (${started.started.state}: ${started.started.reason}).\n`);
    return 0;
  }
  if (values.json) {
    ctx.out(JSON.stringify({ ...worker, task: outcome }));
    return outcome.delivered ? 0 : 1;
  }
  ctx.out(worker.paneId);
  return reportOutcomes({ ...ctx, out: (t) => process.stderr.write(t + '\n') }, [outcome], false);
}
