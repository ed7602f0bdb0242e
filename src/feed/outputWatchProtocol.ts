import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import type { LineDelta } from './lineDelta.js';
import type { MirrorStats } from './sessionMirrors.js';

/** A session to hold an output client on, its panes whose output is not wanted, and those to mirror. */
export interface WatchedSession {
  id: string;
  mute: string[];
  /** Panes on screen: mirrored, and their lines sent as they change. */
  mirror?: string[];
}

/** Dashboard → watcher. */
export type WatcherRequest =
  | { type: 'config'; server: TmuxServerSelection; binary?: string }
  | { type: 'watch'; sessions: WatchedSession[] }
  | { type: 'stop' };

/** Watcher → dashboard. */
export type WatcherReport =
  | {
      type: 'changes';
      dirty: string[];
      topology: boolean;
      /** Mirrored panes whose lines changed, as deltas from the lines sent before (see lineDelta.ts). */
      lines?: Array<[paneId: string, delta: LineDelta]>;
      /** The mirrors' record against tmux, when it changed. */
      stats?: MirrorStats;
    }
  | { type: 'attached'; session: string }
  | { type: 'paused'; paneId: string }
  | { type: 'lost'; session: string; reason: string };
