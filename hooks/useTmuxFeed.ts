import { useEffect, useRef } from 'react';
import type { TmuxAdapter } from '../src/tmux/tmuxAdapter.js';
import type { OrchStore } from '../src/store/orchStore.js';
import { LiveFeed } from '../src/feed/liveFeed.js';

export interface TmuxFeedOptions {
  adapter: TmuxAdapter;
  store: OrchStore;
  intervalMs: number;
  sessionGlob?: string;
  /** The worker panes on screen now: they are captured as they print. */
  visibleIds: readonly string[];
}

/**
 * Runs the live feed (src/feed/liveFeed.ts) while mounted: output events
 * from tmux, captures of the panes on screen once a frame, discovery on
 * topology events and a slow safety poll. Unmounting stops its timers and
 * its watcher process.
 */
export function useTmuxFeed({ adapter, store, intervalMs, sessionGlob, visibleIds }: TmuxFeedOptions): void {
  const feed = useRef<LiveFeed | undefined>(undefined);
  useEffect(() => {
    const live = new LiveFeed({ adapter, store, intervalMs, sessionGlob });
    feed.current = live;
    live.start();
    return () => {
      feed.current = undefined;
      void live.stop();
    };
  }, [adapter, store, intervalMs, sessionGlob]);
  useEffect(() => {
    feed.current?.setVisible(visibleIds);
  }, [visibleIds, adapter, store, intervalMs, sessionGlob]);
}
