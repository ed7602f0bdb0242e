import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { OrchStore } from '../src/store/orchStore.js';
import type { OrchState } from '../src/store/orchState.js';
import { buildStatusReport, type StatusReport } from '../src/report/statusReport.js';
import { useGitChanges } from './useGitChanges.js';

const NO_WORKERS: OrchState['workers'] = {};
const NO_ORDER: string[] = [];
const NO_NOTES: OrchState['notes'] = [];

/**
 * The status report of the dashboard's workers and tasks. Workers (and git,
 * about each worker's directory) are read only while `withChanges` (the
 * status view is open): the progress in the footer needs only the tasks,
 * and a dashboard that re-rendered on every worker change would redraw
 * every pane each frame.
 */
export function useStatusReport(store: OrchStore, withChanges: boolean): StatusReport {
  const tasks = useStore(store, (s) => s.tasks);
  const workers = useStore(store, (s) => (withChanges ? s.workers : NO_WORKERS));
  const order = useStore(store, (s) => (withChanges ? s.order : NO_ORDER));
  const changes = useGitChanges(store, withChanges);
  const notes = useStore(store, (s) => (withChanges ? s.notes : NO_NOTES));
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
        notes,
      }),
    [tasks, workers, order, changes, store, notes],
  );
}
