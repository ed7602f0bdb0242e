import { useEffect } from 'react';
import type { OrchStore } from '../src/store/orchStore.js';
import type { TaskEngine } from '../src/tasks/taskEngine.js';
import { pushNotice } from '../src/store/modalActions.js';
import type { NotesCourier } from '../src/notes/notesCourier.js';
import type { DispatcherSeat } from '../src/tasks/dispatcherLock.js';
import type { RoundUnderWay } from '../src/roundUnderWay.js';

export interface TaskEngineOptions {
  store: OrchStore;
  /** Undefined where this dashboard never dispatches (tests). */
  engine: TaskEngine | undefined;
  /** The dispatcher lock, taken whenever it is free; without one, `engine` always dispatches. */
  seat?: Pick<DispatcherSeat, 'take' | 'holder'>;
  /** The notes work of the dispatcher (change notes, `now` notes), after each task round. */
  courier?: NotesCourier;
  /** Reads the journal when this dashboard does not dispatch. */
  readTasks: () => Promise<import('../src/tasks/taskTypes.js').Task[]>;
  intervalMs: number;
  /** Each round of the loop runs through this, so whoever stops the dashboard can wait for the one under way. */
  rounds?: RoundUnderWay;
}

/**
 * Runs the task dispatcher on a chained timer while the dashboard holds the
 * dispatcher lock (taken at any tick it is free); otherwise only reads the
 * journal so the task and status views stay current, and says who
 * dispatches.
 */
export function useTaskEngine({ store, engine, seat, courier, readTasks, intervalMs, rounds }: TaskEngineOptions): void {
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const round = async () => {
      try {
        const dispatching = engine !== undefined && (seat ? await seat.take() : true);
        const elsewhere = dispatching ? undefined : seat?.holder;
        if (!stopped && elsewhere !== store.getState().dispatcherElsewhere) store.setState({ dispatcherElsewhere: elsewhere });
        // Not once unmounted: whoever unmounted waits for the round under way (settled), not for a new one.
        if (dispatching && !stopped) {
          await engine.tick();
          if (!stopped) await courier?.round();
        }
        const tasks = dispatching ? engine.tasks : await readTasks();
        if (!stopped && JSON.stringify(tasks) !== JSON.stringify(store.getState().tasks)) store.setState({ tasks });
      } catch (error) {
        if (!stopped) store.setState(pushNotice(store.getState(), `Task dispatch: ${(error as Error).message}`, 'error'), true);
      }
    };
    const tick = async () => {
      await (rounds ? rounds.run(round) : round());
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [store, engine, seat, courier, readTasks, intervalMs, rounds]);
}
