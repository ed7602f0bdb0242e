import { useEffect, useState } from 'react';
import type { OrchStore } from '../src/store/orchStore.js';
import { changedFiles, type GitChanges } from '../src/report/gitChanges.js';
import { mapBounded } from '../src/report/mapBounded.js';

/**
 * Files changed in each worker's directory, refreshed every few seconds
 * while `active` (the status view is open): git is not run on every tick.
 */
export function useGitChanges(store: OrchStore, active: boolean, everyMs = 5000): Record<string, GitChanges> {
  const [changes, setChanges] = useState<Record<string, GitChanges>>({});
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const look = async () => {
      const workers = Object.values(store.getState().workers);
      const dirs = [...new Set(workers.map((w) => w.cwd))];
      const found = await mapBounded(dirs, 4, (dir) => changedFiles(dir));
      const byDir = new Map(dirs.map((d, i) => [d, found[i]!]));
      if (!stopped) setChanges(Object.fromEntries(workers.map((w) => [w.id, byDir.get(w.cwd)!])));
      if (!stopped) timer = setTimeout(look, everyMs);
    };
    void look();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [store, active, everyMs]);
  return changes;
}
