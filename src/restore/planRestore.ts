import path from 'node:path';
import type { WorkerRecord } from '../reports/workerRecord.js';
import { claudeArgvStart } from '../reports/reportingLaunch.js';
import { reportDirOfArgs } from '../reports/reportPaths.js';
import { sameServerLife } from '../tasks/serverLife.js';
import type { ServerLife } from '../tasks/taskTypes.js';
import { WORKER_NAME } from '../dispatch/createWorker.js';

/** What restore does with one recorded worker. */
export type RestoreStep =
  /** It runs on this server now: left as it is. */
  | { kind: 'running'; record: WorkerRecord }
  /** Its program exited on this very server; its pane is kept (with what it said): left as it is. */
  | { kind: 'exited'; record: WorkerRecord }
  /** It ended on this very server (killed outside orch-tui, its pane closed): made again only when named. */
  | { kind: 'ended'; record: WorkerRecord }
  /** Not made again, and why in one sentence (its directory is gone, its name is taken, ...). */
  | { kind: 'blocked'; record: WorkerRecord; reason: string }
  /** Made again with `argv`: resuming `conversation`, or fresh (`fresh` says why). */
  | { kind: 'restore'; record: WorkerRecord; argv: string[]; conversation?: string; fresh?: string };

/** What restore sees of the server and the disk. */
export interface RestoreWorld {
  /** The life of the server now running on the socket (none: no server). */
  life?: ServerLife;
  /** Session names on that server. */
  sessions: ReadonlySet<string>;
  /** Pane ids on that server. */
  panes: ReadonlySet<string>;
  /** Those of them whose program has exited (kept by remain-on-exit). */
  deadPanes?: ReadonlySet<string>;
  /** Whether a directory exists. */
  isDirectory(dir: string): boolean;
  /** Whether Claude keeps a conversation of this id, for the Claude of this record. */
  hasConversation(record: WorkerRecord, id: string): boolean;
  /** Workers named on the command line: one that ended on this very server is restored only when named. */
  named?: ReadonlySet<string>;
}

/** Flags with a value that orch-tui's restore replaces in a Claude command line. */
const CONVERSATION_FLAGS = new Set(['--session-id', '--resume', '-r']);
const CONVERSATION_SWITCHES = new Set(['--continue', '-c', '--fork-session']);

/**
 * A Claude command line with its conversation flags and orch-tui's own
 * settings layer taken out (restore adds `--resume <id>`, and a fresh
 * layer is made when it starts, so the worker reports again). The user's
 * own flags stay as they were.
 */
export function withoutConversationFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const start = claudeArgvStart(argv);
  if (start < 0) return [...argv];
  const out = argv.slice(0, start + 1);
  const args = argv.slice(start + 1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), true] : [arg, false];
    if (CONVERSATION_SWITCHES.has(flag)) continue;
    if (CONVERSATION_FLAGS.has(flag)) {
      if (!inline && args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) i++;
      continue;
    }
    if (flag === '--settings') {
      const value = inline ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
      if (value !== undefined && reportDirOfArgs(['--settings', value], env)) {
        if (!inline) i++;
        continue;
      }
    }
    out.push(arg);
  }
  return out;
}

/** The name of the program a command line runs, for sentences: `bash`, `codex`. */
export function programOf(argv: readonly string[]): string {
  let i = 0;
  if (path.basename(argv[0] ?? '') === 'env') {
    i = 1;
    while (i < argv.length && (argv[i]!.includes('=') || argv[i]!.startsWith('-'))) i += argv[i] === '-u' ? 2 : 1;
  }
  return path.basename(argv[i] ?? argv[0] ?? 'its program');
}

/** Whether the record's worker runs on the server now. */
function runsNow(record: WorkerRecord, world: RestoreWorld): boolean {
  return world.life !== undefined && record.server !== undefined && sameServerLife(record.server, world.life) && world.panes.has(record.paneId);
}

/**
 * Decide, for each record, whether restore leaves it (it runs), cannot make
 * it (its directory or worktree is gone, its name is taken by another
 * session, its name cannot be a session of its own), or makes it again: a
 * Claude with `--resume <its conversation>`, anything else fresh. Pure.
 */
export function planRestore(records: readonly WorkerRecord[], world: RestoreWorld, env: NodeJS.ProcessEnv = process.env): RestoreStep[] {
  return records.map((record): RestoreStep => {
    if (runsNow(record, world)) return world.deadPanes?.has(record.paneId) ? { kind: 'exited', record } : { kind: 'running', record };
    if (world.life && record.server && sameServerLife(record.server, world.life) && !world.named?.has(record.name)) {
      return { kind: 'ended', record };
    }
    if (world.sessions.has(record.name)) {
      return { kind: 'blocked', record, reason: `a session named ${record.name} already runs on this server and is not the worker recorded; kill or rename it, then restore ${record.name}` };
    }
    if (!WORKER_NAME.test(record.name)) {
      return { kind: 'blocked', record, reason: `it was a pane of session ${record.session ?? '?'} among others; orch-tui restores only a worker that had its session to itself` };
    }
    if (record.worktree && !world.isDirectory(record.worktree.path)) {
      return { kind: 'blocked', record, reason: `its worktree ${record.worktree.path} (branch ${record.worktree.branch}) is gone` };
    }
    if (!world.isDirectory(record.cwd)) return { kind: 'blocked', record, reason: `its directory ${record.cwd} is gone` };
    const claude = claudeArgvStart(record.argv) >= 0;
    if (!claude) return { kind: 'restore', record, argv: [...record.argv], fresh: `${programOf(record.argv)} keeps no conversation orch-tui can resume` };
    const base = withoutConversationFlags(record.argv, env);
    const id = record.claudeSessionId;
    if (!id) return { kind: 'restore', record, argv: base, fresh: 'its conversation id was never known' };
    if (!world.hasConversation(record, id)) {
      // Claude keeps a conversation only once something was said in it; the same id starts it afresh.
      return { kind: 'restore', record, argv: [...base, '--session-id', id], fresh: `Claude keeps no conversation ${id}` };
    }
    return { kind: 'restore', record, argv: [...base, '--resume', id], conversation: id };
  });
}
