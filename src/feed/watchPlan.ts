import type { PaneInfo } from '../tmux/paneFormat.js';
import type { WatchedSession } from './outputWatchProtocol.js';

/**
 * Which sessions to hold an output client on: those with a pane on screen.
 * In each, the panes not on screen (and orch-tui's own, whose output is our
 * own frames) are muted, so tmux does not even send their output; the
 * panes on screen are mirrored.
 */
export function watchPlan(
  panes: readonly PaneInfo[],
  visible: ReadonlySet<string>,
  ownPane: string | undefined,
): WatchedSession[] {
  const sessions = new Set<string>();
  for (const pane of panes) if (visible.has(pane.paneId)) sessions.add(pane.sessionId);
  const mute = new Map<string, string[]>([...sessions].map((id) => [id, []]));
  const mirror = new Map<string, string[]>([...sessions].map((id) => [id, []]));
  for (const pane of panes) {
    if (!visible.has(pane.paneId)) mute.get(pane.sessionId)?.push(pane.paneId);
    else if (pane.paneId !== ownPane) mirror.get(pane.sessionId)?.push(pane.paneId);
  }
  // Our own pane is not among the workers, but may share a watched session.
  if (ownPane) for (const list of mute.values()) list.push(ownPane);
  return [...sessions]
    .sort()
    .map((id) => ({ id, mute: mute.get(id)!.sort(), mirror: mirror.get(id)!.sort() }));
}
