import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb, usageError } from '../verbSpec.js';
import { journalFor, serverStateDir, TaskQueue } from '../../tasks/taskQueue.js';
import { TaskEngine } from '../../tasks/taskEngine.js';
import { acquireDispatcherLock } from '../../tasks/dispatcherLock.js';
import { dispatcherFor } from './dispatchContext.js';
import type { Task } from '../../tasks/taskTypes.js';
import { markOwnPane } from '../../workers/selfMark.js';

export const taskSpec = defineVerb({
  name: 'task',
  summary: 'the task queue: add a task, list them, cancel or retry one',
  forms: ['add WORKER TEXT', 'ls', 'cancel ID', 'retry ID'],
  arguments: [
    ['WORKER', 'the worker that gets the task (its name, as `ls` shows it)'],
    ['TEXT', 'the task; {{result:ID}} becomes task ID\'s result when it is sent'],
    ['ID', 'a task id, as `task add` printed it (t1, t2, ...)'],
  ],
  options: {
    after: { type: 'string', value: 'ID', multiple: true, help: 'add: send it only once task ID is done (repeatable, or ID,ID)' },
    title: { type: 'string', value: 'TEXT', help: 'add: its title in the status report (default: its first sentence)' },
    id: { type: 'string', value: 'ID', help: 'add: its id instead of the next tN' },
    json: { type: 'boolean', help: 'print the id (add), the tasks (ls) or the new state as JSON' },
  },
  examples: [
    "orch-tui task add backend 'Write the auth API; reply with its signatures.'",
    "orch-tui task add frontend 'Build the login form on: {{result:t1}}' --after t1",
  ],
  notes: ['The dashboard (or orch-tui run) sends a queued task when its worker is idle and every task in its --after is done.'],
});

function firstLine(text: string, max = 60): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `task add|ls|cancel|retry`. */
export async function taskVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const queue = new TaskQueue(journalFor(ctx.global.server));
  const { values, positionals } = parseVerb(taskSpec, rest);
  switch (sub) {
    case 'add': {
      const [worker, ...words] = positionals;
      if (!worker || words.length === 0) throw usageError(taskSpec);
      const after = (values.after ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
      const { id } = await queue.add({ id: values.id, worker, text: words.join(' '), after, title: values.title });
      ctx.out(values.json ? JSON.stringify({ id }) : id);
      return 0;
    }
    case 'ls': {
      const { tasks, corrupt } = await queue.list();
      for (const bad of corrupt) process.stderr.write(`orch-tui: journal line ${bad.line} is unreadable and was skipped.\n`);
      if (values.json) {
        ctx.out(JSON.stringify(tasks, null, 2));
        return 0;
      }
      if (tasks.length === 0) {
        ctx.out('No tasks.');
        return 0;
      }
      const rows = tasks.map((t: Task) => [t.id, t.state, t.worker, t.after.join(',') || '-', firstLine(t.text)]);
      const header = ['ID', 'STATE', 'WORKER', 'AFTER', 'TEXT'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      ctx.out([header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n'));
      return 0;
    }
    case 'cancel':
    case 'retry': {
      const [id] = positionals;
      if (!id || positionals.length > 1) throw usageError(taskSpec);
      const task = sub === 'cancel' ? await queue.cancel(id) : await queue.retry(id);
      ctx.out(values.json ? JSON.stringify({ id, state: task.state }) : `Task ${id} is ${task.state}.`);
      return 0;
    }
    default:
      throw usageError(taskSpec, sub ? `task has no "${sub}".` : undefined);
  }
}

export const runSpec = defineVerb({
  name: 'run',
  summary: 'dispatch queued tasks without the dashboard (which dispatches them too while it runs)',
  forms: [],
  options: {
    once: { type: 'boolean', help: 'stop when no task is queued or sent' },
    json: { type: 'boolean', help: 'one JSON object a line per event' },
  },
  examples: ['orch-tui run --once'],
  notes: ['Only one dispatcher runs per server; a second one says who holds the lock.'],
});

/** `run`: the headless dispatcher, the same engine the dashboard runs. */
export async function runVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values } = parseVerb(runSpec, args);
  const release = await acquireDispatcherLock(serverStateDir(ctx.global.server), `orch-tui run`);
  const unmark = await markOwnPane(ctx.adapter(), 'run');
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const say = (message: string, tone: string) =>
    ctx.out(values.json ? JSON.stringify({ at: new Date().toISOString(), tone, message }) : `${new Date().toLocaleTimeString()} ${message}`);
  const engine = new TaskEngine({
    adapter: ctx.adapter(),
    dispatcher: dispatcherFor(ctx),
    journal: journalFor(ctx.global.server),
    report: say,
  });
  try {
    say('Dispatching tasks; Ctrl+C stops.', 'info');
    while (!stop) {
      await engine.tick().catch((error: unknown) => say(`tick failed: ${(error as Error).message}`, 'error'));
      const open = engine.tasks.filter((t) => t.state === 'queued' || t.state === 'sent');
      if (values.once && open.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, ctx.global.intervalMs));
    }
  } finally {
    await unmark();
    await release();
  }
  return 0;
}
