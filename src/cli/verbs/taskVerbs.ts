import { parseArgs } from 'node:util';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { journalFor, TaskQueue } from '../../tasks/taskQueue.js';
import { addTaskFor, retryTaskFor } from '../../tasks/addTask.js';
import { TASK_ID } from '../../team/taskGraph.js';
import type { Task } from '../../tasks/taskTypes.js';
import { readStdin } from './dispatchContext.js';

const USAGE = [
  'Usage: orch-tui task add WORKER TEXT [--after ID]... [--id ID]   (TEXT - reads stdin)',
  '       orch-tui task ls [--json]',
  '       orch-tui task cancel ID | task retry ID | task rm ID... | task clear [--all]',
].join('\n');

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
    if (t.state === 'failed' && t.reason) out.push(`${' '.repeat(widths[0]! + 2)}↳ why: ${t.reason}`);
  });
  return out.join('\n');
}

/** `task add|ls|cancel|retry|rm|clear`. */
export async function taskVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const queue = new TaskQueue(journalFor(ctx.global.server));
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: { after: { type: 'string', multiple: true }, json: { type: 'boolean' }, id: { type: 'string' }, all: { type: 'boolean' } },
  });
  const say = (data: unknown, text: string) => ctx.out(values.json ? JSON.stringify(data) : text);
  switch (sub) {
    case 'add': {
      const [worker, ...words] = positionals;
      if (!worker || words.length === 0) throw new UsageError('Usage: orch-tui task add WORKER TEXT [--after ID]... [--id ID]   (TEXT - reads stdin)');
      if (values.id !== undefined && !TASK_ID.test(values.id)) {
        throw new UsageError(`--id "${values.id}" is not a task id: start with a letter or digit and use only letters, digits, ., - and _.`);
      }
      const after = (values.after ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
      const text = words.length === 1 && words[0] === '-' ? await readStdin() : words.join(' ');
      const added = await addTaskFor(ctx.adapter(), queue, { id: values.id, worker, text, after });
      if (!added.added) process.stderr.write(`orch-tui: task ${added.id} already exists (${added.state}); nothing was added.\n`);
      say(added, added.id);
      return 0;
    }
    case 'ls': {
      if (positionals.length > 0) throw new UsageError('Usage: orch-tui task ls [--json]');
      const { tasks, corrupt } = await queue.list();
      for (const bad of corrupt) process.stderr.write(`orch-tui: journal line ${bad.line} is unreadable and was skipped.\n`);
      if (values.json) ctx.out(JSON.stringify(tasks, null, 2));
      else ctx.out(tasks.length === 0 ? 'No tasks.' : taskTable(tasks));
      return 0;
    }
    case 'cancel':
    case 'retry': {
      const [id] = positionals;
      if (!id || positionals.length > 1) throw new UsageError(`Usage: orch-tui task ${sub} ID`);
      const task = sub === 'cancel' ? await queue.cancel(id) : await retryTaskFor(ctx.adapter(), queue, id);
      say({ id, state: task.state }, `Task ${id} is ${task.state}.`);
      return 0;
    }
    case 'rm': {
      if (positionals.length === 0) throw new UsageError('Usage: orch-tui task rm ID...');
      const removed = await queue.remove([...new Set(positionals)]);
      say({ removed: removed.map((t) => t.id) }, removed.map((t) => `Removed task ${t.id} (${t.state}).`).join('\n'));
      return 0;
    }
    case 'clear': {
      if (positionals.length > 0) throw new UsageError('Usage: orch-tui task clear [--all]');
      const { removed, kept } = await queue.clear({ all: values.all });
      const lines = [
        removed.length === 0 ? 'No tasks to remove.' : `Removed ${removed.length} task${removed.length === 1 ? '' : 's'}: ${removed.map((t) => t.id).join(', ')}.`,
        ...kept.map(({ task, neededBy }) => `Kept ${task.id} (${task.state}): ${neededBy} waits for it.`),
      ];
      say({ removed: removed.map((t) => t.id), kept: kept.map((k) => ({ id: k.task.id, neededBy: k.neededBy })) }, lines.join('\n'));
      return 0;
    }
    default:
      throw new UsageError(sub === undefined ? USAGE : `Unknown task command "${sub}".\n${USAGE}`);
  }
}
