/**
 * Which life of a tmux server the queue talks to. A socket outlives its
 * server: a server started later on the same socket hands out the same
 * session names and pane ids to strangers, so a task remembers the life it
 * was queued on and is never sent on another.
 */
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { NoServerError } from '../tmux/tmuxErrors.js';
import type { ServerLife } from './taskTypes.js';

/** The server's pid and start time; undefined when no server runs. */
export async function readServerLife(adapter: TmuxAdapter): Promise<ServerLife | undefined> {
  const [line = ''] = await adapter.run(['display-message', '-p', '#{pid} #{start_time}']).catch((error: unknown) => {
    if (error instanceof NoServerError) return [];
    throw error;
  });
  const [pid, startedAt] = line.trim().split(' ').map(Number);
  return Number.isInteger(pid) && Number.isInteger(startedAt) && pid! > 0 ? { pid: pid!, startedAt: startedAt! } : undefined;
}

export function sameServerLife(a: ServerLife, b: ServerLife): boolean {
  return a.pid === b.pid && a.startedAt === b.startedAt;
}

/** `pid 4242, started 10:02:03` (today) or with the date. */
export function describeServerLife(life: ServerLife): string {
  const started = new Date(life.startedAt * 1000);
  const today = started.toDateString() === new Date().toDateString();
  return `pid ${life.pid}, started ${today ? started.toLocaleTimeString() : started.toLocaleString()}`;
}
