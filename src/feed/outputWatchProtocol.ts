import type { TmuxServerSelection } from '../tmux/tmuxServer.js';

/** A session to hold an output client on, and its panes whose output is not wanted. */
export interface WatchedSession {
  id: string;
  mute: string[];
}

/** Dashboard → watcher. */
export type WatcherRequest =
  | { type: 'config'; server: TmuxServerSelection; binary?: string }
  | { type: 'watch'; sessions: WatchedSession[] }
  | { type: 'stop' };

/** Watcher → dashboard. */
export type WatcherReport =
  | { type: 'changes'; dirty: string[]; topology: boolean }
  | { type: 'attached'; session: string }
  | { type: 'paused'; paneId: string }
  | { type: 'lost'; session: string; reason: string };
