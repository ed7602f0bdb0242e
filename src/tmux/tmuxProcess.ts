import { execa } from 'execa';
import { classifyTmuxFailure, tmuxNotInstalled } from './tmuxErrors.js';
import { serverArgs, serverLabel, type TmuxServerSelection } from './tmuxServer.js';
import { notifiesControlClients, throughNotifyGate } from './notifyGate.js';

/** Runs one tmux command and resolves to its output lines. */
export interface TmuxCommandRunner {
  run(args: readonly string[]): Promise<string[]>;
}

export interface TmuxProcessOptions {
  /** The tmux binary; tests point it at a counting wrapper. */
  binary?: string;
  /** Data for the command's stdin (e.g. `load-buffer -`). */
  input?: string;
}

/**
 * tmux treats a client whose locale is not UTF-8 as ASCII-only and replaces
 * wide characters with `_`; ask for UTF-8 unless the locale already says so.
 */
export function utf8Env(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  return /utf-?8/i.test(locale) ? {} : { LC_CTYPE: 'C.UTF-8' };
}

/** Counts tmux processes this module spawned: the feed must not spawn per tick. */
export const tmuxProcessStats = { spawned: 0 };

/**
 * Spawn `tmux [-L|-S] args...` as its own process: an argument array, never
 * a shell. Used to bootstrap the control channel and as its fallback. A
 * command that control clients are told of passes the notify gate.
 */
export function runTmuxProcess(
  sel: TmuxServerSelection,
  args: readonly string[],
  options: TmuxProcessOptions = {},
): Promise<string[]> {
  if (notifiesControlClients(args)) return throughNotifyGate(sel, () => spawnTmux(sel, args, options));
  return spawnTmux(sel, args, options);
}

async function spawnTmux(sel: TmuxServerSelection, args: readonly string[], options: TmuxProcessOptions): Promise<string[]> {
  const binary = options.binary ?? 'tmux';
  const argv = [...serverArgs(sel), ...args];
  tmuxProcessStats.spawned++;
  const result = await execa(binary, argv, {
    reject: false,
    input: options.input,
    stripFinalNewline: true,
    env: utf8Env(),
  });
  if ((result as { code?: string }).code === 'ENOENT') throw tmuxNotInstalled(argv);
  if (result.exitCode !== 0) {
    throw classifyTmuxFailure(
      { command: binary, args: argv, exitCode: result.exitCode, stderr: String(result.stderr ?? '') },
      serverLabel(sel),
    );
  }
  const out = String(result.stdout ?? '');
  return out === '' ? [] : out.split('\n');
}

/** A runner that spawns one process per command: the fallback channel. */
export function createProcessRunner(
  sel: TmuxServerSelection,
  options: TmuxProcessOptions = {},
): TmuxCommandRunner {
  return { run: (args) => runTmuxProcess(sel, args, options) };
}
