import { createHash } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
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

/** State files hold task texts, results and locks: readable by their owner only. */
export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

/**
 * Create `dir` (and what is missing above it) owner-only, and make it and
 * its parents up to orch-tui's state directory owner-only if an earlier
 * version left them open.
 */
export async function ensurePrivateDir(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const root = path.resolve(stateDir(env));
  let at = path.resolve(dir);
  await chmod(at, PRIVATE_DIR_MODE).catch(() => undefined);
  while (at.startsWith(root + path.sep)) {
    at = path.dirname(at);
    await chmod(at, PRIVATE_DIR_MODE).catch(() => undefined);
  }
}
