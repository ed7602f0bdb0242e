import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb, usageError } from '../verbSpec.js';
import { journalFor, TaskQueue } from '../../tasks/taskQueue.js';
import { addTaskFor, retryTaskFor } from '../../tasks/addTask.js';
import { TASK_ID } from '../../team/taskGraph.js';
import type { Task } from '../../tasks/taskTypes.js';
import { readStdin } from './dispatchContext.js';

export const taskSpec = defineVerb({
  name: 'task',
  summary: 'the task queue: add a task, list them (a failed one says why), cancel, retry or remove them',
  forms: ['add WORKER TEXT', 'ls', 'cancel ID', 'retry ID', 'rm ID...', 'clear'],
  arguments: [
    ['WORKER', 'the live worker that gets the task (its name, as `ls` shows it)'],
    ['TEXT', "the task (- reads it from stdin); {{result:ID}} becomes task ID's result when it is sent"],
    ['ID', 'a task id, as `task add` printed it (t1, t2, ...)'],
  ],
  options: {
    after: { type: 'string', value: 'ID', multiple: true, help: 'add: send it only once task ID is done (repeatable, or ID,ID)' },
    title: { type: 'string', value: 'TEXT', help: 'add: its title in the status report (default: its first sentence)' },
    id: { type: 'string', value: 'ID', help: 'add: its id instead of the next tN' },
    all: { type: 'boolean', help: 'clear: the queued tasks too, not only the finished ones' },
    json: { type: 'boolean', help: 'print the id (add), the tasks (ls) or what changed as JSON' },
  },
  examples: [
    "orch-tui task add backend 'Write the auth API; reply with its signatures.'",
    "orch-tui task add frontend 'Build the login form on: {{result:t1}}' --after t1",
    'orch-tui task clear',
  ],
  notes: [
    'The dashboard (or orch-tui run) sends a queued task when its worker is idle and every task in its --after is done.',
    'retry runs a failed, cancelled, done or interrupted task again; rm removes tasks; clear removes the finished ones.',
  ],
});

function firstLine(text: string, max = 60): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The queue as a table; a failed task gets a line saying why under its row. */
export function taskTable(tasks: readonly Task[]): string {
  const rows = tasks.map((t: Task) => [t.id, t.state, t.worker, t.after.join(',') || '-', firstLine(t.text)]);
  const header = ['ID', 'STATE', 'WORKER', 'AFTER', 'TEXT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header)];
  tasks.forEach((t, i) => {
    out.push(line(rows[i]!));
    if ((t.state === 'failed' || t.state === 'interrupted') && t.reason) out.push(`${' '.repeat(widths[0]! + 2)}↳ why: ${t.reason}`);
  });
  return out.join('\n');
}

/** `task add|ls|cancel|retry|rm|clear`. */
export async function taskVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const queue = new TaskQueue(journalFor(ctx.global.server));
  const { values, positionals } = parseVerb(taskSpec, rest);
  const say = (data: unknown, text: string) => ctx.out(values.json ? JSON.stringify(data) : text);
  switch (sub) {
    case 'add': {
      const [worker, ...words] = positionals;
      if (!worker || words.length === 0) throw usageError(taskSpec);
      if (values.id !== undefined && !TASK_ID.test(values.id)) {
        throw new UsageError(`--id "${values.id}" is not a task id: start with a letter or digit and use only letters, digits, ., - and _.`);
      }
      const after = (values.after ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
      const text = words.length === 1 && words[0] === '-' ? await readStdin() : words.join(' ');
      const added = await addTaskFor(ctx.adapter(), queue, { id: values.id, worker, text, after, title: values.title });
      if (!added.added) process.stderr.write(`orch-tui: task ${added.id} already exists (${added.state}); nothing was added.\n`);
      say(added, added.id);
      return 0;
    }
    case 'ls': {
      if (positionals.length > 0) throw usageError(taskSpec);
      const { tasks, corrupt } = await queue.list();
      for (const bad of corrupt) process.stderr.write(`orch-tui: journal line ${bad.line} is unreadable and was skipped.\n`);
      if (values.json) ctx.out(JSON.stringify(tasks, null, 2));
      else ctx.out(tasks.length === 0 ? 'No tasks.' : taskTable(tasks));
      return 0;
    }
    case 'cancel':
    case 'retry': {
      const [id] = positionals;
      if (!id || positionals.length > 1) throw usageError(taskSpec);
      const task = sub === 'cancel' ? await queue.cancel(id) : await retryTaskFor(ctx.adapter(), queue, id);
      say({ id, state: task.state }, `Task ${id} is ${task.state}.`);
      return 0;
    }
    case 'rm': {
      if (positionals.length === 0) throw usageError(taskSpec);
      const removed = await queue.remove([...new Set(positionals)]);
      say({ removed: removed.map((t) => t.id) }, removed.map((t) => `Removed task ${t.id} (${t.state}).`).join('\n'));
      return 0;
    }
    case 'clear': {
      if (positionals.length > 0) throw usageError(taskSpec);
      const { removed, kept } = await queue.clear({ all: values.all });
      const lines = [
        removed.length === 0 ? 'No tasks to remove.' : `Removed ${removed.length} task${removed.length === 1 ? '' : 's'}: ${removed.map((t) => t.id).join(', ')}.`,
        ...kept.map(({ task, neededBy }) => `Kept ${task.id} (${task.state}): ${neededBy} waits for it.`),
      ];
      say({ removed: removed.map((t) => t.id), kept: kept.map((k) => ({ id: k.task.id, neededBy: k.neededBy })) }, lines.join('\n'));
      return 0;
    }
    default:
      throw usageError(taskSpec, sub === undefined ? undefined : `task has no "${sub}".`);
  }
}
