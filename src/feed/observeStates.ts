import type { PaneInfo } from '../tmux/paneFormat.js';
import type { AgentStateName } from '../state/agentState.js';
import { paneState, readStateSources, type PaneState, type StateSources } from './stateSources.js';

/** How long a process table read is trusted when no pane changed its program. */
const SOURCES_TTL_MS = 3000;

/**
 * Decides every worker's state once per tick. The process table (a /proc
 * walk, tens of ms) is re-read only when a pane's program or pid changed,
 * or every few seconds; Claude's session files are read every tick (they
 * change without the screen saying so).
 */
export class StateObserver {
  private sources: StateSources | undefined;
  private sourcesAt = 0;
  private programs = '';

  async observe(
    panes: readonly PaneInfo[],
    linesOf: (paneId: string) => readonly string[],
    previous: (paneId: string) => { state: AgentStateName; since: number } | undefined,
    now = Date.now(),
  ): Promise<Map<string, PaneState>> {
    const programs = panes.map((p) => `${p.paneId}:${p.panePid}:${p.currentCommand}:${p.dead ? 1 : 0}`).join('|');
    if (!this.sources || programs !== this.programs || now - this.sourcesAt > SOURCES_TTL_MS) {
      this.sources = await readStateSources();
      this.sourcesAt = now;
      this.programs = programs;
    }
    const sources = this.sources;
    const states = await Promise.all(
      panes.map((pane) =>
        paneState(pane, linesOf(pane.paneId), sources, {
          previous: previous(pane.paneId),
          now,
          override: pane.agentOverride || undefined,
        }),
      ),
    );
    return new Map(panes.map((pane, i) => [pane.paneId, states[i]!]));
  }
}
