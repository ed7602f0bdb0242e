import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { acquireDispatcherLock, DispatcherBusyError } from '../../src/tasks/dispatcherLock.js';

let dir: string | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the dispatcher lock', () => {
  it('goes to exactly one of many who ask at the same instant, and names it to the others', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orch-lock-'));
    for (let round = 0; round < 20; round++) {
      const asks = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => acquireDispatcherLock(dir!, `asker ${i}`)));
      const holders = asks.filter((a): a is PromiseFulfilledResult<() => Promise<void>> => a.status === 'fulfilled');
      expect(holders.length).toBe(1);
      for (const ask of asks) if (ask.status === 'rejected') expect(ask.reason).toBeInstanceOf(DispatcherBusyError);
      await holders[0]!.value();
      // Given back: nothing of it is left in the directory.
      expect(await readdir(dir)).toEqual([]);
    }
  });
});
