import { readFile, rm } from 'node:fs/promises';
import { ensurePrivateDir } from '../stateDir.js';
import { createWhole } from '../createWhole.js';
import { processAlive } from '../processAlive.js';
import path from 'node:path';

export class PaneBusyError extends Error {}

/** Panes this process is sending to: the file lock cannot tell two of our own sends apart. */
const heldHere = new Set<string>();

/**
 * One send at a time per pane, across processes (the dashboard and any
 * number of CLI verbs): an exclusive lock file holding the owner's pid. A
 * lock whose owner is gone is taken over.
 */
export async function withPaneLock<T>(dir: string, paneId: string, label: string, fn: () => Promise<T>): Promise<T> {
  await ensurePrivateDir(dir);
  const file = path.join(dir, `send-${paneId.replace('%', 'pane')}.lock`);
  if (heldHere.has(file)) throw new PaneBusyError(`Another send to ${label} is in progress; try again when it is done.`);
  heldHere.add(file);
  try {
    return await withFileLock(file, label, fn);
  } finally {
    heldHere.delete(file);
  }
}

async function withFileLock<T>(file: string, label: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      await createWhole(file, `${process.pid}\n`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new PaneBusyError(`Another send to ${label} is in progress; try again when it is done.`);
        }
        throw error;
      }
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
        throw new PaneBusyError(`Another send to ${label} is in progress (process ${owner}); try again when it is done.`);
      }
      await rm(file, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}
