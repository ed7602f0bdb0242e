import type { PaneInfo } from '../tmux/paneFormat.js';
import type { AgentStateName } from '../state/agentState.js';
import { paneState, readStateSources, type PaneState, type StateSources } from '../agents/stateSources.js';

/** A pane's lines, as the decision should see them. */
export type LinesOf = (paneId: string) => readonly string[];
/** A pane's state before this decision, and since when. */
export type PreviousOf = (paneId: string) => { state: AgentStateName; since: number } | undefined;

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
  /** Bumped on every process table read: a pane's kind may have changed with it. */
  private sourcesVersion = 0;
  /** The last decision per pane, with what it was made from. */
  private readonly memo = new Map<string, { lines: readonly string[]; key: string; state: PaneState }>();

  /** Whether a pane's last decision read a source that changes on its own (see PaneState.live): look again even when nothing moved. */
  get hasLiveDecisions(): boolean {
    for (const memo of this.memo.values()) if (memo.state.live) return true;
    return false;
  }

  /** Some pane printed: the process tree may have moved under it. */
  noteActivity(): void {
    this.activity = true;
  }

  async observe(
    panes: readonly PaneInfo[],
    linesOf: LinesOf,
    previous: PreviousOf,
    now = Date.now(),
  ): Promise<Map<string, PaneState>> {
    const programs = panes.map((p) => `${p.paneId}:${p.panePid}:${p.currentCommand}:${p.dead ? 1 : 0}`).join('|');
    if (!this.sources || programs !== this.programs || (this.activity && now - this.sourcesAt > SOURCES_TTL_MS)) {
      this.sources = await readStateSources();
      this.sourcesVersion++;
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
    linesOf: LinesOf,
    previous: PreviousOf,
    now = Date.now(),
  ): Promise<Map<string, PaneState>> {
    this.activity = true;
    if (!this.sources) return this.observe(panes, linesOf, previous, now);
    return this.decide(panes, linesOf, previous, now);
  }

  private async decide(
    panes: readonly PaneInfo[],
    linesOf: LinesOf,
    previous: PreviousOf,
    now: number,
  ): Promise<Map<string, PaneState>> {
    const sources = this.sources!;
    const states = await Promise.all(
      panes.map(async (pane) => {
        const lines = linesOf(pane.paneId);
        const before = previous(pane.paneId);
        const key = decisionKey(pane, before?.state, this.sourcesVersion);
        const memo = this.memo.get(pane.paneId);
        if (memo && memo.lines === lines && memo.key === key && reusable(memo.state)) return memo.state;
        const state = await paneState(pane, lines, sources, {
          previous: before,
          now,
          override: pane.agentOverride || undefined,
        });
        this.memo.set(pane.paneId, { lines, key, state });
        return state;
      }),
    );
    if (this.memo.size > panes.length * 2) {
      const live = new Set(panes.map((p) => p.paneId));
      for (const id of this.memo.keys()) if (!live.has(id)) this.memo.delete(id);
    }
    return new Map(panes.map((pane, i) => [pane.paneId, states[i]!]));
  }
}

/** What a decision depends on besides the lines and the files it reads. */
function decisionKey(pane: PaneInfo, previous: AgentStateName | undefined, sourcesVersion: number): string {
  return [pane.panePid, pane.currentCommand, pane.dead ? 1 : 0, pane.deadStatus ?? '', pane.alternateOn ? 1 : 0, pane.agentOverride, previous ?? '', sourcesVersion].join('|');
}

/**
 * A decision that can be reused while its inputs are unchanged: not one
 * that read a live source (Claude's session file, a shell's foreground job:
 * they change on their own) and not `starting` (which ends with time).
 */
function reusable(state: PaneState): boolean {
  return !state.live && state.decision.state !== 'starting';
}
