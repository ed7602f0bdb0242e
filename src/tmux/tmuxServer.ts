import path from 'node:path';
import os from 'node:os';

/** Which tmux server to talk to, chosen with tmux's own flags. */
export interface TmuxServerSelection {
  /** `-L NAME`: a named socket in tmux's socket directory. */
  socketName?: string;
  /** `-S PATH`: an explicit socket path. */
  socketPath?: string;
}

/** The arguments that put a tmux invocation on the selected server. */
export function serverArgs(sel: TmuxServerSelection): string[] {
  if (sel.socketPath) return ['-S', sel.socketPath];
  if (sel.socketName) return ['-L', sel.socketName];
  return [];
}

/** A short human label: "socket -L work", "socket /tmp/x", "the default server". */
export function serverLabel(sel: TmuxServerSelection, env: NodeJS.ProcessEnv = process.env): string {
  if (sel.socketPath) return `socket ${sel.socketPath}`;
  if (sel.socketName) return `socket -L ${sel.socketName}`;
  // Inside tmux, no -L/-S means the server around us (tmux reads $TMUX), not the default one.
  return env['TMUX'] ? 'the tmux server orch-tui runs in' : 'the default tmux server';
}

/** The socket path tmux would use for this selection (mirrors tmux's own rules). */
export function resolveSocketPath(
  sel: TmuxServerSelection,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (sel.socketPath) return path.resolve(sel.socketPath);
  if (!sel.socketName) {
    const inside = insideTmuxSocket(env);
    if (inside) return inside;
  }
  const dir = env['TMUX_TMPDIR'] || '/tmp';
  const uid = typeof process.getuid === 'function' ? process.getuid() : os.userInfo().uid;
  return path.join(dir, `tmux-${uid}`, sel.socketName ?? 'default');
}

/** The socket of the tmux server we are running inside, from `$TMUX`. */
export function insideTmuxSocket(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env['TMUX'];
  if (!value) return undefined;
  return value.split(',')[0] || undefined;
}

/**
 * The pane orch-tui itself runs in, when the selected server is the one
 * around us; undefined otherwise (then orch-tui is a guest of that server).
 */
export function ownPaneOn(
  sel: TmuxServerSelection,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const around = insideTmuxSocket(env);
  const pane = env['TMUX_PANE'];
  if (!around || !pane) return undefined;
  return resolveSocketPath(sel, env) === path.resolve(around) ? pane : undefined;
}
