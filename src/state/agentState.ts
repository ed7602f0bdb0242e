/**
 * The vocabulary of agent-state detection: what a worker is doing, which
 * source said so, and the evidence. Every detector and the combining
 * decideState speak these types.
 */
import type { ClaudeSessionFile } from './claudeSessionFiles.js';
import type { TerminalForeground } from './terminalForeground.js';

/** What a worker is doing; `waiting` means waiting for the user. */
export type AgentStateName =
  | 'starting' | 'working' | 'idle' | 'waiting' | 'compacting' | 'error' | 'exited' | 'unknown';

/** Which agent runs in a pane; `generic` is any other program. */
export type AgentKind = 'claude' | 'codex' | 'gemini' | 'aider' | 'generic';

/** Which source decided: the agent's own status file, its screen, tmux's pane facts, or the process table (/proc). */
export type StateSource = 'session-file' | 'screen' | 'tmux' | 'proc';

/** A question the agent asks the user, e.g. a permission prompt. */
export interface WaitingPrompt {
  /** e.g. "Do you want to proceed?" */
  question: string;
  /** The command it asks to run, when the prompt shows one. */
  command?: string;
  /** As shown, numbers included: ["1. Yes", "2. Yes, and don't ask again …", "3. No"]. */
  choices: string[];
}

/** A verdict with its why: every decision names its evidence and source. */
export interface StateDecision {
  state: AgentStateName;
  /** One short human sentence. */
  reason: string;
  /** The exact screen line or file/tmux field that decided it. */
  evidence: string;
  source: StateSource;
  prompt?: WaitingPrompt;
}

/** What tmux says about the pane. */
export interface PaneFacts {
  dead: boolean;
  deadStatus?: number;
  /** `#{pane_current_command}`; empty when not known (e.g. a screen read from a file). */
  currentCommand: string;
  alternateOn?: boolean;
  /** Who holds the terminal of a pane whose own process is a shell (from /proc); undefined when not read. */
  foreground?: TerminalForeground;
}

/** Everything known about one pane at one moment. */
export interface DetectInput {
  kind: AgentKind;
  /** The captured screen; may contain ANSI escapes (detectors strip them). */
  lines: readonly string[];
  pane: PaneFacts;
  /** Claude Code's session file, already matched to this pane (see matchSessionFile). */
  sessionFile?: ClaudeSessionFile;
  previous?: { state: AgentStateName; since: number };
  /** ms since the epoch; defaults to Date.now(). */
  now?: number;
  /** When the pane (or the agent in it) was started, ms since the epoch. */
  startedAt?: number;
}

/** Builds a decision; keeps detector code to one line per verdict. */
export function decision(
  state: AgentStateName,
  reason: string,
  evidence: string,
  source: StateSource,
  prompt?: WaitingPrompt,
): StateDecision {
  return prompt ? { state, reason, evidence, source, prompt } : { state, reason, evidence, source };
}
