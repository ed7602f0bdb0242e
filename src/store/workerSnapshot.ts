import type { PaneInfo } from '../tmux/paneFormat.js';
import type { AgentKind, StateDecision } from '../state/agentState.js';
import type { ContextUse } from '../reports/contextUse.js';

/** A pane's agent and its state, as decided from all its sources (the store keeps only these). */
export interface DecidedState {
  kind: AgentKind;
  decision: StateDecision;
  /** What the agent reported of itself: how full its context is and what it cost. */
  report?: { context?: ContextUse; costUsd?: number };
}

/**
 * One write of the feed into the store: the worker panes and their fresh
 * screens. Defined here, by the store, so it takes what it needs from the
 * feed without depending on it (data flows feed → store).
 */
export interface WorkerSnapshot {
  at: number;
  panes: PaneInfo[];
  /** Only panes whose lines were read this time. */
  captures: Map<string, string[]>;
  /** Per-pane capture failures, as sentences. */
  paneErrors: Map<string, string>;
  /** Each worker's agent kind and state, when decided this time. */
  states?: Map<string, DecidedState>;
}
