import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { OrchStore } from '../src/store/orchStore.js';
import { buildStatusReport, type StatusReport } from '../src/report/statusReport.js';
import { useGitChanges } from './useGitChanges.js';

/**
 * The status report of the dashboard's workers and tasks. Git is asked
 * about each worker's directory only while `withChanges` (the status view
 * is open); the progress in the footer needs only the tasks.
 */
export function useStatusReport(store: OrchStore, withChanges: boolean): StatusReport {
  const tasks = useStore(store, (s) => s.tasks);
  const workers = useStore(store, (s) => s.workers);
  const order = useStore(store, (s) => s.order);
  const changes = useGitChanges(store, withChanges);
  return useMemo(
    () =>
      buildStatusReport({
        tasks,
        workers: order.flatMap((id) => {
          const w = workers[id];
          if (!w) return [];
          const latestLine = [...(store.getState().output[id] ?? [])].reverse().find((l) => l.trim() !== '');
          return [{ name: w.name, state: w.state, reason: w.stateReason, latestLine, changes: changes[id] }];
        }),
      }),
    [tasks, workers, order, changes, store],
  );
}
