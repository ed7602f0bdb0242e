import type { VerbContext } from '../verbContext.js';
import { asksForHelp, defineVerb, parseVerb, verbHelp } from '../verbSpec.js';
import { restoreWorkers, type RestoreReport } from '../../restore/restoreWorkers.js';
import { journalFor, TaskQueue } from '../../tasks/taskQueue.js';
import type { Task } from '../../tasks/taskTypes.js';

export const restoreSpec = defineVerb({
  name: 'restore',
  summary: 'make again the recorded workers missing from the server (after a reboot, or tmux was killed), each in its directory; a Claude resumes its conversation',
  forms: ['[WORKER...]'],
  arguments: [['WORKER', 'only these recorded workers (default: every one that is missing)']],
  options: {
    'dry-run': { type: 'boolean', help: 'say what would be done, and do nothing' },
    json: { type: 'boolean', help: 'print {restored, notRestored, running, broken, tasks} as JSON' },
  },
  examples: ['orch-tui restore', 'orch-tui restore --dry-run', 'orch-tui -L work restore api'],
  notes: [
    'orch-tui keeps a record of each worker it creates or you adopt. A Claude comes back with --resume and its conversation id, and reports to orch-tui as before; any other program starts fresh, and restore says so. A worker whose directory or worktree is gone is named, and the others are restored.',
    'A task that was in flight when its worker went is not sent again: the next dispatcher (orch-tui run, or the dashboard) reads the resumed conversation; a task it shows arrived goes on, one it does not is marked interrupted and waits for orch-tui task retry (or run --retry-interrupted).',
    'Exit 0 when every missing worker came back (or, with --dry-run, would), else 1.',
  ],
});

/** The open tasks of the workers restore brought back (or would). */
function openTasksOf(tasks: readonly Task[], names: ReadonlySet<string>): Task[] {
  return tasks.filter((t) => names.has(t.worker) && (t.state === 'queued' || t.state === 'sent'));
}

function lines(report: RestoreReport, tasks: readonly Task[], dryRun: boolean): string[] {
  const out: string[] = [];
  for (const step of report.steps) {
    if (step.kind !== 'restore' || !dryRun) continue;
    const how = step.conversation ? `resume Claude conversation ${step.conversation}` : `start fresh (${step.fresh})`;
    out.push(`would restore ${step.record.name} in ${step.record.cwd}: ${how}`);
  }
  for (const w of report.restored) {
    const how = w.conversation ? `resumed Claude conversation ${w.conversation}` : `started fresh (${w.fresh})`;
    out.push(`restored ${w.name} (${w.paneId}) in ${w.cwd}: ${how}`);
  }
  for (const name of report.running) out.push(`running ${name}: left as it is`);
  for (const name of report.exited) out.push(`exited ${name}: its program has exited and its pane is kept; left as it is`);
  for (const name of report.ended) out.push(`left ${name}: it ended on this server without orch-tui (killed, or its pane closed); orch-tui restore ${name} makes it again`);
  for (const task of tasks) {
    out.push(task.state === 'sent'
      ? `task ${task.id} (${task.worker}) was in flight: not sent again; the dispatcher (orch-tui run, or the dashboard) reads ${task.worker}'s conversation and goes on with it, or marks it interrupted`
      : `task ${task.id} (${task.worker}) stays queued`);
  }
  return out;
}

/** `restore [--dry-run] [WORKER...] [--json]`. */
export async function restoreVerb(ctx: VerbContext, args: string[]): Promise<number> {
  if (asksForHelp(args)) {
    ctx.out(verbHelp(restoreSpec));
    return 0;
  }
  const { values, positionals } = parseVerb(restoreSpec, args);
  const dryRun = values['dry-run'] === true;
  const report = await restoreWorkers(ctx.adapter(), { names: positionals, dryRun });
  const back = new Set(dryRun ? report.steps.flatMap((s) => (s.kind === 'restore' ? [s.record.name] : [])) : report.restored.map((w) => w.name));
  const tasks = openTasksOf((await new TaskQueue(journalFor(ctx.global.server)).list()).tasks, back);
  for (const bad of report.broken) process.stderr.write(`orch-tui: the worker record ${bad.file} was skipped: ${bad.reason}.\n`);
  if (values.json) {
    const wouldRestore = report.steps.flatMap((s) => (s.kind === 'restore' && dryRun ? [{ name: s.record.name, cwd: s.record.cwd, argv: s.argv, conversation: s.conversation, fresh: s.fresh }] : []));
    ctx.out(JSON.stringify({
      dryRun, restored: report.restored, ...(dryRun ? { wouldRestore } : {}), notRestored: report.notRestored,
      running: report.running, ended: report.ended, exited: report.exited, broken: report.broken, tasks: tasks.map((t) => ({ id: t.id, worker: t.worker, state: t.state })),
    }, null, 2));
  } else {
    if (report.steps.length === 0) ctx.out('No worker is recorded for this server: orch-tui records each worker it creates (new, up) or you adopt.');
    for (const line of lines(report, tasks, dryRun)) ctx.out(line);
    for (const miss of report.notRestored) process.stderr.write(`orch-tui: ${miss.name} was not ${dryRun ? 'going to be ' : ''}restored: ${miss.reason}.\n`);
    if (report.steps.length > 0 && report.steps.every((s) => s.kind === 'running')) ctx.out('Every recorded worker is running; nothing to restore.');
    else if (report.steps.length > 0 && report.steps.every((s) => s.kind === 'running' || s.kind === 'ended' || s.kind === 'exited')) ctx.out('Nothing to restore.');
  }
  return report.notRestored.length === 0 ? 0 : 1;
}
