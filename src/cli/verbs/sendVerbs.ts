import { findWorker } from '../../workers/findWorker.js';
import { selectWorkers, workerName } from '../../workers/selectWorkers.js';
import { parsePercent, UsageError } from '../globalOptions.js';
import { observePane } from '../../dispatch/observePane.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb, usageError, type VerbOption } from '../verbSpec.js';
import { dispatcherFor, parseTimeout, readStdin, reportOutcomes } from './dispatchContext.js';
import { WORKER_ARGUMENT } from './workerArgument.js';

const WAIT_OPTIONS = {
  'when-idle': { type: 'boolean', help: 'wait until the worker is idle instead of refusing a busy one' },
  timeout: { type: 'string', value: 'S', help: 'how long --when-idle waits, in seconds (default 600)' },
  json: { type: 'boolean', help: 'print the outcome as JSON: delivered, evidence, message, ...' },
} as const satisfies Record<string, VerbOption>;

/** `--when-idle` and `--timeout S` (default 10 minutes) as dispatch options. */
function waitOptions(values: { 'when-idle'?: boolean; timeout?: string }) {
  return { whenIdle: values['when-idle'], timeoutMs: parseTimeout(values.timeout, 600) };
}

export const sendSpec = defineVerb({
  name: 'send',
  summary: 'send a task: pasted, submitted, and confirmed',
  forms: ['WORKER -- TEXT', 'WORKER -'],
  arguments: [WORKER_ARGUMENT, ['TEXT', 'the task, after `--`; `-` reads it from stdin']],
  options: WAIT_OPTIONS,
  examples: ["orch-tui send api -- 'run the tests and fix what fails'", 'git diff | orch-tui send review --when-idle -'],
  notes: ['A busy worker is refused (exit 1) unless --when-idle; the outcome says how the delivery was seen.'],
});

/** `send WORKER [TEXT... | -]`: the text after `--`, or stdin with `-`. */
export async function sendVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(sendSpec, args);
  const [spec, ...words] = positionals;
  if (!spec || words.length === 0) throw usageError(sendSpec);
  const text = words.length === 1 && words[0] === '-' ? await readStdin() : words.join(' ');
  const { pane } = await findWorker(ctx.adapter(), spec);
  const outcome = await dispatcherFor(ctx).send(pane, text, waitOptions(values));
  return reportOutcomes(ctx, [outcome], values.json);
}

export const broadcastSpec = defineVerb({
  name: 'broadcast',
  summary: 'send a task to every live worker (or those matching); exited ones are skipped',
  forms: ['-- TEXT', '-'],
  arguments: [['TEXT', 'the task, after `--`; `-` reads it from stdin']],
  options: {
    session: { type: 'string', value: 'GLOB', help: "only workers whose session matches GLOB (* ? [..])" },
    ...WAIT_OPTIONS,
  },
  examples: ["orch-tui broadcast --session 'api*' -- 'commit your work'"],
});

/** `broadcast [--session GLOB] TEXT`: to every worker (or those matching). */
export async function broadcastVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(broadcastSpec, args);
  if (positionals.length === 0) throw usageError(broadcastSpec);
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

export const compactSpec = defineVerb({
  name: 'compact',
  summary: "/compact an agent's conversation, with an optional goal",
  forms: ['WORKER [GOAL]'],
  arguments: [WORKER_ARGUMENT, ['GOAL', 'what the summary should keep (words after WORKER)']],
  options: {
    ...WAIT_OPTIONS,
    'if-above': { type: 'string', value: 'PERCENT', help: "only when the worker's context is fuller than PERCENT (else exit 0, nothing sent)" },
  },
  examples: ['orch-tui compact api keep the API notes', 'orch-tui compact api --if-above 70'],
  notes: [
    'A worker whose agent has no /compact (a shell, Gemini CLI, Aider) is refused: nothing is typed.',
    'With --if-above, a context orch-tui cannot read is an error, not a guess.',
  ],
});

/**
 * `compact WORKER [GOAL...] [--if-above PERCENT]`: `/compact`, with the
 * goal when given; with `--if-above`, only when the worker's context is
 * fuller than that (a script's auto-compact).
 */
export async function compactVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(compactSpec, args);
  const [spec, ...goal] = positionals;
  if (!spec) throw usageError(compactSpec);
  const threshold = values['if-above'] === undefined ? undefined : parsePercent('--if-above', values['if-above']);
  const { pane, name } = await findWorker(ctx.adapter(), spec);
  if (threshold !== undefined) {
    const seen = await observePane(ctx.adapter(), pane.paneId);
    const percent = seen.report?.context?.percent;
    if (percent === undefined && seen.kind !== 'claude') throw new UsageError(`${name} is not a Claude Code worker (it runs ${seen.pane.currentCommand}), so orch-tui cannot tell how full its context is; nothing was sent.`);
    if (percent === undefined) throw new UsageError(`${name} does not say how full its context is (no status line of orch-tui's, no transcript of a model whose window is known); nothing was sent.`);
    if (percent <= threshold) {
      const message = `${name}'s context is ${percent}% full, not above ${threshold}%: not compacted.`;
      ctx.out(values.json ? JSON.stringify({ compacted: false, worker: name, paneId: pane.paneId, percent, threshold, message }) : message);
      return 0;
    }
  }
  const outcome = await dispatcherFor(ctx).compact(pane, goal.join(' ') || undefined, waitOptions(values));
  return reportOutcomes(ctx, [outcome], values.json);
}

export const clearSpec = defineVerb({
  name: 'clear',
  summary: "/clear an agent's conversation, then (once it is ready) a new task",
  forms: ['WORKER [TASK]'],
  arguments: [WORKER_ARGUMENT, ['TASK', 'the new task (words after WORKER)']],
  options: WAIT_OPTIONS,
  examples: ["orch-tui clear api 'start on the billing module'"],
  notes: ['A worker whose agent has no /clear (a shell, any program that is not an agent) is refused: nothing is typed.'],
});

/** `clear WORKER [TASK...]`: `/clear`, then the new task. */
export async function clearVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(clearSpec, args);
  const [spec, ...task] = positionals;
  if (!spec) throw usageError(clearSpec);
  const { pane } = await findWorker(ctx.adapter(), spec);
  const outcomes = await dispatcherFor(ctx).clear(pane, task.join(' ') || undefined, waitOptions(values));
  return reportOutcomes(ctx, outcomes, values.json);
}

export const interruptSpec = defineVerb({
  name: 'interrupt',
  summary: 'stop what a worker is doing: Escape for an agent, Ctrl-C for a shell or a program',
  forms: ['WORKER'],
  arguments: [WORKER_ARGUMENT],
  options: { json: { type: 'boolean', help: 'print {interrupted, key, paneId, worker} as JSON' } },
  examples: ['orch-tui interrupt api'],
  notes: ['A worker that has exited is refused (exit 1), as send refuses it.'],
});

/** `interrupt WORKER`: Escape for an agent's turn, Ctrl-C for a shell's command. */
export async function interruptVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(interruptSpec, args);
  const [spec] = positionals;
  if (!spec || positionals.length > 1) throw usageError(interruptSpec);
  const { pane, name } = await findWorker(ctx.adapter(), spec);
  const key = await dispatcherFor(ctx).interrupt(pane);
  ctx.out(values.json ? JSON.stringify({ interrupted: true, key, paneId: pane.paneId, worker: name }) : `Sent ${key} to ${name}.`);
  return 0;
}
