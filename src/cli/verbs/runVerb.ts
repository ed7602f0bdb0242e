import { parsePercent } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb, usageError } from '../verbSpec.js';
import { journalFor, serverStateDir } from '../../tasks/taskQueue.js';
import { TaskEngine, type TickReport } from '../../tasks/taskEngine.js';
import { acquireDispatcherLock } from '../../tasks/dispatcherLock.js';
import { describeError } from '../../tmux/tmuxErrors.js';
import { dispatcherFor } from './dispatchContext.js';
import { markOwnPane } from '../../workers/selfMark.js';
import { notesBoardFor } from '../../notes/notesBoard.js';
import { taskNotesFrom } from '../../notes/noteDelivery.js';
import { NotesCourier } from '../../notes/notesCourier.js';

const OPEN = new Set(['queued', 'sent']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const runSpec = defineVerb({
  name: 'run',
  summary: 'dispatch queued tasks without the dashboard (which dispatches them too while it runs)',
  forms: [],
  options: {
    once: { type: 'boolean', help: 'one round: exit 0 when every due task was sent, else 1 with a sentence per task' },
    'until-done': { type: 'boolean', help: 'rounds until the open tasks have finished: exit 0 when all are done' },
    'compact-at': { type: 'string', value: 'PERCENT', help: "before a worker's next task, /compact it when its context is fuller than PERCENT (the task's text as the goal)" },
    'retry-interrupted': { type: 'boolean', help: 'send again, without asking, a task that was in flight when its worker died and never arrived (else it waits for task retry)' },
    json: { type: 'boolean', help: 'one JSON object a line per event' },
  },
  examples: ['orch-tui run --until-done', 'orch-tui run --compact-at 70'],
  notes: ['Without --once or --until-done it runs until Ctrl+C. Only one dispatcher runs per server; a second one says who holds the lock.'],
});

/**
 * `run [--once | --until-done] [--compact-at PERCENT]`: the headless
 * dispatcher, the same engine the dashboard runs (`--compact-at`: see
 * autoCompact.ts).
 * - `--once`: one round; exit 0 when nothing was due or every due task was
 *   sent, else 1 with a sentence per task that was not (or failed).
 * - `--until-done`: rounds until every task open at the start (or added
 *   meanwhile) has finished; 0 when all of them are done.
 * - neither: until Ctrl+C; a failing round is said once, not every tick.
 */
export async function runVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values } = parseVerb(runSpec, args);
  if (values.once && values['until-done']) throw usageError(runSpec, 'run takes --once or --until-done, not both.');
  const compactAt = values['compact-at'] === undefined ? ctx.global.compactAt : parsePercent('--compact-at', values['compact-at']);
  const release = await acquireDispatcherLock(serverStateDir(ctx.global.server), `orch-tui run`);
  const unmark = await markOwnPane(ctx.adapter(), 'run');
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const say = (message: string, tone: string) => {
    if (values.json) ctx.out(JSON.stringify({ at: new Date().toISOString(), tone, message }));
    else if (tone === 'error') process.stderr.write(`orch-tui: ${message}\n`);
    else ctx.out(values.once || values['until-done'] ? message : `${new Date().toLocaleTimeString()} ${message}`);
  };
  const board = notesBoardFor(ctx.global.server);
  const dispatcher = dispatcherFor(ctx);
  const engine = new TaskEngine({ adapter: ctx.adapter(), dispatcher, journal: journalFor(ctx.global.server), report: say, withNotes: taskNotesFrom(board), compactAt,
    ...(values['retry-interrupted'] || ctx.global.retryInterrupted ? { retryInterrupted: true } : {}),
  });
  const courier = new NotesCourier({ adapter: ctx.adapter(), dispatcher, board, report: say });
  // The dispatcher's notes work (change notes, `now` notes) follows every task round.
  const tick = async (): Promise<TickReport> => {
    const report = await engine.tick();
    await courier.round();
    return report;
  };
  try {
    if (values.once) return await runOnce(tick, say);
    if (values['until-done']) return await runUntilDone(engine, tick, say, () => stop, ctx.global.intervalMs);
    say('Dispatching tasks; Ctrl+C stops.', 'info');
    let lastError: string | undefined;
    while (!stop) {
      try {
        await tick();
        if (lastError) say('Dispatching again.', 'info');
        lastError = undefined;
      } catch (error) {
        const message = `a dispatch round failed: ${describeError(error).replace(/\.$/, '')}`;
        if (message !== lastError) say(`${message} (trying again every ${ctx.global.intervalMs} ms)`, 'error');
        lastError = message;
      }
      await sleep(ctx.global.intervalMs);
    }
    return 0;
  } finally {
    await unmark();
    await release();
  }
}

async function runOnce(tick: () => Promise<TickReport>, say: (message: string, tone: string) => void): Promise<number> {
  let report: TickReport;
  try {
    report = await tick();
  } catch (error) {
    say(`${describeError(error).replace(/\.$/, '')}; nothing was sent.`, 'error');
    return 1;
  }
  for (const held of report.held) say(`Task ${held.id} is due but was not sent: ${held.reason}.`, 'error');
  if (report.sent.length + report.finished.length + report.failed.length + report.held.length === 0) say('Nothing was due.', 'info');
  return report.failed.length + report.held.length === 0 ? 0 : 1;
}

async function runUntilDone(
  engine: TaskEngine, tick: () => Promise<TickReport>, say: (message: string, tone: string) => void, stopped: () => boolean, intervalMs: number,
): Promise<number> {
  const watched = new Set<string>();
  for (;;) {
    try {
      await engine.refresh();
      for (const task of engine.tasks) if (OPEN.has(task.state)) watched.add(task.id);
      await tick();
    } catch (error) {
      say(`${describeError(error).replace(/\.$/, '')}; stopped dispatching.`, 'error');
      return 1;
    }
    for (const task of engine.tasks) if (OPEN.has(task.state)) watched.add(task.id);
    const mine = engine.tasks.filter((t) => watched.has(t.id));
    if (mine.every((t) => !OPEN.has(t.state))) {
      const bad = mine.filter((t) => t.state !== 'done');
      if (bad.length === 0) {
        say(watched.size === 0 ? 'Nothing was open.' : `All ${watched.size} tasks are done.`, 'ok');
        return 0;
      }
      say(`Not done: ${bad.map((t) => `${t.id} ${t.state}${t.reason && t.reason !== 'cancelled' ? ` (${t.reason})` : ''}`).join('; ')}.`, 'error');
      return 1;
    }
    if (stopped()) {
      say(`Stopped with ${mine.filter((t) => OPEN.has(t.state)).length} tasks still open.`, 'error');
      return 1;
    }
    await sleep(intervalMs);
  }
}
