import { useEffect } from 'react';
import type { TmuxAdapter } from '../src/tmux/tmuxAdapter.js';
import type { OrchStore } from '../src/store/orchStore.js';
import { dispatch } from '../src/store/orchStore.js';
import { applySnapshot, markServerUnavailable } from '../src/store/orchActions.js';
import { DEFAULT_POLL, pollWorkers } from '../src/feed/pollWorkers.js';
import type { PaneMemory } from '../src/feed/capturePlan.js';
import { describeError } from '../src/tmux/tmuxErrors.js';
import { StateObserver } from '../src/feed/observeStates.js';

export interface TmuxFeedOptions {
  adapter: TmuxAdapter;
  store: OrchStore;
  intervalMs: number;
  sessionGlob?: string;
}

/**
 * Polls tmux on a chained timer (a tick never overlaps the previous one):
 * discovery, then capture of the panes that changed, written to the store
 * once per tick. Unmounting stops the timer and drops an in-flight tick.
 */
export function useTmuxFeed({ adapter, store, intervalMs, sessionGlob }: TmuxFeedOptions): void {
  useEffect(() => {
    const abort = new AbortController();
    const memory = new Map<string, PaneMemory>();
    const observer = new StateObserver();
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      const state = store.getState();
      try {
        const snapshot = await pollWorkers(adapter, memory, {
          ...DEFAULT_POLL,
          ownPane: adapter.ownPane,
          sessionGlob,
          zoomedPaneId: state.view === 'zoom' ? state.focusId : undefined,
        });
        if (abort.signal.aborted) return;
        const current = store.getState();
        snapshot.states = await observer.observe(
          snapshot.panes,
          (id) => snapshot.captures.get(id) ?? current.output[id] ?? [],
          (id) => {
            const w = current.workers[id];
            return w ? { state: w.state, since: w.stateSince } : undefined;
          },
          snapshot.at,
        );
        if (abort.signal.aborted) return;
        dispatch(store, applySnapshot, snapshot, adapter.channelKind());
      } catch (error) {
        if (abort.signal.aborted) return;
        memory.clear();
        dispatch(store, markServerUnavailable, describeError(error));
      }
      if (!abort.signal.aborted) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [adapter, store, intervalMs, sessionGlob]);
}
