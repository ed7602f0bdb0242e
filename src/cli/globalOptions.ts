import type { TmuxServerSelection } from '../tmux/tmuxServer.js';

/** Options that come before the verb, as with tmux itself: `orch-tui -L work ls`. */
export interface GlobalOptions {
  server: TmuxServerSelection;
  intervalMs: number;
  sessionGlob?: string;
  help: boolean;
  version: boolean;
  /** Ring the bell when a worker needs the user (`--no-bell` turns it off). */
  bell: boolean;
  /** tmux messages when a worker needs the user (`--no-notify` turns them off). */
  tmuxMessage: boolean;
  /** `--error-pattern REGEX` (repeatable): more lines that count as errors. */
  errorPatterns: string[];
  /** `--compact-at PERCENT`: the dashboard's dispatcher compacts a worker this full before its next task. */
  compactAt?: number;
  /** `--retry-interrupted`: the dashboard's dispatcher queues again a task a restore found interrupted. */
  retryInterrupted?: boolean;
}

export interface ParsedCommandLine {
  global: GlobalOptions;
  verb: string | undefined;
  rest: string[];
}

export class UsageError extends Error {}

/** The global options that take a value, and those that do not (help and version aside). */
const GLOBAL_WITH_VALUE = ['-L', '-S', '--interval', '--error-pattern', '--session'];
const GLOBAL_FLAGS = ['--no-bell', '--no-notify', '-V', '--version'];

/**
 * When `args[index]` is a global option (given after the verb by mistake),
 * the words it takes: `['--session', 'x']` or `['--session=x']`.
 */
export function globalOptionAt(args: readonly string[], index: number): { index: number; words: string[] } | undefined {
  const arg = args[index];
  if (arg === undefined) return undefined;
  if (GLOBAL_FLAGS.includes(arg)) return { index, words: [arg] };
  if (GLOBAL_WITH_VALUE.some((flag) => arg.startsWith(`${flag}=`))) return { index, words: [arg] };
  if (GLOBAL_WITH_VALUE.includes(arg)) return { index, words: args.slice(index, index + 2) };
  return undefined;
}

export const DEFAULT_INTERVAL_MS = 500;

/** Split argv into global options, the verb and the verb's own arguments. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const global: GlobalOptions = {
    server: {}, intervalMs: DEFAULT_INTERVAL_MS, help: false, version: false, bell: true, tmuxMessage: true,
    errorPatterns: [],
  };
  let i = 0;
  const value = (flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v === '') throw new UsageError(`${flag} needs a value.`);
    i += 2;
    return v;
  };
  while (i < argv.length) {
    const arg = argv[i]!;
    if (arg === '-L') global.server = { ...global.server, socketName: value(arg) };
    else if (arg === '-S') global.server = { ...global.server, socketPath: value(arg) };
    else if (arg === '--interval') global.intervalMs = parseInterval(value(arg));
    else if (arg.startsWith('--interval=')) {
      global.intervalMs = parseInterval(arg.slice('--interval='.length));
      i++;
    } else if (arg === '--error-pattern') {
      const pattern = value(arg);
      try {
        new RegExp(pattern);
      } catch {
        throw new UsageError(`--error-pattern takes a regular expression; "${pattern}" is not one.`);
      }
      global.errorPatterns.push(pattern);
    } else if (arg === '--compact-at') global.compactAt = parsePercent(arg, value(arg));
    else if (arg === '--session') global.sessionGlob = value(arg);
    else if (arg.startsWith('--session=')) {
      global.sessionGlob = arg.slice('--session='.length);
      i++;
    } else if (arg === '--retry-interrupted') {
      global.retryInterrupted = true;
      i++;
    } else if (arg === '--no-bell' || arg === '--no-notify') {
      if (arg === '--no-bell') global.bell = false;
      else global.tmuxMessage = false;
      i++;
    } else if (arg === '-h' || arg === '--help') {
      global.help = true;
      i++;
    } else if (arg === '-V' || arg === '--version') {
      global.version = true;
      i++;
    } else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}; see orch-tui --help.`);
    else break;
  }
  if (global.server.socketName && global.server.socketPath) {
    throw new UsageError('Give -L or -S, not both.');
  }
  return { global, verb: argv[i], rest: argv.slice(i + 1) };
}

/** A whole percentage from 1 to 100 (`--compact-at`, `--if-above`). */
export function parsePercent(flag: string, raw: string): number {
  const n = Number(raw.replace(/%$/, ''));
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`${flag} takes a whole percentage from 1 to 100, not "${raw}".`);
  return n;
}

function parseInterval(raw: string): number {
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 50 || ms > 60_000) {
    throw new UsageError(`--interval takes milliseconds between 50 and 60000, not "${raw}".`);
  }
  return ms;
}
