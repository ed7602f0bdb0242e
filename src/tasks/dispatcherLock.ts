import { readFile, rm } from 'node:fs/promises';
import { createWhole } from '../createWhole.js';
import { ensurePrivateDir } from '../stateDir.js';
import { processAlive } from '../processAlive.js';
import os from 'node:os';
import path from 'node:path';

export class DispatcherBusyError extends Error {}

interface Holder {
  pid: number;
  host: string;
  what: string;
  since: number;
}

/**
 * Only one dispatcher per tmux server sends tasks: the dashboard or
 * `orch-tui run`. The lock file names its holder, so the second one can say
 * who it is. A lock whose holder died (kill -9) is taken over.
 */
export async function acquireDispatcherLock(dir: string, what: string): Promise<() => Promise<void>> {
  await ensurePrivateDir(dir);
  const file = path.join(dir, 'dispatcher.lock');
  const me: Holder = { pid: process.pid, host: os.hostname(), what, since: Date.now() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Whole from its first instant (seen: a dispatcher stopped between
      // creating the lock and writing it lost it to an agent's MCP server).
      await createWhole(file, JSON.stringify(me));
      return async () => {
        const now = await readHolder(file);
        if (now?.pid === process.pid) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(file);
      if (holder && holder.host === me.host && !processAlive(holder.pid)) {
        await rm(file, { force: true });
        continue;
      }
      if (!holder) {
        await rm(file, { force: true });
        continue;
      }
      throw new DispatcherBusyError(
        `Tasks are already dispatched by ${holder.what} (pid ${holder.pid} on ${holder.host}, since ${new Date(holder.since).toLocaleTimeString()}).`,
      );
    }
  }
  throw new DispatcherBusyError('Could not take the dispatcher lock.');
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

/**
 * A dispatcher that takes the lock when it can, not only at its start: a
 * dashboard opened while `run` or an agent's MCP server dispatches takes
 * over when that one gives the lock back, instead of never dispatching.
 */
export class DispatcherSeat {
  private release: (() => Promise<void>) | undefined;
  /** Who holds the lock when this seat does not: one sentence's worth. */
  holder: string | undefined;

  constructor(private readonly dir: string, private readonly what: string) {}

  /** Whether this process dispatches now (taking the lock if it is free). */
  async take(): Promise<boolean> {
    if (this.release) return true;
    try {
      this.release = await acquireDispatcherLock(this.dir, this.what);
      this.holder = undefined;
      return true;
    } catch (error) {
      if (!(error instanceof DispatcherBusyError)) throw error;
      this.holder = error.message.replace(/^Tasks are already dispatched by /, '').replace(/\.$/, '');
      return false;
    }
  }

  async leave(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    await release?.();
  }
}
