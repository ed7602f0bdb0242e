/**
 * What each agent understands, for the actions that only make sense in some:
 * `/compact` and `/clear`, and the key that stops what it is doing. Pure.
 */
import type { AgentKind } from '../state/agentState.js';
import { isShell } from '../state/screenLines.js';

export type SlashCommand = '/compact' | '/clear';

/**
 * Agents known not to have a command, with what they have instead. Codex's
 * `/clear` is not listed: it is not known either way, so it is not refused.
 */
const LACKS: Partial<Record<AgentKind, Partial<Record<SlashCommand, string>>>> = {
  gemini: { '/compact': 'it has /compress' },
  aider: { '/compact': 'it has /clear and /drop' },
};

const PROGRAM: Record<AgentKind, string> = {
  claude: 'Claude Code', codex: 'Codex', gemini: 'Gemini CLI', aider: 'Aider', generic: '',
};

/**
 * Why `command` is refused for this worker, as one sentence, or undefined
 * when its agent has it (or may have it). `program` is what tmux says runs
 * in the pane (`bash`), for a worker that is not a known agent.
 */
export function slashCommandRefusal(worker: string, kind: AgentKind, program: string, command: SlashCommand): string | undefined {
  // A shell surely has neither. Any other program that is not a known agent
  // may be an agent orch-tui does not know: it is not refused.
  if (kind === 'generic') return isShell(program) ? `${worker} runs ${program}, which has no ${command}; nothing was sent.` : undefined;
  const lacks = LACKS[kind]?.[command];
  return lacks === undefined ? undefined : `${worker} runs ${PROGRAM[kind]}, which has no ${command} (${lacks}); nothing was sent.`;
}

const CTRL_C = { key: 'C-c', label: 'Ctrl-C' };
const ESCAPE = { key: 'Escape', label: 'Escape' };

/**
 * The tmux key that interrupts what the worker is doing, and its name for
 * people. Agents stop a turn on Escape, Aider its reply on Ctrl-C. A shell's
 * command (a build, tests, a server) stops on Ctrl-C; a full-screen program
 * that is not a known agent gets Escape, which a full-screen program (maybe
 * an agent orch-tui does not know) takes as "cancel" rather than "quit".
 */
export function interruptKey(kind: AgentKind, fullScreen = false): { key: string; label: string } {
  if (kind === 'aider') return CTRL_C;
  if (kind === 'generic') return fullScreen ? ESCAPE : CTRL_C;
  return ESCAPE;
}
