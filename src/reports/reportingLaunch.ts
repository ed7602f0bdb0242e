import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../stateDir.js';
import { agentOfProcess } from '../state/processTree.js';
import { claudeConfigDir } from '../state/claudeSessionFiles.js';
import { REPORT_FILES, reportsRoot } from './reportPaths.js';
import { eventCommand, REPORTED_EVENTS, statusCommand } from './reportHookScript.js';
import { userStatusLine } from './userStatusLine.js';

/** How a Claude worker is started so that it reports to orch-tui. */
export interface ReportingLaunch {
  /** The agent's argv with orch-tui's `--session-id` and `--settings` added. */
  argv: string[];
  /** Its conversation id, known before it starts (absent for `--continue`). */
  claudeSessionId?: string;
  /** Its report directory (see reportPaths). */
  reportDir: string;
}

/** Where Claude Code's own argv starts in an agent command line (`claude …`, `env K=V claude …`), or -1. */
export function claudeArgvStart(argv: readonly string[]): number {
  let i = 0;
  if (path.basename(argv[0] ?? '') === 'env') {
    i = 1;
    while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]!)) i++;
  }
  return i < argv.length && agentOfProcess({ comm: '', args: argv.slice(i) }) === 'claude' ? i : -1;
}

/** The value of a flag (`--flag VALUE` or `--flag=VALUE`) among Claude's arguments; '' when given without one. */
function flagValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (names.includes(arg)) return args[i + 1] !== undefined && !args[i + 1]!.startsWith('-') ? args[i + 1]! : '';
    const eq = arg.indexOf('=');
    if (eq > 0 && names.includes(arg.slice(0, eq))) return arg.slice(eq + 1);
  }
  return undefined;
}

/**
 * Prepare a Claude Code worker to report to orch-tui: a settings layer of
 * its own (hooks and a status line that append to its report directory,
 * the user's own status line run by ours) passed with `--settings`, and a
 * conversation id fixed in advance with `--session-id`. Nothing is written
 * into the user's or the project's settings; their hooks still run (Claude
 * merges hooks across layers).
 *
 * Undefined when the command line does not start Claude, or starts it in a
 * way this would change: with a `--settings` of the user's own (it is not
 * merged, it is left alone) or `--print` (no session to watch).
 */
export async function prepareReportingLaunch(
  argv: readonly string[],
  options: { cwd: string; workerEnv?: Record<string, string>; env?: NodeJS.ProcessEnv },
): Promise<ReportingLaunch | undefined> {
  const start = claudeArgvStart(argv);
  if (start < 0) return undefined;
  const args = argv.slice(start + 1);
  if (flagValue(args, ['--settings']) !== undefined || flagValue(args, ['-p', '--print']) !== undefined) return undefined;
  const env = options.env ?? process.env;
  const given = flagValue(args, ['--session-id']) || flagValue(args, ['-r', '--resume']);
  const continued = flagValue(args, ['-c', '--continue']) !== undefined || flagValue(args, ['-r', '--resume']) === '';
  const claudeSessionId = given || (continued ? undefined : randomUUID());
  const reportDir = path.join(reportsRoot(env), randomUUID());
  await ensurePrivateDir(reportDir, env);
  const settingsFile = path.join(reportDir, REPORT_FILES.settings);
  const theirs = await userStatusLine(claudeConfigDir({ ...env, ...options.workerEnv }), options.cwd);
  const { type: _type, command: userCommand, ...userFields } = theirs ?? { type: 'command', command: undefined };
  const settings = {
    hooks: Object.fromEntries(REPORTED_EVENTS.map((event) => [
      event, [{ hooks: [{ type: 'command', command: eventCommand(reportDir, event), timeout: 10 }] }],
    ])),
    statusLine: { ...userFields, type: 'command', command: statusCommand(reportDir, userCommand) },
  };
  await writeFile(settingsFile, JSON.stringify(settings, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
  const added = [...(given || continued ? [] : ['--session-id', claudeSessionId!]), '--settings', settingsFile];
  return { argv: [...argv, ...added], ...(claudeSessionId ? { claudeSessionId } : {}), reportDir };
}
