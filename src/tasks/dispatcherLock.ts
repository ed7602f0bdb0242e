import { open, readFile, rm } from 'node:fs/promises';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../stateDir.js';
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
      const handle = await open(file, 'wx', PRIVATE_FILE_MODE);
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
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
