import { parseArgs } from 'node:util';
import { parseCommandLine, type GlobalOptions } from './globalOptions.js';
import { HELP_TEXT } from './helpText.js';
import { packageVersion } from './version.js';
import { createVerbContext, type VerbContext } from './verbContext.js';
import { runDashboard } from './runDashboard.js';
import { lsVerb } from './verbs/lsVerb.js';
import { captureVerb } from './verbs/captureVerb.js';
import { demoVerb } from './verbs/demoVerb.js';
import { broadcastVerb, clearVerb, compactVerb, interruptVerb, sendVerb } from './verbs/sendVerbs.js';
import { killVerb, newVerb } from './verbs/workerVerbs.js';
import { adoptVerb, releaseVerb } from './verbs/manageVerbs.js';
import { classifyVerb, waitVerb } from './verbs/stateVerbs.js';
import { taskVerb } from './verbs/taskVerbs.js';
import { runVerb } from './verbs/runVerb.js';
import { statusVerbWith } from './verbs/statusVerb.js';
import { downVerbWith, teamQueuePort, upVerbWith } from './verbs/teamVerbs.js';
import { mcpVerb } from './verbs/mcpVerb.js';
import { initVerb } from './verbs/initVerb.js';
import { noteVerb } from './verbs/noteVerb.js';
import { notesBoardFor } from '../notes/notesBoard.js';
import { journalFor, TaskQueue } from '../tasks/taskQueue.js';
import { describeError } from '../tmux/tmuxErrors.js';

type Verb = (ctx: VerbContext, args: string[]) => Promise<number>;

async function dashboardVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { 'kill-server-on-quit': { type: 'boolean' } } });
  await runDashboard({ ...ctx.global, killServerOnQuit: values['kill-server-on-quit'] });
  return 0;
}

const VERBS: Record<string, Verb> = {
  dashboard: dashboardVerb,
  demo: demoVerb,
  ls: lsVerb,
  capture: captureVerb,
  send: sendVerb,
  broadcast: broadcastVerb,
  compact: compactVerb,
  clear: clearVerb,
  interrupt: interruptVerb,
  kill: killVerb,
  new: newVerb,
  adopt: adoptVerb,
  release: releaseVerb,
  classify: classifyVerb,
  wait: waitVerb,
  task: taskVerb,
  run: runVerb,
  note: noteVerb,
  up: upVerbWith((ctx) => teamQueuePort(new TaskQueue(journalFor(ctx.global.server)), ctx.adapter())),
  down: downVerbWith((ctx) => new TaskQueue(journalFor(ctx.global.server))),
  mcp: mcpVerb,
  init: initVerb,
  status: (ctx, args) => statusVerbWith({
    tasks: async () => (await new TaskQueue(journalFor(ctx.global.server)).list()).tasks,
    notes: async () => (await notesBoardFor(ctx.global.server).load()).notes,
  })(ctx, args),
};

/** Run the CLI; resolves to the exit code. Failures print one sentence on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  let global: GlobalOptions;
  let verb: string | undefined;
  let rest: string[];
  try {
    ({ global, verb, rest } = parseCommandLine(argv));
  } catch (error) {
    process.stderr.write(`orch-tui: ${describeError(error)}\n`);
    return 1;
  }
  if (global.version) {
    process.stdout.write(`orch-tui ${packageVersion()}\n`);
    return 0;
  }
  if (global.help || verb === 'help') {
    process.stdout.write(HELP_TEXT);
    return 0;
  }
  const run = VERBS[verb ?? 'dashboard'];
  if (!run) {
    process.stderr.write(`orch-tui: unknown verb "${verb}"; see orch-tui --help.\n`);
    return 1;
  }
  const ctx = createVerbContext(global);
  try {
    return await run(ctx, rest);
  } catch (error) {
    process.stderr.write(`orch-tui: ${describeError(error)}\n`);
    return 1;
  } finally {
    await ctx.close().catch(() => undefined);
  }
}
