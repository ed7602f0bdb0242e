import type { PaneInfo } from '../tmux/paneFormat.js';
import type { AgentStateName } from '../state/agentState.js';
import { paneState, readStateSources, type PaneState, type StateSources } from './stateSources.js';

/**
 * How long a process table read is trusted when no pane changed its program
 * but some pane printed: a quiet server never pays for a /proc walk.
 */
const SOURCES_TTL_MS = 5000;

/**
 * Decides workers' states. The process table (a /proc walk, tens of ms) is
 * re-read only when a pane's program or pid changed, or every few seconds
 * while panes print; Claude's session files are read on every decision
 * (they change without the screen saying so).
 */
export class StateObserver {
  private sources: StateSources | undefined;
  private sourcesAt = 0;
  private programs = '';
  private activity = false;

  /** Some pane printed: the process tree may have moved under it. */
  noteActivity(): void {
    this.activity = true;
  }

  async observe(
    panes: readonly PaneInfo[],
    linesOf: (paneId: string) => readonly string[],
    previous: (paneId: string) => { state: AgentStateName; since: number } | undefined,
    now = Date.now(),
  ): Promise<Map<string, PaneState>> {
    const programs = panes.map((p) => `${p.paneId}:${p.panePid}:${p.currentCommand}:${p.dead ? 1 : 0}`).join('|');
    if (!this.sources || programs !== this.programs || (this.activity && now - this.sourcesAt > SOURCES_TTL_MS)) {
      this.sources = await readStateSources();
      this.sourcesAt = now;
      this.programs = programs;
      this.activity = false;
    }
    return this.decide(panes, linesOf, previous, now);
  }

  /**
   * Decide a few panes between two full observations (the panes that just
   * printed), on the process table already read.
   */
  async observeSome(
    panes: readonly PaneInfo[],
    linesOf: (paneId: string) => readonly string[],
    previous: (paneId: string) => { state: AgentStateName; since: number } | undefined,
    now = Date.now(),
  ): Promise<Map<string, PaneState>> {
    this.activity = true;
    if (!this.sources) return this.observe(panes, linesOf, previous, now);
    return this.decide(panes, linesOf, previous, now);
  }

  private async decide(
    panes: readonly PaneInfo[],
    linesOf: (paneId: string) => readonly string[],
    previous: (paneId: string) => { state: AgentStateName; since: number } | undefined,
    now: number,
  ): Promise<Map<string, PaneState>> {
    const sources = this.sources!;
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
