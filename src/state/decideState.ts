/**
 * One pure function from everything known about a pane to its state, best
 * source first: tmux's facts (a dead pane), then the hook events a Claude
 * orch-tui started reported, then Claude Code's session file refined by its
 * screen, then the agent's screen detector, then the generic rules. Every
 * verdict carries a reason, its evidence and its source.
 */
import { decision, type AgentKind, type AgentStateName, type DetectInput, type StateDecision } from './agentState.js';
import { detectAiderScreen } from './aiderScreen.js';
import { detectClaudeScreen } from './claudeScreen.js';
import type { ClaudeSessionFile } from './claudeSessionFiles.js';
import { decideFromHooks } from './hookState.js';
import { detectCodexScreen } from './codexScreen.js';
import { deadPane, detectGenericScreen } from './genericScreen.js';
import { detectGeminiScreen } from './geminiScreen.js';
import { cleanLines, isShell, lastNonBlank } from './screenLines.js';

/** A pane this young whose state no source is sure of yet is `starting`. */
export const STARTING_GRACE_MS = 8_000;

const SCREEN_DETECTORS: Record<Exclude<AgentKind, 'generic'>, (lines: readonly string[]) => StateDecision | undefined> = {
  claude: detectClaudeScreen,
  codex: detectCodexScreen,
  gemini: detectGeminiScreen,
  aider: detectAiderScreen,
};

/** The state of one pane. Pure: the same input always gives the same decision. */
export function decideState(input: DetectInput): StateDecision {
  const { kind, pane, lines, sessionFile } = input;
  if (pane.dead) return deadPane(pane, lines);
  if (kind === 'generic') {
    return detectGenericScreen(lines, pane) ?? orStarting(input, decision('unknown', 'nothing on its screen tells', bottomLine(lines), 'screen'));
  }
  // A shell in the foreground of an agent's pane: the agent has not started yet, or it has ended.
  if (!sessionFile && isShell(pane.currentCommand)) {
    return orStarting(input, decision('exited', `${kind} is not running; its shell is back at the prompt`, `pane_current_command: ${pane.currentCommand}`, 'tmux'));
  }
  const screen = SCREEN_DETECTORS[kind](lines);
  const reported = kind === 'claude' && input.hooks?.length ? decideFromHooks(input.hooks, sessionFile, screen) : undefined;
  if (reported) return reported;
  if (kind === 'claude' && sessionFile) return withSessionFile(sessionFile, screen);
  if (screen) return screen;
  // A running agent whose screen matches nothing known: saying "working" would hide a dialog that needs the user.
  const unknown = pane.currentCommand
    ? decision('unknown', `${kind} is running but its screen shows no state it knows`, `pane_current_command: ${pane.currentCommand}`, 'tmux')
    : decision('unknown', `its screen shows no ${kind} state it knows`, bottomLine(lines), 'screen');
  return orStarting(input, unknown);
}

/**
 * Claude's session file says idle/busy/waiting; its screen says what the file
 * cannot: compacting (the file says busy), an API error (the file says idle),
 * the permission prompt's text, and a turn already under way before the file
 * catches up (it lags the screen by up to ~0.7 s).
 */
function withSessionFile(file: ClaudeSessionFile, screen: StateDecision | undefined): StateDecision {
  const evidence = `status: "${file.status}"${file.waitingFor ? `, waitingFor: "${file.waitingFor}"` : ''}`;
  switch (file.status) {
    case 'waiting':
      return decision('waiting', `waiting for the user (${file.waitingFor ?? 'input'})`, evidence, 'session-file', screen?.prompt);
    case 'busy':
      if (screen?.state === 'compacting' || screen?.state === 'waiting') return screen;
      return decision('working', screen?.state === 'working' ? screen.reason : 'working on a turn', evidence, 'session-file');
    case 'idle':
      if (screen && ['error', 'working', 'compacting', 'waiting'].includes(screen.state)) return screen;
      return decision('idle', screen?.state === 'idle' ? screen.reason : 'idle at its prompt', evidence, 'session-file');
  }
}

/** `starting` instead of `fallback` while the pane is young and has never been seen in another state. */
function orStarting(input: DetectInput, fallback: StateDecision): StateDecision {
  const { startedAt, previous } = input;
  if (startedAt === undefined || (previous && previous.state !== 'starting')) return fallback;
  const age = (input.now ?? Date.now()) - startedAt;
  if (age < 0 || age >= STARTING_GRACE_MS) return fallback;
  return decision('starting', `started ${Math.round(age / 100) / 10}s ago; no source is sure yet`, fallback.evidence || `started at ${new Date(startedAt).toISOString()}`, fallback.source);
}

/** The screen's last non-blank line, as evidence when nothing matched. */
function bottomLine(lines: readonly string[]): string {
  return lastNonBlank(cleanLines(lines)) || '(empty screen)';
}

/** True when a worker has just finished a turn: it was working (or compacting) and is now idle. */
export function finishedTurn(prev: AgentStateName | undefined, next: AgentStateName): boolean {
  return (prev === 'working' || prev === 'compacting') && next === 'idle';
}
