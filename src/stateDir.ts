import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { resolveSocketPath, type TmuxServerSelection } from './tmux/tmuxServer.js';

/** `$XDG_STATE_HOME/orch-tui`, else `~/.local/state/orch-tui`. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_STATE_HOME'] || path.join(env['HOME'] || os.homedir(), '.local', 'state');
  return path.join(base, 'orch-tui');
}

/** A short stable key per tmux server (its socket path), for per-server files. */
export function serverKey(sel: TmuxServerSelection, env: NodeJS.ProcessEnv = process.env): string {
  const socket = resolveSocketPath(sel, env);
  const name = path.basename(socket).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${name}-${createHash('sha256').update(socket).digest('hex').slice(0, 10)}`;
}
