import { parseArgs } from 'node:util';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { journalFor, serverStateDir, TaskQueue } from '../../tasks/taskQueue.js';
import { TaskEngine } from '../../tasks/taskEngine.js';
import { acquireDispatcherLock } from '../../tasks/dispatcherLock.js';
import { dispatcherFor } from './dispatchContext.js';
import type { Task } from '../../tasks/taskTypes.js';
import { markOwnPane } from '../../workers/selfMark.js';
import { notesBoardFor } from '../../notes/notesBoard.js';
import { taskNotesFrom } from '../../notes/noteDelivery.js';
import { NotesCourier } from '../../notes/notesCourier.js';

const USAGE = 'Usage: orch-tui task add WORKER TEXT [--after ID]... | task ls [--json] | task cancel ID | task retry ID';

function firstLine(text: string, max = 60): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `task add|ls|cancel|retry`. */
export async function taskVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const queue = new TaskQueue(journalFor(ctx.global.server));
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: { after: { type: 'string', multiple: true }, json: { type: 'boolean' }, id: { type: 'string' } },
  });
  switch (sub) {
    case 'add': {
      const [worker, ...words] = positionals;
      if (!worker || words.length === 0) throw new UsageError('Usage: orch-tui task add WORKER TEXT [--after ID]...');
      const after = (values.after ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
      const { id } = await queue.add({ id: values.id, worker, text: words.join(' '), after });
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
      if (!id || positionals.length > 1) throw new UsageError(`Usage: orch-tui task ${sub} ID`);
      const task = sub === 'cancel' ? await queue.cancel(id) : await queue.retry(id);
      ctx.out(values.json ? JSON.stringify({ id, state: task.state }) : `Task ${id} is ${task.state}.`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

/** `run`: the headless dispatcher, the same engine the dashboard runs. */
export async function runVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { once: { type: 'boolean' }, json: { type: 'boolean' } } });
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
  const board = notesBoardFor(ctx.global.server);
  const dispatcher = dispatcherFor(ctx);
  const engine = new TaskEngine({
    adapter: ctx.adapter(),
    dispatcher,
    journal: journalFor(ctx.global.server),
    report: say,
    withNotes: taskNotesFrom(board),
  });
  const courier = new NotesCourier({ adapter: ctx.adapter(), dispatcher, board, report: say });
  try {
    say('Dispatching tasks; Ctrl+C stops.', 'info');
    while (!stop) {
      await engine.tick().catch((error: unknown) => say(`tick failed: ${(error as Error).message}`, 'error'));
      await courier.round().catch((error: unknown) => say(`notes round failed: ${(error as Error).message}`, 'error'));
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
