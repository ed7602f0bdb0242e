import { paneSignature, type PaneInfo } from '../tmux/paneFormat.js';
import type { CaptureRequest } from '../tmux/tmuxAdapter.js';

/** What the feed remembers about a pane between ticks. */
export interface PaneMemory {
  signature: string;
  historyLines: number;
}

export interface CapturePlanOptions {
  /** Now, in ms since the epoch. */
  now: number;
  /** History lines to capture for a pane shown in the grid. */
  gridHistory: number;
  /** The zoomed pane gets its scrollback. */
  zoomedPaneId?: string;
  zoomHistory: number;
  /**
   * `window_activity` counts whole seconds, so two lines printed within one
   * second leave the signature unchanged; panes active this recently are
   * captured every tick regardless.
   */
  recentActivityMs: number;
}

/**
 * Which panes to capture this tick: those never captured, those whose
 * signature changed, those that were active within the last moments, and
 * the zoomed pane when it needs more history. Idle panes cost nothing.
 */
export function planCaptures(
  panes: readonly PaneInfo[],
  memory: ReadonlyMap<string, PaneMemory>,
  options: CapturePlanOptions,
): CaptureRequest[] {
  const requests: CaptureRequest[] = [];
  for (const pane of panes) {
    const historyLines = pane.paneId === options.zoomedPaneId ? options.zoomHistory : options.gridHistory;
    const before = memory.get(pane.paneId);
    const changed =
      !before ||
      before.signature !== paneSignature(pane) ||
      before.historyLines < historyLines ||
      options.now - pane.windowActivity * 1000 < options.recentActivityMs;
    if (changed) requests.push({ paneId: pane.paneId, historyLines });
  }
  return requests;
}

/** Trailing blank lines of a capture are screen below the cursor, not output. */
export function trimCapture(lines: readonly string[]): string[] {
  let end = lines.length;
  // eslint-disable-next-line no-control-regex
  while (end > 0 && lines[end - 1]!.replace(/\u001b\[[0-9;:]*m/g, '').trim() === '') end--;
  return lines.slice(0, end);
}
