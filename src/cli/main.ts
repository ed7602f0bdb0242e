import { parseCommandLine, type GlobalOptions } from './globalOptions.js';
import { globalHelp } from './helpText.js';
import { packageVersion } from './version.js';
import { createVerbContext, type VerbContext } from './verbContext.js';
import { asksForHelp, verbHelp, type VerbSpec } from './verbSpec.js';
import { dashboardSpec, dashboardVerb } from './verbs/dashboardVerb.js';
import { lsSpec, lsVerb } from './verbs/lsVerb.js';
import { captureSpec, captureVerb } from './verbs/captureVerb.js';
import { demoSpec, demoVerb } from './verbs/demoVerb.js';
import {
  broadcastSpec, broadcastVerb, clearSpec, clearVerb, compactSpec, compactVerb, interruptSpec, interruptVerb, sendSpec, sendVerb,
} from './verbs/sendVerbs.js';
import { killSpec, killVerb, newSpec, newVerb } from './verbs/workerVerbs.js';
import { adoptSpec, adoptVerb, releaseSpec, releaseVerb } from './verbs/manageVerbs.js';
import { classifySpec, classifyVerb, waitSpec, waitVerb } from './verbs/stateVerbs.js';
import { taskSpec, taskVerb } from './verbs/taskVerbs.js';
import { runSpec, runVerb } from './verbs/runVerb.js';
import { statusSpec, statusVerbWith } from './verbs/statusVerb.js';
import { downSpec, downVerbWith, teamQueuePort, upSpec, upVerbWith } from './verbs/teamVerbs.js';
import { mcpSpec, mcpVerb } from './verbs/mcpVerb.js';
import { initSpec, initVerb } from './verbs/initVerb.js';
import { noteSpec, noteVerb } from './verbs/noteVerb.js';
import { restoreSpec, restoreVerb } from './verbs/restoreVerb.js';
import { notesBoardFor } from '../notes/notesBoard.js';
import { journalFor, TaskQueue } from '../tasks/taskQueue.js';
import { errorSentence } from './errorSentence.js';

type Verb = (ctx: VerbContext, args: string[]) => Promise<number>;

/**
 * Every verb: its spec (parser and --help) and what it does, in the order
 * `orch-tui --help` lists them. A new verb is one more row.
 */
export const VERBS: ReadonlyArray<{ spec: VerbSpec; run: Verb }> = [
  { spec: dashboardSpec, run: dashboardVerb },
  { spec: demoSpec, run: demoVerb },
  { spec: lsSpec, run: lsVerb },
  { spec: captureSpec, run: captureVerb },
  { spec: sendSpec, run: sendVerb },
  { spec: broadcastSpec, run: broadcastVerb },
  { spec: compactSpec, run: compactVerb },
  { spec: clearSpec, run: clearVerb },
  { spec: interruptSpec, run: interruptVerb },
  { spec: killSpec, run: killVerb },
  { spec: newSpec, run: newVerb },
  { spec: adoptSpec, run: adoptVerb },
  { spec: releaseSpec, run: releaseVerb },
  { spec: classifySpec, run: classifyVerb },
  { spec: waitSpec, run: waitVerb },
  { spec: taskSpec, run: taskVerb },
  { spec: runSpec, run: runVerb },
  { spec: noteSpec, run: noteVerb },
  {
    spec: statusSpec,
    run: (ctx, args) => statusVerbWith({
      tasks: async () => (await new TaskQueue(journalFor(ctx.global.server)).list()).tasks,
      notes: async () => (await notesBoardFor(ctx.global.server).load()).notes,
    })(ctx, args),
  },
  { spec: upSpec, run: upVerbWith((ctx) => teamQueuePort(new TaskQueue(journalFor(ctx.global.server)), ctx.adapter())) },
  { spec: downSpec, run: downVerbWith((ctx) => new TaskQueue(journalFor(ctx.global.server))) },
  { spec: restoreSpec, run: restoreVerb },
  { spec: mcpSpec, run: mcpVerb },
  { spec: initSpec, run: initVerb },
];

const byName = (name: string | undefined) => VERBS.find((v) => v.spec.name === name);

/** `orch-tui --help`, `orch-tui help [VERB]`, `orch-tui VERB --help`: the text to print, or undefined. */
function helpFor(global: GlobalOptions, verb: string | undefined, rest: string[]): { text: string } | { unknown: string } | undefined {
  if (verb === 'help') {
    const [topic] = rest;
    // `help --help` (or `help help`) asks about help itself: the global help is its answer.
    if (topic === undefined || topic === 'help' || asksForHelp([topic])) return { text: globalHelp(VERBS.map((v) => v.spec)) };
    const entry = byName(topic);
    return entry ? { text: verbHelp(entry.spec) } : { unknown: topic };
  }
  const entry = byName(verb);
  if (global.help) return { text: entry ? verbHelp(entry.spec) : globalHelp(VERBS.map((v) => v.spec)) };
  if (entry && asksForHelp(rest)) return { text: verbHelp(entry.spec) };
  return undefined;
}

/** Run the CLI; resolves to the exit code. Failures print one sentence on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  let global: GlobalOptions;
  let verb: string | undefined;
  let rest: string[];
  try {
    ({ global, verb, rest } = parseCommandLine(argv));
  } catch (error) {
    process.stderr.write(`orch-tui: ${errorSentence(error)}\n`);
    return 1;
  }
  if (global.version) {
    process.stdout.write(`orch-tui ${packageVersion()}\n`);
    return 0;
  }
  const help = helpFor(global, verb, rest);
  if (help && 'text' in help) {
    process.stdout.write(help.text);
    return 0;
  }
  const name = help ? help.unknown : verb ?? 'dashboard';
  const entry = byName(name);
  if (!entry) {
    process.stderr.write(`orch-tui: unknown verb "${name}"; see orch-tui --help.\n`);
    return 1;
  }
  const ctx = createVerbContext(global);
  try {
    return await entry.run(ctx, rest);
  } catch (error) {
    process.stderr.write(`orch-tui: ${errorSentence(error)}\n`);
    return 1;
  } finally {
    await ctx.close().catch(() => undefined);
  }
}
