/**
 * Errors are data: each carries the tmux command, its arguments, exit code
 * and stderr, and a `message` that is one sentence a user can act on.
 */
export interface TmuxErrorDetails {
  command: string;
  args: readonly string[];
  exitCode?: number;
  stderr?: string;
}

export class TmuxError extends Error {
  readonly details: TmuxErrorDetails;
  constructor(message: string, details: TmuxErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The `tmux` binary is not on PATH. */
export class TmuxNotInstalledError extends TmuxError {}
/** No server listens on the selected socket. */
export class NoServerError extends TmuxError {}
/** The pane, window or session a command targeted no longer exists. */
export class TargetGoneError extends TmuxError {}
/** Any other failure of a tmux command. */
export class TmuxCommandError extends TmuxError {}
/** The control-mode channel went away while a command was waiting. */
export class ChannelClosedError extends TmuxError {}

const TARGET_GONE = /can't find (pane|window|session|client)|no such (pane|window|session)|pane .* not found|session not found|window not found/i;
const NO_SERVER = /no server running|error connecting to|server exited unexpectedly|lost server/i;

/** Turn tmux's stderr (or a `%error` block) into the matching typed error. */
export function classifyTmuxFailure(
  details: TmuxErrorDetails,
  serverLabel: string,
): TmuxError {
  const text = (details.stderr ?? '').trim();
  const firstLine = text.split('\n')[0] ?? '';
  if (NO_SERVER.test(text)) {
    return new NoServerError(`No tmux server is running on ${serverLabel}.`, details);
  }
  if (TARGET_GONE.test(text)) {
    return new TargetGoneError(`The tmux target is gone: ${firstLine}.`, details);
  }
  const what = details.args[0] ?? details.command;
  return new TmuxCommandError(
    `tmux ${what} failed: ${firstLine || `exit code ${details.exitCode ?? '?'}`}.`,
    details,
  );
}

export function tmuxNotInstalled(args: readonly string[]): TmuxNotInstalledError {
  return new TmuxNotInstalledError(
    'tmux is not installed (no `tmux` on PATH); install it, e.g. `apt-get install tmux` or `brew install tmux`.',
    { command: 'tmux', args },
  );
}

/** One clear sentence for any thrown value, for the CLI and the status line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
