import { useEffect } from 'react';
import type { OrchStore } from '../src/store/orchStore.js';
import type { TaskEngine } from '../src/tasks/taskEngine.js';
import { pushNotice } from '../src/store/modalActions.js';
import type { NotesCourier } from '../src/notes/notesCourier.js';

export interface TaskEngineOptions {
  store: OrchStore;
  /** Undefined when another process holds the dispatcher lock. */
  engine: TaskEngine | undefined;
  /** The notes work of the dispatcher (change notes, `now` notes), after each task round. */
  courier?: NotesCourier;
  /** Reads the journal when this dashboard does not dispatch. */
  readTasks: () => Promise<import('../src/tasks/taskTypes.js').Task[]>;
  intervalMs: number;
}

/**
 * Runs the task dispatcher on a chained timer while the dashboard holds the
 * dispatcher lock; otherwise only reads the journal so the task and status
 * views stay current.
 */
export function useTaskEngine({ store, engine, courier, readTasks, intervalMs }: TaskEngineOptions): void {
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const tick = async () => {
      try {
        if (engine) await engine.tick();
        if (engine) await courier?.round();
        const tasks = engine ? engine.tasks : await readTasks();
        if (!stopped && JSON.stringify(tasks) !== JSON.stringify(store.getState().tasks)) store.setState({ tasks });
      } catch (error) {
        if (!stopped) store.setState(pushNotice(store.getState(), `Task dispatch: ${(error as Error).message}`, 'error'), true);
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [store, engine, courier, readTasks, intervalMs]);
}
