import { parseArgs } from 'node:util';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
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

/**
 * `run [--once | --until-done]`: the headless dispatcher, the same engine the
 * dashboard runs.
 * - `--once`: one round; exit 0 when nothing was due or every due task was
 *   sent, else 1 with a sentence per task that was not (or failed).
 * - `--until-done`: rounds until every task open at the start (or added
 *   meanwhile) has finished; 0 when all of them are done.
 * - neither: until Ctrl+C; a failing round is said once, not every tick.
 */
export async function runVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, strict: true, allowPositionals: true,
    options: { once: { type: 'boolean' }, 'until-done': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (positionals.length > 0 || (values.once && values['until-done'])) throw new UsageError('Usage: orch-tui run [--once | --until-done] [--json]');
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
  const engine = new TaskEngine({ adapter: ctx.adapter(), dispatcher, journal: journalFor(ctx.global.server), report: say, withNotes: taskNotesFrom(board) });
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
